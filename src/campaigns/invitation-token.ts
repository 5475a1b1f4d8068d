import crypto from 'node:crypto';
import { hashToken } from '../shared/tokens';
export { storedTokenHash, tokenHashFromStore } from '../shared/tokens';

/**
 * Personal invitation tokens. Each invitation gets a random 128-bit salt; its token is
 * base64url(HMAC-SHA256(server secret, "invitation:" + salt)) — 256 bits that only a holder
 * of the secret can compute. The database keeps the salt and sha256(token) (token_hash),
 * never the token, so reminders can carry the same link without storing it.
 */
export function newInvitationSalt(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** How a salt (base64url of 16 bytes) is stored: its 16 bytes when it is exactly that, else its text. */
export function storedSalt(salt: string): Buffer {
  const bytes = Buffer.from(salt, 'base64url');
  return bytes.length === 16 && bytes.toString('base64url') === salt ? bytes : Buffer.from(salt, 'utf8');
}

/** A stored salt back as the text the token is derived from. */
export function saltFromStore(stored: Uint8Array | string): string {
  if (typeof stored === 'string') return stored;
  return stored.length === 16 ? Buffer.from(stored).toString('base64url') : Buffer.from(stored).toString('utf8');
}

export function invitationToken(secret: string, salt: string): string {
  return crypto.createHmac('sha256', secret).update(`invitation:${salt}`).digest('base64url');
}

export function newInvitationCredentials(secret: string): { salt: string; token: string; tokenHash: string } {
  const salt = newInvitationSalt();
  const token = invitationToken(secret, salt);
  return { salt, token, tokenHash: hashToken(token) };
}

/** One invitation's salt and token hash as they are stored (16 bytes each, see storedSalt and storedTokenHash). */
export interface StoredCredentials {
  salt: Buffer;
  tokenHash: Buffer;
}

/**
 * Credentials for `count` invitations at once (a launch): the same derivation as
 * newInvitationCredentials, with the random bytes drawn in one call and the secret prepared once.
 */
export function newStoredCredentials(secret: string, count: number): StoredCredentials[] {
  const key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
  const random = crypto.randomBytes(16 * count);
  const out: StoredCredentials[] = [];
  for (let i = 0; i < count; i++) {
    const salt = random.subarray(16 * i, 16 * i + 16);
    const token = crypto.createHmac('sha256', key).update(`invitation:${salt.toString('base64url')}`).digest('base64url');
    out.push({ salt, tokenHash: crypto.hash('sha256', token, 'buffer').subarray(0, 16) });
  }
  return out;
}

/** The respondent link: BASE_URL/s/<token>. */
export function respondentLink(baseUrl: string, token: string): string {
  return `${baseUrl}/s/${token}`;
}

/** The unsubscribe link: BASE_URL/u/<token> (https whenever BASE_URL is https). */
export function unsubscribeLink(baseUrl: string, token: string): string {
  return `${baseUrl}/u/${token}`;
}
