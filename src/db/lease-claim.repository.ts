import { sql, type Expression, type SqlBool } from 'kysely';
import { isPostgres, type Db } from './database';

/** The queues whose rows a worker leases: the outbox and the webhook deliveries share the lease columns. */
export type LeasedTable = 'outbox' | 'webhook_delivery';

export interface LeaseClaim {
  workerId: string;
  now: Date;
  leaseUntil: Date;
  limit: number;
  /** Which candidate rows may be claimed at all (a paused campaign's mails, an inactive endpoint's deliveries may not). */
  eligible: Expression<SqlBool>;
}

/**
 * Claims up to `limit` due rows of a queue for one worker in conditional UPDATEs and returns their
 * ids: first rows whose holder's lease ran out (it died), then pending rows whose time has come.
 * Each claim counts as an attempt. Two workers never claim the same row: the UPDATE re-checks
 * status and lease on every row it changes (SQLite runs it under its write lock; PostgreSQL locks
 * the candidates with FOR UPDATE SKIP LOCKED, so workers take different rows instead of waiting).
 */
export async function claimLeasedRows(db: Db, table: LeasedTable, claim: LeaseClaim): Promise<number[]> {
  // Both tables have the lease columns; Kysely checks the column names against one of them.
  const queue = table as 'outbox';
  const nowIso = claim.now.toISOString();
  // Two passes, each along its partial index in index order (no sort of every pending row).
  // Literal statuses let SQLite use the partial indexes on status = 'sending' and 'pending'.
  const passes = [
    { state: sql<boolean>`(status = ${sql.lit('sending')} and lease_until < ${nowIso})`, order: 'lease_until' as const },
    { state: sql<boolean>`(status = ${sql.lit('pending')} and next_attempt_at <= ${nowIso})`, order: 'next_attempt_at' as const },
  ];
  const claimed: number[] = [];
  for (const { state, order } of passes) {
    if (claimed.length >= claim.limit) break;
    let candidates = db
      .selectFrom(queue)
      .select('id')
      .where(state)
      .where(claim.eligible)
      .orderBy(order)
      .orderBy('id')
      .limit(claim.limit - claimed.length);
    if (isPostgres(db)) candidates = candidates.forUpdate().skipLocked();
    // The candidates in a CTE: PostgreSQL evaluates it once, while an IN (… LIMIT n FOR UPDATE
    // SKIP LOCKED) subquery can be run again by the plan and claim more than n rows.
    const rows = await db
      .with('candidate', () => candidates)
      .updateTable(queue)
      .set({ status: 'sending', locked_by: claim.workerId, lease_until: claim.leaseUntil.toISOString(), attempts: sql<number>`attempts + 1` })
      .where('id', 'in', (eb) => eb.selectFrom('candidate').select('candidate.id'))
      .where(state)
      .returning('id')
      .execute();
    claimed.push(...rows.map((r) => r.id));
  }
  return claimed;
}
