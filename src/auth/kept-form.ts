/**
 * A staff form sent after the session ran out is not lost: the sender is asked to sign in, and
 * back on the form's page what they typed is in the form again, for them to check and send
 * (never sent by itself: the new page carries a new CSRF token, and the check stays on). Kept in
 * the server-side session of the sign-in, once, for an hour; never passwords, tokens or files;
 * only a same-origin form whose page is a path of this site; at most KEPT_FORM_MAX_CHARS.
 * Mounted after the session and before the CSRF check (src/app.ts).
 */
import type { NextFunction, Request, Response } from 'express';

export interface KeptForm {
  /** The page the form was on (path and query), where it is shown again. */
  page: string;
  /** The path the form posts to: which form of the page gets the values. */
  action: string;
  fields: Record<string, string[]>;
  keptAt: number;
}

declare module 'express-session' {
  interface SessionData {
    keptForm?: KeptForm;
    /** The sign-in page says the session ended (and whether the form was kept). */
    keptFormNotice?: 'kept' | 'lost';
  }
}

export const KEPT_FORM_MAX_CHARS = 20_000;
const KEPT_FORM_MAX_FIELDS = 200;
const KEPT_FORM_MS = 3600_000;

/** Forms whose POST is no staff page's: signing in and out, invitations, single sign-on, one-click unsubscribe. */
const NOT_KEPT = /^\/(login|logout|invitations|oidc|u|s|f|api)(\/|$)/i;
/** Fields never kept: passwords (and their repetition), tokens and secrets. */
const SECRET_FIELD = /pass|pwd|confirm|secret|token|csrf/i;

/** The form's fields as names and values, as the browser sent them (`note[en]`, repeated names). */
function flatten(body: unknown, prefix = '', out: Record<string, string[]> = {}): Record<string, string[]> {
  if (typeof body === 'string') (out[prefix] ??= []).push(body);
  else if (Array.isArray(body)) for (const v of body) flatten(v, prefix, out);
  else if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) flatten(v, prefix ? `${prefix}[${k}]` : k, out);
  }
  return out;
}

function keepableFields(body: unknown): Record<string, string[]> | undefined {
  const fields = Object.fromEntries(Object.entries(flatten(body)).filter(([name]) => name && !SECRET_FIELD.test(name)));
  if (Object.keys(fields).length > KEPT_FORM_MAX_FIELDS) return undefined;
  if (JSON.stringify(fields).length > KEPT_FORM_MAX_CHARS) return undefined;
  return fields;
}

/** The path and query of a same-origin address, else undefined. */
function sameOriginPath(address: string | undefined, origins: string[]): string | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address);
    return origins.includes(url.origin) ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}

function isFromThisSite(req: Request, origins: string[]): boolean {
  const origin = req.get('origin');
  if (origin !== undefined) return origins.includes(origin);
  return sameOriginPath(req.get('referer'), origins) !== undefined;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const valuesOf = (fields: Record<string, string[]>, name: string | undefined) => (name === undefined ? undefined : (fields[decode(name)] ?? fields[decode(name).replace(/\[\]$/, '')]));

/** One form's HTML with the kept values in its text fields, text areas, menus and boxes (hidden fields stay the page's). */
function fillForm(form: string, fields: Record<string, string[]>): string {
  return form
    .replace(/<textarea\b([^>]*)>[\s\S]*?<\/textarea>/gi, (whole, attrs: string) => {
      const values = valuesOf(fields, attr(attrs, 'name'));
      return values ? `<textarea${attrs}>${escapeHtml(values[0] ?? '')}</textarea>` : whole;
    })
    .replace(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi, (whole, attrs: string, options: string) => {
      const values = valuesOf(fields, attr(attrs, 'name'));
      if (!values) return whole;
      const chosen = options.replace(/<option\b([^>]*)>([^<]*)/gi, (_o, oa: string, label: string) => {
        const value = decode(attr(oa, 'value') ?? label.trim());
        const rest = oa.replace(/\sselected(="[^"]*")?/gi, '');
        return `<option${rest}${values.includes(value) ? ' selected' : ''}>${label}`;
      });
      return `<select${attrs}>${chosen}</select>`;
    })
    .replace(/<input\b([^>]*?)(\s*\/?)>/gi, (whole, attrs: string, end: string) => {
      const type = (attr(attrs, 'type') ?? 'text').toLowerCase();
      if (['hidden', 'password', 'file', 'submit', 'button', 'reset', 'image'].includes(type)) return whole;
      const values = valuesOf(fields, attr(attrs, 'name'));
      if (type === 'checkbox' || type === 'radio') {
        const isChecked = (values ?? []).includes(decode(attr(attrs, 'value') ?? 'on'));
        return `<input${attrs.replace(/\schecked(="[^"]*")?/gi, '')}${isChecked ? ' checked' : ''}${end}>`;
      }
      if (!values) return whole;
      const value = ` value="${escapeHtml(values[0] ?? '')}"`;
      return `<input${/\svalue="[^"]*"/i.test(attrs) ? attrs.replace(/\svalue="[^"]*"/i, value) : `${attrs}${value}`}${end}>`;
    });
}

/** The page's HTML with the kept values in each form that posts where the kept form posted. */
export function restoreKeptForm(html: string, kept: Pick<KeptForm, 'page' | 'action' | 'fields'>): string {
  return html.replace(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi, (whole, attrs: string, inner: string) => {
    if ((attr(attrs, 'method') ?? 'get').toLowerCase() !== 'post') return whole;
    const action = decode(attr(attrs, 'action') ?? kept.page).split('#')[0];
    return action === kept.action ? `<form${attrs}>${fillForm(inner, kept.fields)}</form>` : whole;
  });
}

/** Runs `before` when the route renders its page, after every middleware (the reader's `t` is known then). */
function onRender(res: Response, before: () => void, after: (html: string) => string = (html) => html): void {
  const render = res.render.bind(res);
  res.render = ((view: string, options?: object | ((err: Error, html: string) => void), callback?: (err: Error, html: string) => void) => {
    before();
    const locals = typeof options === 'function' ? {} : (options ?? {});
    const done = typeof options === 'function' ? options : callback;
    render(view, locals, (err: Error | null, html: string) => {
      if (done) return done(err as Error, err ? html : after(html));
      if (err) return res.req.next?.(err);
      res.send(after(html));
    });
  }) as Response['render'];
}

const addFlash = (res: Response, type: 'info', message: string) => {
  res.locals.flashes = [...((res.locals.flashes as { type: string; message: string }[] | undefined) ?? []), { type, message }];
};

/**
 * The middleware. `baseUrl` is the site's public address; the request's own host also counts
 * as this site (behind a proxy that keeps the Host header).
 */
export function keptForm(options: { baseUrl: string; clock?: () => Date }) {
  const now = () => (options.clock ?? (() => new Date()))().getTime();
  return (req: Request, res: Response, next: NextFunction) => {
    const session = req.session;
    if (!session) return next();
    const origins = [sameOriginOf(options.baseUrl), `${req.protocol}://${req.get('host')}`].filter((o): o is string => !!o);

    // A form sent with a session that is gone: to the sign-in, keeping what was typed if we may.
    const hadSession = /(?:^|;\s*)pds\.sid=/.test(req.headers.cookie ?? '');
    if (req.method === 'POST' && !session.userId && hadSession && !NOT_KEPT.test(req.path) && isFromThisSite(req, origins)) {
      // The form's page is where the browser was; without it there is nowhere to show the form again.
      const page = sameOriginPath(req.get('referer'), origins);
      const fields = page !== undefined && req.is('application/x-www-form-urlencoded') ? keepableFields(req.body) : undefined;
      if (page !== undefined && fields) session.keptForm = { page, action: req.path, fields, keptAt: now() };
      else delete session.keptForm;
      session.keptFormNotice = fields ? 'kept' : 'lost';
      return res.redirect(303, `/login?next=${encodeURIComponent(page ?? '/')}`);
    }

    // A new session id at sign-in (against session fixation) takes the kept form along.
    const kept = session.keptForm;
    if (kept && !session.userId) {
      const regenerate = session.regenerate.bind(session);
      session.regenerate = (callback) =>
        regenerate((err) => {
          if (!err && req.session) req.session.keptForm = kept;
          callback(err);
        });
    }

    if (req.method !== 'GET') return next();
    if (session.keptFormNotice && !session.userId && req.path === '/login') {
      const notice = session.keptFormNotice;
      delete session.keptFormNotice;
      onRender(res, () => addFlash(res, 'info', (res.locals.t as (key: string) => string)(notice === 'kept' ? 'session.expiredKept' : 'session.expired')));
    }
    if (kept && session.userId) {
      if (now() - kept.keptAt > KEPT_FORM_MS) delete session.keptForm;
      else if (req.originalUrl === kept.page) {
        delete session.keptForm;
        onRender(res, () => addFlash(res, 'info', (res.locals.t as (key: string) => string)('session.restored')), (html) => restoreKeptForm(html, kept));
      }
    }
    next();
  };
}

function sameOriginOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return undefined;
  }
}
