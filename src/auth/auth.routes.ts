import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { SignInForm } from '../accounts/account.schemas';
import { insertAuditEntry } from '../audit/audit.repository';
import { TooManyRequestsError } from '../shared/errors';
import { signIn } from './auth.service';
import { parseInput } from '../shared/input';

const NextQuery = z.object({ next: z.string().optional() });

// Only same-site paths: an open redirect would make the sign-in page a phishing tool.
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function authRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    if (res.locals.currentUser) return res.redirect(303, '/');
    const { next } = parseInput(NextQuery, req.query);
    res.render('auth/login', { title: 'Sign in', values: { email: '' }, next: safeNext(next), error: undefined });
  });

  router.post('/login', async (req, res, nextHandler) => {
    const form = SignInForm.safeParse(req.body);
    const next = safeNext(typeof req.body?.next === 'string' ? req.body.next : undefined);
    const values = { email: form.success ? form.data.email : '' };
    if (!form.success || !form.data.email || !form.data.password) {
      return res.status(422).render('auth/login', { title: 'Sign in', values, next, error: 'Enter your email and password.' });
    }
    try {
      const result = await signIn(db, { email: form.data.email, password: form.data.password, ip: req.ip ?? '' }, clock());
      if (!result.ok) {
        return res.status(401).render('auth/login', { title: 'Sign in', values, next, error: 'The email or password is not right.' });
      }
      // A new session id at sign-in defeats session fixation.
      req.session.regenerate((err) => {
        if (err) return nextHandler(err);
        req.session.userId = result.user.id;
        req.session.save((saveErr) => (saveErr ? nextHandler(saveErr) : res.redirect(303, next)));
      });
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        return res.status(429).render('auth/login', { title: 'Sign in', values, next, error: error.message });
      }
      throw error;
    }
  });

  router.post('/logout', (req, res, nextHandler) => {
    const userId = req.session.userId;
    req.session.destroy(async (err) => {
      if (err) return nextHandler(err);
      if (userId) await insertAuditEntry(db, { event: 'sign_out', actorUserId: userId, ip: req.ip }, clock());
      res.clearCookie('pds.sid');
      res.redirect(303, '/login');
    });
  });

  return router;
}
