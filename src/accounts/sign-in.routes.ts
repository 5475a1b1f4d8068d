import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { SignInForm } from './account.schemas';
import { parseInput } from '../shared/input';
import type { Translate } from '../shared/languages';
import { recordSignOut, signIn } from './sign-in.service';

const NextQuery = z.object({ next: z.string().optional() });

// Only same-site paths: an open redirect would make the sign-in page a phishing tool.
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function signInRoutes({ db, clock, config }: RouteDeps): Router {
  const router = Router();

  // The sign-in page and its answers carry a CSRF token and what was typed: never cached.
  router.use('/login', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    // Which ways to sign in the page offers (single sign-on: oidc.routes.ts).
    res.locals.signOn = { providerName: config.oidc?.providerName, passwordSignIn: config.passwordSignIn };
    next();
  });

  router.get('/login', (req, res) => {
    if (res.locals.currentUser) return res.redirect(303, '/');
    const { next } = parseInput(NextQuery, req.query);
    res.render('auth/login', { title: (res.locals.t as Translate)('auth.login.title'), values: { email: '' }, next: safeNext(next), error: undefined });
  });

  router.post('/login', async (req, res, nextHandler) => {
    const form = SignInForm.safeParse(req.body);
    const next = safeNext(typeof req.body?.next === 'string' ? req.body.next : undefined);
    const values = { email: form.success ? form.data.email : '' };
    const t = res.locals.t as Translate;
    const refuse = (status: number, error: string) => res.status(status).render('auth/login', { title: t('auth.login.title'), values, next, error });
    if (!config.passwordSignIn) {
      return refuse(403, config.oidc?.providerName ? t('auth.errors.passwordOffWith', { provider: config.oidc.providerName }) : t('auth.errors.passwordOff'));
    }
    if (!form.success || !form.data.email || !form.data.password) return refuse(422, t('auth.errors.missing'));
    const outcome = await signIn(db, { email: form.data.email, password: form.data.password, ip: req.ip ?? '' }, clock());
    if (outcome.kind === 'throttled') return refuse(429, t(outcome.message));
    if (outcome.kind === 'refused') return refuse(401, t('auth.errors.refused'));
    // A new session id at sign-in defeats session fixation.
    req.session.regenerate((err) => {
      if (err) return nextHandler(err);
      req.session.userId = outcome.user.id;
      req.session.save((saveErr) => (saveErr ? nextHandler(saveErr) : res.redirect(303, next)));
    });
  });

  router.post('/logout', (req, res, nextHandler) => {
    const userId = req.session.userId;
    req.session.destroy((err) => {
      if (err) return nextHandler(err);
      const recorded = userId ? recordSignOut(db, userId, req.ip, clock()) : Promise.resolve();
      recorded.then(() => {
        res.clearCookie('pds.sid');
        res.redirect(303, '/login');
      }, nextHandler);
    });
  });

  return router;
}
