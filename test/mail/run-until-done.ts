import type { Db } from '../../src/db/database';
import type { MailWorker, RunResult } from '../../src/jobs/mail-worker';

/**
 * Runs a worker on the real clock, as the background loop does, until no mail is pending or being
 * sent (by anyone), or `untilMs` has passed. Returns what this worker did.
 */
export async function runUntilNothingLeft(db: Db, worker: MailWorker, untilMs: number): Promise<RunResult & { timedOut: boolean }> {
  const total: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0, paused: 0 };
  const until = Date.now() + untilMs;
  for (;;) {
    const r = await worker.runOnce(() => new Date());
    for (const key of Object.keys(total) as (keyof RunResult)[]) total[key] += r[key];
    const open = await db.selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']).limit(1).execute();
    if (open.length === 0) return { ...total, timedOut: false };
    if (Date.now() > until) return { ...total, timedOut: true };
    await new Promise((resolve) => setTimeout(resolve, r.claimed > 0 ? 0 : 100));
  }
}
