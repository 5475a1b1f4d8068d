import crypto from 'node:crypto';

/** A URL-safe token with 192 random bits. */
export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Tokens are stored only as this hash, so a database leak reveals no usable link. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
