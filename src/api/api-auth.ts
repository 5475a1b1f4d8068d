import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../db/database';
import type { Clock } from '../shared/time';
import { sendApiError } from '../shared/error-handler';
import { authenticateApiKey } from './api-key.service';

/**
 * Authenticates /api/v1 with `Authorization: Bearer <api key>`. A key acts as the user it
 * was created for, so the API applies exactly the policies the pages apply to that user.
 */
export function requireApiKey(db: Db, clock: Clock) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) {
      res.set('WWW-Authenticate', 'Bearer');
      sendApiError(res, { status: 401, code: 'unauthorized', message: 'Send an API key as "Authorization: Bearer <key>".', fields: {} });
      return;
    }
    const user = await authenticateApiKey(db, match[1], clock());
    if (!user) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      sendApiError(res, { status: 401, code: 'unauthorized', message: 'This API key is unknown or revoked.', fields: {} });
      return;
    }
    res.locals.currentUser = user;
    res.set('Cache-Control', 'no-store');
    next();
  };
}
