import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

/** Whether the joined contact's address is on the suppression list, for a query's select or where. */
export function contactIsSuppressed(eb: ExpressionBuilder<Database, 'contact'>) {
  return eb.exists(eb.selectFrom('suppression').select('suppression.email').whereRef('suppression.email', '=', 'contact.email'));
}

/** An address no mail goes to, since a permanent delivery failure. */
export interface Suppression {
  email: string;
  reason: string;
  createdAt: string;
}

/** Why an address is suppressed, or undefined when it is not. */
export async function findSuppressionReason(db: Db, email: string): Promise<string | undefined> {
  const row = await db.selectFrom('suppression').select('reason').where('email', '=', email).executeTakeFirst();
  return row?.reason;
}

/** Suppresses an address; an address already suppressed keeps its first reason. */
export async function insertSuppression(db: Db, email: string, reason: string, now: Date): Promise<void> {
  await db
    .insertInto('suppression')
    .values({ email, reason: reason.slice(0, 500), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

/** The latest suppressed addresses (at most 500), newest first. */
export async function listSuppressions(db: Db): Promise<Suppression[]> {
  const rows = await db.selectFrom('suppression').selectAll().orderBy('created_at', 'desc').limit(500).execute();
  return rows.map((r) => ({ email: r.email, reason: r.reason, createdAt: r.created_at }));
}

export async function deleteSuppression(db: Db, email: string): Promise<void> {
  await db.deleteFrom('suppression').where('email', '=', email).execute();
}
