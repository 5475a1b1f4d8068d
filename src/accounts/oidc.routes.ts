import 'express-session';
import { Router, type Response } from 'express';
import { z } from 'zod';
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

function failureMessage(failure: OidcFailure, providerName: string): { status: number; message: string } {
  switch (failure) {
    case 'cancelled':
      return { status: 401, message: `The sign-in at ${providerName} was cancelled. You can start again.` };
    case 'provider_refused':
      return { status: 401, message: `${providerName} did not sign you in. Try again, or ask a PDS Loop admin.` };
    case 'rejected':
      return { status: 400, message: `The answer from ${providerName} could not be verified, so you were not signed in. Start again.` };
    case 'unavailable':
      return { status: 502, message: `${providerName} cannot be reached right now. Try again in a few minutes.` };
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
  const providerName = oidc?.providerName ?? 'single sign-on';

  const showError = (res: Response, status: number, error: string, next = '/') =>
    res.status(status).render('auth/login', { title: 'Sign in', values: { email: '' }, next, error });

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
      const { status, message } = failureMessage(error.failure, providerName);
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
      return showError(res, 400, `This sign-in has expired or was already used. Start again with "Sign in with ${providerName}".`);
    }
    const query = req.originalUrl.indexOf('?');
    const callbackUrl = new URL(redirectUri + (query < 0 ? '' : req.originalUrl.slice(query)));
    let claims: Record<string, unknown>;
    try {
      claims = await client.finish(callbackUrl, pending, [oidc.emailClaim, ...(oidc.groupClaim ? [oidc.groupClaim] : [])]);
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      logger.warn({ reqId: req.id, failure: error.failure, code: error.code, reason: error.message }, 'single sign-on answer refused');
      const { status, message } = failureMessage(error.failure, providerName);
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
