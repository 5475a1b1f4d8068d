import type { Db } from '../db/database';

/** A stored session: its JSON data and when it expires (ISO timestamp). */
export interface StoredSession {
  data: string;
  expiresAt: string;
}

export async function findSession(db: Db, sid: string): Promise<StoredSession | undefined> {
  const row = await db.selectFrom('session').select(['data', 'expires_at']).where('sid', '=', sid).executeTakeFirst();
  return row && { data: row.data, expiresAt: row.expires_at };
}

export async function upsertSession(db: Db, sid: string, session: StoredSession): Promise<void> {
  await db
    .insertInto('session')
    .values({ sid, data: session.data, expires_at: session.expiresAt })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data: session.data, expires_at: session.expiresAt }))
    .execute();
}

export async function updateSessionExpiry(db: Db, sid: string, expiresAt: string): Promise<void> {
  await db.updateTable('session').set({ expires_at: expiresAt }).where('sid', '=', sid).execute();
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('session').where('sid', '=', sid).execute();
}

export async function deleteSessionsExpiredBefore(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<', now.toISOString()).execute();
}
