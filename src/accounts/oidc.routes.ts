import 'express-session';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Translate } from '../shared/languages';
import type { RouteDeps } from '../deps';
import { NotFoundError } from '../shared/errors';
import { parseInput } from '../shared/input';
import { createOidcClient, OidcError, type OidcClient, type OidcFailure, type PendingOidcSignIn } from './oidc-client';
import { signInWithOidc } from './oidc.service';
import { safeNext } from './sign-in.routes';

declare module 'express-session' {
  interface SessionData {
    /** A single sign-on under way: what the provider's answer must match (one answer, once). */
    oidc?: PendingOidcSignIn;
  }
}

export const OIDC_CALLBACK_PATH = '/login/oidc/callback';

/** How long someone may take at the provider before the answer is refused. */
const PENDING_MINUTES = 15;

const StartQuery = z.object({ next: z.string().optional() });

/** What the person reads when single sign-on fails: a catalogue key for the login page, in their language. */
function failureMessage(failure: OidcFailure): { status: number; message: string } {
  switch (failure) {
    case 'cancelled':
      return { status: 401, message: 'auth.oidc.cancelled' };
    case 'provider_refused':
      return { status: 401, message: 'auth.oidc.providerRefused' };
    case 'rejected':
      return { status: 400, message: 'auth.oidc.rejected' };
    case 'unavailable':
      return { status: 502, message: 'auth.oidc.unavailable' };
  }
}

/**
 * Single sign-on over OpenID Connect: GET /login/oidc sends the browser to the provider, GET
 * /login/oidc/callback takes its answer. Both answer 404 when OIDC_ISSUER is not set.
 */
export function oidcRoutes({ db, clock, config, logger }: RouteDeps): Router {
  const router = Router();
  const oidc = config.oidc;
  const redirectUri = `${config.baseUrl}${OIDC_CALLBACK_PATH}`;
  const client: OidcClient | undefined = oidc && createOidcClient(oidc, redirectUri);
  // `message` is a catalogue key; the page names the provider in the reader's language.
  const showError = (res: Response, status: number, message: string, next = '/') => {
    const t = res.locals.t as Translate;
    const provider = oidc?.providerName ?? t('auth.oidc.singleSignOn');
    res.status(status).render('auth/login', { title: t('auth.login.title'), values: { email: '' }, next, error: t(message, { provider }) });
  };

  router.get('/login/oidc', async (req, res, nextHandler) => {
    if (!client) throw new NotFoundError('single sign-on is not configured');
    if (res.locals.currentUser) return res.redirect(303, '/');
    const next = safeNext(parseInput(StartQuery, req.query).next);
    let started: Awaited<ReturnType<OidcClient['start']>>;
    try {
      started = await client.start(next, clock());
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      logger.warn({ reqId: req.id, failure: error.failure, code: error.code, reason: error.message }, 'single sign-on could not start');
      const { status, message } = failureMessage(error.failure);
      return showError(res, status, message, next);
    }
    req.session.oidc = started.pending;
    req.session.save((err) => (err ? nextHandler(err) : res.redirect(303, started.url)));
  });

  router.get(OIDC_CALLBACK_PATH, async (req, res, nextHandler) => {
    if (!client || !oidc) throw new NotFoundError('single sign-on is not configured');
    // One answer per start: whatever happens below, this one cannot be used again.
    const pending = req.session.oidc;
    delete req.session.oidc;
    const now = clock();
    if (!pending || now.getTime() - Date.parse(pending.startedAt) > PENDING_MINUTES * 60_000) {
      logger.info({ reqId: req.id, hadPending: Boolean(pending) }, 'single sign-on answer without a sign-in under way');
      return showError(res, 400, 'auth.oidc.expired');
    }
    const query = req.originalUrl.indexOf('?');
    const callbackUrl = new URL(redirectUri + (query < 0 ? '' : req.originalUrl.slice(query)));
    let claims: Record<string, unknown>;
    try {
      claims = await client.finish(callbackUrl, pending, [oidc.emailClaim, ...(oidc.groupClaim ? [oidc.groupClaim] : [])]);
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      logger.warn({ reqId: req.id, failure: error.failure, code: error.code, reason: error.message }, 'single sign-on answer refused');
      const { status, message } = failureMessage(error.failure);
      return showError(res, status, message, pending.next);
    }
    const outcome = await signInWithOidc(db, oidc, { claims, ip: req.ip ?? '' }, now);
    if (outcome.kind === 'refused') {
      const log = outcome.reason === 'unknown_team' ? logger.warn.bind(logger) : logger.info.bind(logger);
      log({ reqId: req.id, reason: outcome.reason, team: outcome.detail }, 'single sign-on refused');
      return showError(res, 403, outcome.message, pending.next);
    }
    // A new session id at sign-in defeats session fixation, as with a password.
    req.session.regenerate((err) => {
      if (err) return nextHandler(err);
      req.session.userId = outcome.user.id;
      req.session.save((saveErr) => (saveErr ? nextHandler(saveErr) : res.redirect(303, pending.next)));
    });
  });

  return router;
}
