import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../shared/errors';
import type { CurrentUser, Role } from './user';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      currentUser?: CurrentUser;
    }
  }
}

/** Redirects to sign-in when nobody is signed in. */
export function requireUser(req: Request, res: Response, next: NextFunction) {
  if (res.locals.currentUser) return next();
  const back = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
  res.redirect(303, `/login${back}`);
}

/** Route-level guard; services still check their own policies. */
export function requireRole(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.currentUser;
    if (!user) return requireUser(req, res, next);
    if (!roles.includes(user.role)) return next(new ForbiddenError('not allowed for your role'));
    next();
  };
}

/**
 * Route guard from a policy (`canManageCampaigns`…): refuses with 403 before the route reads
 * its input, so a role that may not use a form never gets it back with field errors. The
 * service still checks the same policy.
 */
export function requirePolicy(policy: (user: CurrentUser) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.currentUser;
    if (!user) return requireUser(req, res, next);
    if (!policy(user)) return next(new ForbiddenError('not allowed for your role'));
    next();
  };
}

export function currentUser(res: Response): CurrentUser {
  const user = res.locals.currentUser;
  if (!user) throw new ForbiddenError('not signed in');
  return user;
}

export function flash(req: Request, type: 'success' | 'error' | 'info', message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { type, message }];
}
