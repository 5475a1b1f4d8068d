import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../db/database';
import { findCurrentUser } from '../accounts/user.repository';
import type { Clock } from '../shared/time';
import { hashToken } from '../shared/tokens';
import { sendApiError } from '../shared/error-handler';
import { findActiveApiKeyByHash, updateApiKeyLastUsed } from './api-key.repository';

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
    const row = await findActiveApiKeyByHash(db, hashToken(match[1]));
    const user = row && (await findCurrentUser(db, row.userId));
    if (!row || !user) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      sendApiError(res, { status: 401, code: 'unauthorized', message: 'This API key is unknown or revoked.', fields: {} });
      return;
    }
    await updateApiKeyLastUsed(db, row.id, clock());
    res.locals.currentUser = user;
    res.set('Cache-Control', 'no-store');
    next();
  };
}
