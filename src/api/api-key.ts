import crypto from 'node:crypto';
import { hashToken } from '../shared/tokens';

const PREFIX = 'pds_';

/** A new API key: shown once, stored only as its hash. The first characters identify it in lists. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = PREFIX + crypto.randomBytes(24).toString('base64url');
  return { key, prefix: key.slice(0, PREFIX.length + 6), hash: hashToken(key) };
}
