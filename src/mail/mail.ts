import { emailAddress } from '../shared/email';
import type { Translate } from '../shared/languages';

/** Kinds of mail in the outbox. Contact kinds are never sent to an opted-out contact. */
export const CONTACT_MAIL_KINDS = ['invitation', 'reminder', 'followup'] as const;
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Placeholder in stored invitation/reminder mails; the worker puts the personal token here at send time. */
export const TOKEN_MARKER = '[[pds-token]]';

/** After this many attempts a temporarily failing mail is given up (status failed). */
export const MAX_ATTEMPTS = 8;
/**
 * Attempts that failed while sending was paused (sender, policy, connection) count too, against
 * this higher limit: about six hours of pauses, so an outage fails nothing while a message that
 * breaks every connection still ends.
 */
export const MAX_PAUSED_ATTEMPTS = 24;
/** Longest wait between two attempts. */
export const MAX_RETRY_SECONDS = 6 * 3600;
/**
 * How long a claimed mail belongs to one worker without news from it; the worker renews the
 * leases of the mails it holds every LEASE_SECONDS / 4, so only a worker that died (or hangs)
 * loses its mails to another.
 */
export const LEASE_SECONDS = 120;
/** First pause after a sender-side refusal; doubles while the refusals go on, capped. */
export const MAX_PAUSE_SECONDS = 15 * 60;

/** Where a shared mail text (outbox_template) takes one recipient's value: `[[pds:contact_name]]`. */
export function fieldMarker(name: string): string {
  return `[[pds:${name}]]`;
}

/** The parts of a mail a template fills in. */
export interface MailParts {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** A text cut once at its markers: literal pieces, and between them the token or a field's name. */
type Slot = { token: true } | { field: string };
interface CutText {
  pieces: string[];
  slots: Slot[];
}

const MARKERS = /\[\[pds-token\]\]|\[\[pds:([a-z_]+)\]\]/g;

function cut(text: string, withFields: boolean): CutText {
  const pieces: string[] = [];
  const slots: Slot[] = [];
  let from = 0;
  for (const m of text.matchAll(MARKERS)) {
    if (m[1] !== undefined && !withFields) continue;
    pieces.push(text.slice(from, m.index));
    slots.push(m[1] === undefined ? { token: true } : { field: m[1] });
    from = m.index + m[0].length;
  }
  pieces.push(text.slice(from));
  return { pieces, slots };
}

function join(text: CutText, token: string, fields: Readonly<Record<string, string>>, encode: (value: string) => string): string {
  let out = text.pieces[0]!;
  for (let i = 0; i < text.slots.length; i++) {
    const slot = text.slots[i]!;
    out += ('token' in slot ? token : encode(fields[slot.field] ?? '')) + text.pieces[i + 1]!;
  }
  return out;
}

/** A mail's parts cut at their markers once, to be filled for many recipients. */
export interface PreparedParts {
  /** Whether a part holds the token marker (the personal link). */
  needsToken: boolean;
  /** The parts with `token` and one recipient's values in place of their markers. */
  fill(token: string, fields: Readonly<Record<string, string>>): MailParts;
}

/**
 * Prepares a mail's parts for filling: the token marker always, `[[pds:name]]` field markers only
 * in a shared text (`withFields`; a mail stored whole has its values in already). Values go in as
 * they are in the plain text, escaped in the HTML, on one line in the subject and headers; one
 * pass, so a value never brings in a marker or a token. A marker without a value is left empty.
 */
export function prepareParts(parts: MailParts, withFields: boolean): PreparedParts {
  const subject = cut(parts.subject, withFields);
  const text = cut(parts.text, withFields);
  const html = cut(parts.html, withFields);
  const headers = Object.entries(parts.headers).map(([name, value]) => [name, cut(value, withFields)] as const);
  const all = [subject, text, html, ...headers.map(([, h]) => h)];
  return {
    needsToken: all.some((t) => t.slots.some((slot) => 'token' in slot)),
    fill: (token, fields) => ({
      subject: join(subject, token, fields, oneLine),
      text: join(text, token, fields, (v) => v),
      html: join(html, token, fields, escapeHtml),
      headers: Object.fromEntries(headers.map(([name, h]) => [name, join(h, token, fields, oneLine)])),
    }),
  };
}

/** Fills one recipient's values into a shared text, leaving the token marker for the worker (see prepareParts). */
export function fillFields(parts: MailParts, fields: Readonly<Record<string, string>>): MailParts {
  return prepareParts(parts, true).fill(TOKEN_MARKER, fields);
}

/** Headers callers may add; anything else is refused so no input can shape the envelope. */
export const ALLOWED_HEADERS = ['List-Unsubscribe', 'List-Unsubscribe-Post', 'Auto-Submitted', 'In-Reply-To', 'References', 'X-PDS-Kind', 'Reply-To', 'X-PDS-Sender-Name'] as const;

/**
 * The sender name of one mail (a campaign's own), kept with its headers in the outbox; the worker
 * makes it the From name and never sends the header itself. Reply-To is sent only when it is one
 * valid address, else the organisation's reply-to is used.
 */
export const SENDER_NAME_HEADER = 'X-PDS-Sender-Name';

/**
 * The Content-ID of the organisation's logo. Mails show it as `cid:` (an image inside the mail,
 * which mail programs show without fetching anything), and the worker attaches the logo to every
 * mail whose HTML refers to it.
 */
export const LOGO_CID = 'organisation-logo@pds-loop';
export const LOGO_SRC = `cid:${LOGO_CID}`;

/** An image carried inside the mail and shown by the HTML through its `cid:`. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: string;
  content: Buffer;
  contentDisposition: 'inline';
}

/** The logo as an inline image when the HTML shows it and there is one; else nothing to attach. */
export function logoAttachments(html: string, logo: { contentType: string; data: Buffer } | null | undefined): InlineImage[] {
  if (!logo || !html.includes(LOGO_SRC)) return [];
  const extension = logo.contentType.split('/')[1] === 'jpeg' ? 'jpg' : (logo.contentType.split('/')[1] ?? 'img');
  return [{ cid: LOGO_CID, filename: `logo.${extension}`, contentType: logo.contentType, content: logo.data, contentDisposition: 'inline' }];
}

// One plain address: no display names, groups, comments, quotes or line breaks (the app's one email rule).
const strictEmail = emailAddress('is not a plain email address');

/** Validates an address strictly; throws on anything nodemailer could read as more than one address. */
export function parseAddress(value: string): string {
  const parsed = strictEmail.safeParse(value);
  if (!parsed.success) throw new Error(`invalid mail address "${oneLine(value).slice(0, 80)}"`);
  return parsed.data;
}

export function isValidAddress(value: string): boolean {
  return strictEmail.safeParse(value).success;
}

/**
 * An address that passed parseAddress, as it gave it back: the outbox stores it without checking
 * it again (a launch checks 100,000 addresses while it reads its audience). Only `parse` makes one.
 */
export class CheckedAddress {
  private constructor(readonly value: string) {}

  /** The checked address, or undefined when parseAddress would refuse it. */
  static parse(value: string): CheckedAddress | undefined {
    const parsed = strictEmail.safeParse(value);
    return parsed.success ? new CheckedAddress(parsed.data) : undefined;
  }
}

/** A typed value without placeholder braces or the token marker, so it cannot fill in anything itself. */
export function withoutPlaceholders(value: string): string {
  // Nearly every name has nothing to remove: skip the split and the replace (a launch has 100,000).
  if (!value.includes('{{') && !value.includes('}}') && !value.includes(TOKEN_MARKER)) return value;
  return value.split(TOKEN_MARKER).join('').replace(/\{\{|\}\}/g, '');
}

/** A typed value as it is filled into a shared text: no placeholder, token marker or line break. */
export function fieldValue(value: string): string {
  return oneLine(withoutPlaceholders(value));
}

/** fieldValue that cleans each distinct value once: for one batch, where many mails name the same customer. */
export function batchFieldValue(): (value: string) => string {
  const cleaned = new Map<string, string>();
  return (value) => {
    let field = cleaned.get(value);
    if (field === undefined) cleaned.set(value, (field = fieldValue(value)));
    return field;
  };
}

/** Header-safe text: line breaks and other control characters become spaces. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/**
 * What a failed send means for the mail and for sending as a whole:
 * - `suppress`: the recipient's address does not exist: fail the mail and suppress the address;
 * - `retry`: this mail only: try it again after the backoff delay (given up after MAX_ATTEMPTS);
 * - `fail`: this message cannot be delivered (too big, refused content): fail it, address kept;
 * - `pause`: the sender, the connection or the server's policy is the problem: pause all sending
 *   for a while and try the mail again then, without counting the attempt.
 */
export type FailureAction = 'suppress' | 'retry' | 'fail' | 'pause';

export interface MailFailure {
  action: FailureAction;
  /** The server's answer (or the error), one line, for the outbox and the admins. */
  message: string;
}

/** The parts of a nodemailer error the classification reads. */
export interface SmtpErrorLike {
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/** "5.1.1" from a reply like "550 5.1.1 <x@y>: user unknown", or undefined without an enhanced code. */
export function enhancedStatusCode(response: string): string | undefined {
  return /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(response.trim())?.[1];
}

/**
 * Classifies a failed send by the SMTP command it failed at and the reply's enhanced status code
 * (RFC 3463). Only a permanent refusal of the recipient at RCPT TO suppresses the address: 5.1.x,
 * or a bare 550/551/553 there. Refusals of the sender (MAIL FROM), of the connection (greeting,
 * EHLO, AUTH, 421, timeouts, dropped sockets) and policy refusals (5.7.x) of the message pause
 * sending, because every other mail would fail the same way. Anything unsure is retried, never
 * suppressed.
 */
export function classifyFailure(error: unknown): MailFailure {
  const e = (error ?? {}) as SmtpErrorLike;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const response = typeof e.response === 'string' ? e.response : '';
  const command = typeof e.command === 'string' ? e.command.toUpperCase() : '';
  const errorCode = typeof e.code === 'string' ? e.code : 'error';
  const message = oneLine(response || String(e.message ?? error)).slice(0, 500);
  const shown = code === undefined ? `${errorCode}: ${message}` : message;
  const enhanced = enhancedStatusCode(response);

  if (code === undefined) {
    // Refused by nodemailer itself before any reply (an envelope or message it cannot send).
    if (errorCode === 'EMESSAGE' || errorCode === 'ESTREAM' || errorCode === 'EENVELOPE') return { action: 'fail', message: shown };
    // Refused, dropped or timed-out connections: nothing to do with this mail.
    return { action: 'pause', message: shown };
  }
  // The server is closing the session (overloaded, rate limit).
  if (code === 421) return { action: 'pause', message: shown };
  if (command === 'MAIL FROM') {
    // A message larger than the server takes is this message's problem, not the sender's.
    if (enhanced === '5.3.4' || code === 552) return { action: 'fail', message: shown };
    return { action: 'pause', message: shown };
  }
  if (command === 'RCPT TO') {
    if (code >= 500 && (enhanced?.startsWith('5.1.') || (enhanced === undefined && [550, 551, 553].includes(code)))) return { action: 'suppress', message: shown };
    return { action: 'retry', message: shown };
  }
  if (command === 'DATA') {
    if (enhanced?.startsWith('5.7.') || enhanced?.startsWith('4.7.')) return { action: 'pause', message: shown };
    if (code >= 500 && enhanced !== undefined) return { action: 'fail', message: shown };
    return { action: 'retry', message: shown };
  }
  // Greeting, EHLO, STARTTLS, AUTH, RSET: the session itself failed.
  if (command === 'CONN' || command === 'EHLO' || command === 'HELO' || command === 'LHLO' || command === 'STARTTLS' || command.startsWith('AUTH') || command === 'RSET') {
    return { action: 'pause', message: shown };
  }
  return { action: 'retry', message: shown };
}

/** Exponential backoff: first delay, then doubling, capped. `attempts` counts tries made so far (≥1). */
export function retryDelaySeconds(firstDelaySeconds: number, attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, firstDelaySeconds * 2 ** Math.max(0, attempts - 1));
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Personal tokens are never stored: a stored mail shows where the worker puts them. */
export function showTokenPlaceholder(value: string): string {
  return value.split(TOKEN_MARKER).join('<personal-token>');
}

/** An address as a page reached by a link may show it: "re…@example.com". */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}…@${domain}`;
}

// The staff catalogue's key for each kind's name (locales/<lang>/staff.json, labels.mailKind).
const MAIL_KIND_LABELS: Record<string, string> = {
  invitation: 'labels.mailKind.invitation',
  reminder: 'labels.mailKind.reminder',
  followup: 'labels.mailKind.followup',
  followup_approval: 'labels.mailKind.followup_approval',
  followup_not_helpful: 'labels.mailKind.followup_not_helpful',
  followup_rejected: 'labels.mailKind.followup_rejected',
  guess_invitation: 'labels.mailKind.guess_invitation',
  kam_alert: 'labels.mailKind.kam_alert',
  test: 'labels.mailKind.test',
  ticket_assigned: 'labels.mailKind.ticket_assigned',
  ticket_created: 'labels.mailKind.ticket_created',
  ticket_escalation: 'labels.mailKind.ticket_escalation',
  user_invitation: 'labels.mailKind.user_invitation',
  webhook_disabled: 'labels.mailKind.webhook_disabled',
};

/** Every kind of mail PDS Loop sends, for the outbox's filter. */
export const MAIL_KINDS: readonly string[] = Object.freeze(Object.keys(MAIL_KIND_LABELS));

/** What a person calls a kind of mail, in the reader's language; a kind added later without a label still reads as words. */
export function mailKindLabel(kind: string, t: Translate): string {
  const key = MAIL_KIND_LABELS[kind];
  return key ? t(key) : kind.charAt(0).toUpperCase() + kind.slice(1).replace(/_/g, ' ');
}
