import crypto from 'node:crypto';
import { hashToken } from '../shared/tokens';

/**
 * Personal invitation tokens. Each invitation gets a random 128-bit salt; its token is
 * base64url(HMAC-SHA256(server secret, "invitation:" + salt)) — 256 bits that only a holder
 * of the secret can compute. The database keeps the salt and sha256(token) (token_hash),
 * never the token, so reminders can carry the same link without storing it.
 */
export function newInvitationSalt(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export function invitationToken(secret: string, salt: string): string {
  return crypto.createHmac('sha256', secret).update(`invitation:${salt}`).digest('base64url');
}

export function newInvitationCredentials(secret: string): { salt: string; token: string; tokenHash: string } {
  const salt = newInvitationSalt();
  const token = invitationToken(secret, salt);
  return { salt, token, tokenHash: hashToken(token) };
}

/** The respondent link: BASE_URL/s/<token>. */
export function respondentLink(baseUrl: string, token: string): string {
  return `${baseUrl}/s/${token}`;
}

/** The unsubscribe link: BASE_URL/u/<token> (https whenever BASE_URL is https). */
export function unsubscribeLink(baseUrl: string, token: string): string {
  return `${baseUrl}/u/${token}`;
}
