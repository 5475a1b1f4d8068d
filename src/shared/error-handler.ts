import type { ErrorRequestHandler, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError } from './errors';
import { DEFAULT_LANGUAGE, translate, type Translate } from './languages';
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

const TITLE_KEYS: Record<number, string> = {
  400: 'errors.title.badRequest',
  403: 'errors.title.forbidden',
  404: 'errors.title.notFound',
  409: 'errors.title.conflict',
  413: 'errors.title.tooLarge',
  415: 'errors.title.unsupported',
  422: 'errors.title.invalid',
  429: 'errors.title.tooMany',
  500: 'errors.title.internal',
  503: 'errors.title.unavailable',
};

const GENERIC_KEYS: Record<number, string> = {
  403: 'errors.generic.forbidden',
  404: 'errors.generic.notFound',
  413: 'errors.generic.tooLarge',
  500: 'errors.generic.internal',
  503: 'errors.generic.unavailable',
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

const english = translate(DEFAULT_LANGUAGE, 'staff');

/**
 * Maps any thrown value to what may be shown, in the language of `t` (English by default);
 * developer strings never get through.
 */
export function toPublicError(err: unknown, t: Translate = english): PublicError {
  const make = (status: number, code: string, message?: string, fields: Record<string, string[]> = {}, vars: Record<string, unknown> = {}): PublicError => ({
    status,
    code,
    title: t(TITLE_KEYS[status] ?? 'errors.title.other'),
    message: message ?? t(GENERIC_KEYS[status] ?? TITLE_KEYS[status] ?? 'errors.title.other'),
    fields: Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, messages.map((m) => t(m, vars))])),
  });
  if (err instanceof AppError) return make(err.status, err.code, err.expose ? t(err.message, err.vars) : undefined, err.fields, err.vars);
  if ((err as { code?: unknown })?.code === 'EBADCSRFTOKEN') return make(403, 'csrf', t('errors.csrf'));
  if (err instanceof ZodError) {
    const fields = rawFieldMessages(err);
    const summary = Object.entries(fields).map(([field, messages]) => `${field}: ${messages.join(', ')}`).join('; ');
    return make(400, 'bad_request', t('errors.invalidRequest', { summary }), fields);
  }
  // Errors of body-parser and other http-errors: their status, and their message only when meant for clients.
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const exposed = (err as { expose?: boolean }).expose === true && err instanceof Error && status !== 413;
    const message = (err as { type?: string }).type === 'entity.parse.failed' ? t('errors.badJson') : exposed ? err.message : undefined;
    return make(status, CODES[status] ?? 'bad_request', message);
  }
  return make(500, 'internal');
}

/**
 * A page's address with values it cannot use (a mangled bookmark): what the schemas say about
 * them when they say it in the catalogue (so in the reader's language), else which parts they
 * are, never the parser's English.
 */
function badAddressMessage(err: unknown, shown: PublicError, t: Translate): string {
  const raw = err instanceof AppError || err instanceof ZodError ? rawFieldMessages(err) : {};
  const parts = [...new Set(Object.keys(raw).map((f) => f.split('.')[0]!))];
  if (!parts.length) return shown.message;
  const messages = Object.values(raw).flat();
  if (messages.every((m) => t(m) !== m)) return [...new Set(Object.values(shown.fields).flat())].join(' ');
  return t('errors.badAddress', { parts: parts.join(', '), count: parts.length });
}

function rawFieldMessages(err: AppError | ZodError): Record<string, string[]> {
  if (err instanceof AppError) return err.fields;
  const fields: Record<string, string[]> = {};
  for (const issue of err.issues) (fields[issue.path.map(String).join('.') || 'input'] ??= []).push(issue.message);
  return fields;
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
    // Logs and the API are in English; a page is in its reader's language.
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
    const t = typeof res.locals.t === 'function' ? (res.locals.t as Translate) : undefined;
    const shown = t ? toPublicError(err, t) : error;
    res.status(error.status).render('error', {
      title: shown.title,
      message: t && error.status === 400 ? badAddressMessage(err, shown, t) : shown.message,
      fields: shown.fields,
      detail: options.showDetails && error.status >= 500 && err instanceof Error ? err.stack : undefined,
    });
  };
}
