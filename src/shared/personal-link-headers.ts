import type { RequestHandler } from 'express';

/** Pages behind a personal link (/s, /f, /u): never cached, never indexed, never sent as a referrer. */
export const personalLinkHeaders: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  res.set('X-Robots-Tag', 'noindex, nofollow');
  res.set('Referrer-Policy', 'no-referrer');
  next();
};
