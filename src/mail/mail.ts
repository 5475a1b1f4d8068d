import { z } from 'zod';

/** Kinds of mail in the outbox. Contact kinds are never sent to an opted-out contact. */
export const CONTACT_MAIL_KINDS = ['invitation', 'reminder', 'followup'] as const;
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Placeholder in stored invitation/reminder mails; the worker puts the personal token here at send time. */
export const TOKEN_MARKER = '[[pds-token]]';

/** After this many attempts a temporarily failing mail is given up (status failed). */
export const MAX_ATTEMPTS = 8;
/** Longest wait between two attempts. */
export const MAX_RETRY_SECONDS = 6 * 3600;
/** How long a claimed mail belongs to one worker; after that another worker may retry it. */
export const LEASE_SECONDS = 120;

/** Headers callers may add; anything else is refused so no input can shape the envelope. */
export const ALLOWED_HEADERS = ['List-Unsubscribe', 'List-Unsubscribe-Post', 'Auto-Submitted', 'In-Reply-To', 'References', 'X-PDS-Kind'] as const;

const strictEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  // One plain address: no display names, groups, comments, quotes or line breaks.
  .regex(/^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/, 'is not a plain email address')
  .pipe(z.email());

/** Validates an address strictly; throws on anything nodemailer could read as more than one address. */
export function parseAddress(value: string): string {
  const parsed = strictEmail.safeParse(value);
  if (!parsed.success) throw new Error(`invalid mail address "${oneLine(value).slice(0, 80)}"`);
  return parsed.data;
}

export function isValidAddress(value: string): boolean {
  return strictEmail.safeParse(value).success;
}

/** Header-safe text: line breaks and other control characters become spaces. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

export interface MailFailure {
  permanent: boolean;
  /** A permanent failure that concerns the recipient: suppress the address. */
  suppress: boolean;
  message: string;
}

/**
 * 5xx replies are permanent (not retried; the address is suppressed); 4xx replies, refused
 * or lost connections and timeouts are temporary.
 */
export function classifyFailure(error: unknown): MailFailure {
  const e = error as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const text = oneLine(String(e?.response ?? e?.message ?? error)).slice(0, 500);
  if (code !== undefined && code >= 500 && code < 600) return { permanent: true, suppress: true, message: text };
  return { permanent: false, suppress: false, message: code ? text : `${String(e?.code ?? 'error')}: ${text}` };
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
