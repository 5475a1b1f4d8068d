import { z } from 'zod';

/**
 * The app's one rule for an email address, used by every form, import, setting and the mailer:
 * a plain address, no display name, quotes, comments or spaces, so nothing nodemailer reads can
 * become a second recipient or a header. The domain may be a single name (`admin@localhost`,
 * the first admin's default, or an intranet host): zod's own `z.email()` wants a dotted public
 * domain and refused it, so the first admin could not be a KAM or receive a test mail.
 */
const LOCAL_PART = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const DOMAIN_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
export const EMAIL_PATTERN = new RegExp(`^${LOCAL_PART}@${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*$`);

/** Longest address SMTP carries (RFC 5321 path limit less the angle brackets). */
export const EMAIL_MAX_LENGTH = 254;

/**
 * An email address as typed: trimmed, lower-cased (addresses are compared without case), then checked.
 * The default message is a staff catalogue key ("Enter a valid email address"): staff forms show it
 * in the reader's language, the API and the logs in English (src/shared/input.ts, the error handler).
 */
export function emailAddress(message = 'email.invalid') {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ pattern: EMAIL_PATTERN, error: message }).max(EMAIL_MAX_LENGTH, message));
}

const anyEmail = emailAddress();

/** Whether a value passes the app's email rule (after trimming and lower-casing). */
export function isEmailAddress(value: string): boolean {
  return anyEmail.safeParse(value).success;
}
