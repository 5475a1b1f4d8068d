import crypto from 'node:crypto';

/** A URL-safe token with 192 random bits. */
export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

// crypto.hash (Node 20.12+) is one call without a Hash object: a launch hashes 100,000 tokens.
// Older Node 20 releases (engines allows them) lack it.
const sha256: (data: string) => Buffer =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'buffer') : (data) => crypto.createHash('sha256').update(data).digest();

/** Tokens are stored only as this hash, so a database leak reveals no usable link. */
export function hashToken(token: string): string {
  return sha256(token).toString('hex');
}

/**
 * How an invitation's token hash (hex, as hashToken gives it) is stored and looked up: its first
 * 16 bytes (db/migrations/0035), a quarter of the hex in the row and in its unique index. 128
 * bits of sha256 still take 2^128 work to invert; the tokens themselves carry 256 bits.
 */
export function storedTokenHash(tokenHash: string): Buffer {
  return /^[0-9a-f]{64}$/.test(tokenHash) ? Buffer.from(tokenHash.slice(0, 32), 'hex') : Buffer.from(tokenHash, 'utf8');
}

/** storedTokenHash(hashToken(token)), without the hex in between (a launch stores 100,000 of them). */
export function storedHashOfToken(token: string): Buffer {
  return sha256(token).subarray(0, 16);
}

/** A stored token hash as hex: the first 32 hex digits of hashToken's (a value that was never a hash, as in some tests, as its text). */
export function tokenHashFromStore(stored: Uint8Array | string): string {
  if (typeof stored === 'string') return stored;
  return stored.length === 16 ? Buffer.from(stored).toString('hex') : Buffer.from(stored).toString('utf8');
}

/** Whether a token's full hash (hex) is the one stored, as tokenHashFromStore gives it back. */
export function matchesStoredTokenHash(tokenHash: string, fromStore: string): boolean {
  return fromStore.length === 32 && tokenHash.startsWith(fromStore);
}
