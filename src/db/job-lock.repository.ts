import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Db } from './database';

/** This process, as it signs the jobs it claims. */
const OWNER = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** How long a claim holds when its process dies without giving it back. */
const LEASE_MS = 10 * 60 * 1000;

/**
 * Claims the job's row until now + the lease, when nobody holds it or the holder's lease ran
 * out: one conditional upsert, so of several instances claiming at once exactly one gets it (on
 * PostgreSQL the others wait for the first insert and then see its lease). Returns whether this
 * process got it.
 */
export async function claimJob(db: Db, name: string, owner: string, now: Date, leaseMs = LEASE_MS): Promise<boolean> {
  const lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
  const row = await db
    .insertInto('job_lock')
    .values({ name, locked_until: lockedUntil, owner })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ locked_until: lockedUntil, owner })
        .where('job_lock.locked_until', '<=', now.toISOString()),
    )
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives the job back (only the owner's claim): the next tick of any instance may run it, whatever its clock says. */
export async function releaseJob(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('job_lock').where('name', '=', name).where('owner', '=', owner).execute();
}

/**
 * Runs `work` only when this process claims the job: a periodic job that several instances
 * schedule runs in one of them at a time. Returns undefined when another instance holds it.
 */
export async function runExclusively<T>(db: Db, name: string, now: Date, work: () => Promise<T>, owner = OWNER): Promise<T | undefined> {
  if (!(await claimJob(db, name, owner, now))) return undefined;
  try {
    return await work();
  } finally {
    await releaseJob(db, name, owner);
  }
}
