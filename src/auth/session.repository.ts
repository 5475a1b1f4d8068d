import type { Db } from '../db/database';

/**
 * The `session` table. Callers pass the session id as the cookie carries it; only its sha256 is
 * stored, so a copy of the table signs nobody in.
 */

/** A stored session: its JSON data and when it expires (ISO timestamp). */
export interface StoredSession {
  data: string;
  expiresAt: string;
  /** The signed-in user, if any. */
  userId: number | null;
}

export async function findSession(db: Db, sidHash: string): Promise<StoredSession | undefined> {
  const row = await db.selectFrom('session').select(['data', 'expires_at', 'user_id']).where('sid', '=', sidHash).executeTakeFirst();
  return row && { data: row.data, expiresAt: row.expires_at, userId: row.user_id };
}

export async function upsertSession(db: Db, sidHash: string, session: StoredSession): Promise<void> {
  const values = { data: session.data, expires_at: session.expiresAt, user_id: session.userId };
  await db
    .insertInto('session')
    .values({ sid: sidHash, ...values })
    .onConflict((oc) => oc.column('sid').doUpdateSet(values))
    .execute();
}

export async function updateSessionExpiry(db: Db, sidHash: string, expiresAt: string): Promise<void> {
  await db.updateTable('session').set({ expires_at: expiresAt }).where('sid', '=', sidHash).execute();
}

export async function deleteSession(db: Db, sidHash: string): Promise<void> {
  await db.deleteFrom('session').where('sid', '=', sidHash).execute();
}

/** Ends every session of the user except the one given (hashed id), if any. */
export async function deleteSessionsOfUser(db: Db, userId: number, exceptSidHash?: string): Promise<void> {
  let query = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptSidHash !== undefined) query = query.where('sid', '<>', exceptSidHash);
  await query.execute();
}

export async function deleteSessionsExpiredBefore(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<', now.toISOString()).execute();
}
