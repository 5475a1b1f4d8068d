/**
 * A staff form sent after the session ran out is not lost: the sender is asked to sign in, and
 * back on the form's page what they typed is in the form again, for them to check and send
 * (never sent by itself: the new page carries a new CSRF token, and the check stays on). Kept in
 * the server-side session of the sign-in, once, for an hour; never passwords, tokens or files;
 * only a same-origin form whose page is a path of this site; at most KEPT_FORM_MAX_CHARS.
 * Mounted after the session and before the CSRF check (src/app.ts).
 */
import type { NextFunction, Request, Response } from 'express';
import { Parser } from 'htmlparser2';

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
const valuesOf = (fields: Record<string, string[]>, name: string | undefined) => (name === undefined ? undefined : (fields[name] ?? fields[name.replace(/\[\]$/, '')]));
const UNKEPT_INPUTS = new Set(['hidden', 'password', 'file', 'submit', 'button', 'reset', 'image']);

/** A replacement of html[start, end) (an insertion when start = end). */
interface Patch {
  start: number;
  end: number;
  text: string;
}

/** An attribute as written in the page: its name and where it stands, from the parser. */
interface AttributeSpan {
  name: string;
  start: number;
  end: number;
}

/**
 * The page's HTML with the kept values in each form that posts where the kept form posted: text
 * fields' value, text areas' text, menus' selected options, boxes' checked (hidden fields stay
 * the page's). The page is read with htmlparser2 and only the changed attributes and texts are
 * replaced, at the parser's own positions: everything else stays byte for byte as rendered.
 */
export function restoreKeptForm(html: string, kept: Pick<KeptForm, 'page' | 'action' | 'fields'>): string {
  const patches: Patch[] = [];
  let spans: AttributeSpan[] = [];
  let inForm = false;
  let textarea: { values: string[]; contentStart: number } | undefined;
  let select: string[] | undefined;
  let option: { attribs: Record<string, string>; spans: AttributeSpan[]; insertAt: number; label: string } | undefined;

  // Removes an attribute with the blank before it: `<option selected>` → `<option>`.
  const remove = (span: AttributeSpan) => {
    let start = span.start;
    while (start > 0 && /\s/.test(html[start - 1]!)) start -= 1;
    patches.push({ start, end: span.end, text: '' });
  };
  // Where a new attribute goes: after the last attribute (or the name), before any blank or "/" that closes the tag.
  const insertPoint = (tagEnd: number) => {
    let at = tagEnd;
    while (at > 0 && (html[at - 1] === '/' || /\s/.test(html[at - 1]!))) at -= 1;
    return at;
  };
  const setFlag = (flag: 'checked' | 'selected', tagSpans: AttributeSpan[], insertAt: number, isOn: boolean) => {
    for (const span of tagSpans.filter((x) => x.name === flag)) remove(span);
    if (isOn) patches.push({ start: insertAt, end: insertAt, text: ` ${flag}` });
  };
  const endOption = () => {
    if (option && select) setFlag('selected', option.spans, option.insertAt, select.includes(option.attribs.value ?? option.label.trim()));
    option = undefined;
  };

  const parser = new Parser(
    {
      onopentagname() {
        spans = [];
      },
      onattribute(name) {
        spans.push({ name, start: parser.startIndex, end: parser.endIndex });
      },
      onopentag(name, attribs) {
        const tagEnd = parser.endIndex;
        if (name === 'form') {
          const action = (attribs.action ?? kept.page).split('#')[0];
          inForm = (attribs.method ?? 'get').toLowerCase() === 'post' && action === kept.action;
          return;
        }
        if (!inForm) return;
        if (name === 'input') {
          const type = (attribs.type ?? 'text').toLowerCase();
          if (UNKEPT_INPUTS.has(type)) return;
          const values = valuesOf(kept.fields, attribs.name);
          if (type === 'checkbox' || type === 'radio') return setFlag('checked', spans, insertPoint(tagEnd), (values ?? []).includes(attribs.value ?? 'on'));
          if (!values) return;
          const value = ` value="${escapeHtml(values[0] ?? '')}"`;
          const written = spans.find((x) => x.name === 'value');
          if (written) {
            remove(written);
            patches.push({ start: written.end, end: written.end, text: value });
          } else patches.push({ start: insertPoint(tagEnd), end: insertPoint(tagEnd), text: value });
        } else if (name === 'textarea') {
          const values = valuesOf(kept.fields, attribs.name);
          textarea = values ? { values, contentStart: tagEnd + 1 } : undefined;
        } else if (name === 'select') {
          select = valuesOf(kept.fields, attribs.name);
        } else if (name === 'option' && select) {
          option = { attribs, spans, insertAt: insertPoint(tagEnd), label: '' };
        }
      },
      ontext(text) {
        if (option) option.label += text;
      },
      onclosetag(name) {
        if (name === 'form') inForm = false;
        else if (name === 'textarea' && textarea) {
          patches.push({ start: textarea.contentStart, end: parser.startIndex, text: escapeHtml(textarea.values[0] ?? '') });
          textarea = undefined;
        } else if (name === 'option') endOption();
        else if (name === 'select') {
          endOption();
          select = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);

  patches.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const patch of patches) {
    out += html.slice(at, patch.start) + patch.text;
    at = Math.max(at, patch.end);
  }
  return out + html.slice(at);
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
