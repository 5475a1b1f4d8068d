import crypto from 'node:crypto';
import type { Db } from '../db/database';

/**
 * The session secret: from the configuration, else generated on first start and kept
 * in the database so sign-ins survive restarts and every process agrees.
 */
export async function resolveSessionSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const candidate = crypto.randomBytes(32).toString('hex');
  await db
    .insertInto('setting')
    .values({ key: 'session_secret', value: candidate })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('setting').select('value').where('key', '=', 'session_secret').executeTakeFirstOrThrow();
  return row.value;
}
