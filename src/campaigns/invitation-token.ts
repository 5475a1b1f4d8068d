import crypto from 'node:crypto';
import { storedHashOfToken } from '../shared/tokens';
export { storedTokenHash, tokenHashFromStore } from '../shared/tokens';

// Personal invitation tokens. Each invitation gets a random 128-bit salt; its token is
// base64url(HMAC-SHA256(server secret, "invitation:" + salt)) — 256 bits that only a holder
// of the secret can compute. The database keeps the salt and sha256(token) (token_hash),
// never the token, so reminders can carry the same link without storing it.

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

/** The token of an invitation's salt; `secret` may be prepared once as a key for many tokens. */
export function invitationToken(secret: string | crypto.KeyObject, salt: string): string {
  return crypto.createHmac('sha256', secret).update(`invitation:${salt}`).digest('base64url');
}

/** One invitation's salt and token hash as they are stored (16 bytes each, see storedSalt and storedTokenHash). */
export interface StoredCredentials {
  salt: Buffer;
  tokenHash: Buffer;
}

/** Credentials for `count` new invitations (a launch): the random salts drawn in one call, the secret prepared once. */
export function newStoredCredentials(secret: string, count: number): StoredCredentials[] {
  const key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
  const random = crypto.randomBytes(16 * count);
  const out: StoredCredentials[] = [];
  for (let i = 0; i < count; i++) {
    const salt = random.subarray(16 * i, 16 * i + 16);
    out.push({ salt, tokenHash: storedHashOfToken(invitationToken(key, salt.toString('base64url'))) });
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
