import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../db/database';
import { findCurrentUser } from './user.repository';

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
