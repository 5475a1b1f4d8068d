import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { insertSettingIfMissing } from './setting.repository';

const SESSION_SECRET_KEY = 'session_secret';

/**
 * The session secret: from the configuration, else generated on first start and kept
 * in the database so sign-ins survive restarts and every process agrees.
 */
export async function resolveSessionSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return insertSettingIfMissing(db, SESSION_SECRET_KEY, crypto.randomBytes(32).toString('hex'));
}
