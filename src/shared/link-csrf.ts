import crypto from 'node:crypto';

/**
 * The CSRF token of a form behind a personal link (/s/<token>, /f/<token>): derived from the
 * link's own secret token, so respondents need no session and a form left open for days
 * still submits. A cross-site attacker who does not know the link can forge neither.
 */
export function linkCsrfToken(secret: string, linkToken: string): string {
  return crypto.createHmac('sha256', secret).update(`form:${linkToken}`).digest('base64url');
}

export function isValidLinkCsrf(secret: string, linkToken: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(linkCsrfToken(secret, linkToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}
