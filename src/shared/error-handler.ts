import type { ErrorRequestHandler, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError } from './errors';
import type { Logger } from './logger';
import { redactUrl } from './redact';

/** What a user or API client is told about a failed request. */
export interface PublicError {
  status: number;
  code: string;
  title: string;
  message: string;
  fields: Record<string, string[]>;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported format',
  422: 'Check the form',
  429: 'Too many attempts',
  500: 'Something went wrong',
  503: 'Try again in a moment',
};

const GENERIC: Record<number, string> = {
  403: 'You may not do this with your role.',
  404: 'There is no page at this address, or you may not see it.',
  413: 'What you sent is too large.',
  500: 'Something went wrong on our side. Please try again.',
  503: 'The service is busy right now. Please try again in a moment.',
};

const CODES: Record<number, string> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  422: 'invalid',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** Maps any thrown value to what may be shown; developer strings never get through. */
export function toPublicError(err: unknown): PublicError {
  const make = (status: number, code: string, message?: string, fields: Record<string, string[]> = {}): PublicError => ({
    status,
    code,
    title: TITLES[status] ?? 'Error',
    message: message ?? GENERIC[status] ?? TITLES[status] ?? 'Error',
    fields,
  });
  if (err instanceof AppError) return make(err.status, err.code, err.expose ? err.message : undefined, err.fields);
  if ((err as { code?: unknown })?.code === 'EBADCSRFTOKEN') {
    return make(403, 'csrf', 'This form has expired or was not sent from this site. Go back, reload the page and try again.');
  }
  if (err instanceof ZodError) {
    const fields: Record<string, string[]> = {};
    for (const issue of err.issues) (fields[issue.path.map(String).join('.') || 'input'] ??= []).push(issue.message);
    const summary = Object.entries(fields).map(([field, messages]) => `${field}: ${messages.join(', ')}`).join('; ');
    return make(400, 'bad_request', `Invalid request: ${summary}`, fields);
  }
  // Errors of body-parser and other http-errors: their status, and their message only when meant for clients.
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const exposed = (err as { expose?: boolean }).expose === true && err instanceof Error && status !== 413;
    const message = (err as { type?: string }).type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : exposed ? err.message : undefined;
    return make(status, CODES[status] ?? 'bad_request', message);
  }
  return make(500, 'internal');
}

/** True for requests of the JSON API, which answer every error with one body. */
export function isApiRequest(req: Request): boolean {
  return req.path.startsWith('/api/');
}

/** The JSON error body of the whole API: `{ error: { code, message, fields } }`. */
export function sendApiError(res: Response, error: Pick<PublicError, 'status' | 'code' | 'message' | 'fields'>): void {
  res.status(error.status).json({ error: { code: error.code, message: error.message, fields: error.fields } });
}

/**
 * The one error middleware: a 500 is logged once, here, with the request id and user id, and
 * shown as a generic page; a 400 is logged as a warning; pages render `error.ejs`, the API its
 * JSON body.
 */
export function errorHandler(logger: Logger, options: { showDetails: boolean }): ErrorRequestHandler {
  // Express tells an error handler by its four parameters; this one never passes the error on.
  return (err, req, res, _next) => {
    const error = toPublicError(err);
    const context = { reqId: req.id, userId: res.locals.currentUser?.id, url: redactUrl(req.originalUrl) };
    if (error.status >= 500) logger.error({ ...context, err }, 'request failed');
    else if (error.status === 400) logger.warn({ ...context, reason: error.message }, 'bad request');
    // Part of the answer is already sent: cut the connection, so the client sees it is incomplete.
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (isApiRequest(req)) return sendApiError(res, error);
    res.status(error.status).render('error', {
      title: error.title,
      message: error.message,
      fields: error.fields,
      detail: options.showDetails && error.status >= 500 && err instanceof Error ? err.stack : undefined,
    });
  };
}
