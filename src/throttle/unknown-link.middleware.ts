import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Db } from '../db/database';
import { NotFoundError } from '../shared/errors';
import type { Clock } from '../shared/time';
import { isUnknownLinkThrottled } from './throttle.service';

// One limiter for the three kinds of personal link (/s, /f, /u), kept in the database so every
// process agrees: only "no such link" answers count, and a valid link is never refused.

function renderThrottled(res: Response): void {
  res.status(429).set('Cache-Control', 'no-store').render('survey/unavailable', { reason: 'throttled' });
}

/** Answers a link that leads nowhere: `notFound()` renders the 404, or the 429 page once the address had too many. */
export function unknownLinkAnswer(db: Db, clock: Clock) {
  return async (req: Request, res: Response, notFound: () => void): Promise<void> => {
    if (await isUnknownLinkThrottled(db, req.ip ?? '', clock())) return renderThrottled(res);
    notFound();
  };
}

/** The same for routes whose services throw NotFoundError; mount it on the link's path only. */
export function countUnknownLinks(db: Db, clock: Clock): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (!(err instanceof NotFoundError) || res.headersSent) return next(err);
    isUnknownLinkThrottled(db, req.ip ?? '', clock()).then((isThrottled) => (isThrottled ? renderThrottled(res) : next(err)), next);
  };
}
