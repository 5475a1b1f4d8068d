import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../db/database';
import { findCurrentUser } from '../accounts/user.repository';
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

/** Loads the signed-in user, if any, for every request. A deactivated user is signed out. */
export function loadCurrentUser(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const userId = req.session?.userId;
    if (userId) {
      const user = await findCurrentUser(db, userId);
      if (user) {
        res.locals.currentUser = user;
        // Signed-in pages may hold personal data: never store them in a shared cache.
        res.set('Cache-Control', 'no-store');
      } else {
        delete req.session.userId;
      }
    }
    next();
  };
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

export function currentUser(res: Response): CurrentUser {
  const user = res.locals.currentUser;
  if (!user) throw new ForbiddenError('not signed in');
  return user;
}

export function flash(req: Request, type: 'success' | 'error' | 'info', message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { type, message }];
}
