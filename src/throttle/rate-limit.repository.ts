import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The `rate_limit` table: fixed-window counters every process shares. */

/**
 * Counts one hit in the bucket's window, unless the window already holds `limit` hits.
 * One conditional UPDATE decides and records together, so concurrent callers (threads,
 * processes, PostgreSQL sessions) can never take more than `limit` hits between them.
 * A window older than `windowMs` starts again at this hit. Returns whether the hit counted.
 */
export async function takeRateLimitHit(db: Db, bucket: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  await db
    .insertInto('rate_limit')
    .values({ bucket, window_start: nowIso, hits: 0 })
    .onConflict((oc) => oc.column('bucket').doNothing())
    .execute();
  const isExpired = sql<boolean>`window_start <= ${cutoff}`;
  const result = await db
    .updateTable('rate_limit')
    .set({
      hits: sql<number>`case when ${isExpired} then 1 else hits + 1 end`,
      window_start: sql<string>`case when ${isExpired} then ${nowIso} else window_start end`,
    })
    .where('bucket', '=', bucket)
    .where((eb) => eb.or([eb('window_start', '<=', cutoff), eb('hits', '<', limit)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives back one hit (an attempt that turned out not to count, e.g. the right password). */
export async function returnRateLimitHit(db: Db, bucket: string): Promise<void> {
  await db.updateTable('rate_limit').set({ hits: sql<number>`hits - 1` }).where('bucket', '=', bucket).where('hits', '>', 0).execute();
}

/** Drops counters whose window ended before `before`, so the table stays small. */
export async function deleteRateLimitsOlderThan(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit').where('window_start', '<', before.toISOString()).execute();
}
