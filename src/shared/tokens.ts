import crypto from 'node:crypto';

/** A URL-safe token with 192 random bits. */
export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Tokens are stored only as this hash, so a database leak reveals no usable link. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * How an invitation's token hash (hex, as hashToken gives it) is stored and looked up: its 32
 * bytes (db/migrations/0035), half the size of the hex in the row and in its unique index.
 */
export function storedTokenHash(tokenHash: string): Buffer {
  return /^[0-9a-f]{64}$/.test(tokenHash) ? Buffer.from(tokenHash, 'hex') : Buffer.from(tokenHash, 'utf8');
}

/** A stored token hash back as hex (a value that was never a hash, as in some tests, as its text). */
export function tokenHashFromStore(stored: Uint8Array | string): string {
  if (typeof stored === 'string') return stored;
  return stored.length === 32 ? Buffer.from(stored).toString('hex') : Buffer.from(stored).toString('utf8');
}
