import type { Db } from '../db/database';
import { deleteRateLimitsOlderThan, returnRateLimitHit, takeRateLimitHit } from './rate-limit.repository';

const MINUTE = 60_000;

/** A throttle: at most `limit` hits per bucket in a fixed window of `windowMs`. */
export interface Throttle {
  limit: number;
  windowMs: number;
}

/**
 * Failed sign-ins (docs in README, "Security"):
 * - per account and address together, 5 per 15 minutes: guessing one password from one place;
 * - per account, 50 per hour from all addresses: a slow spread-out attack, while a stranger's
 *   five failures from elsewhere never lock the user out at their own address;
 * - per address, 100 per 15 minutes: one address trying many accounts, high enough for an
 *   office of many users behind one NAT address.
 */
export const SIGN_IN_THROTTLES = {
  accountAtAddress: { limit: 5, windowMs: 15 * MINUTE },
  account: { limit: 50, windowMs: 60 * MINUTE },
  address: { limit: 100, windowMs: 15 * MINUTE },
} as const satisfies Record<string, Throttle>;

/** Unknown personal links (/s, /f, /u) answered per address in 15 minutes before 429. */
export const UNKNOWN_LINK_THROTTLE: Throttle = { limit: 20, windowMs: 15 * MINUTE };

/** Hits taken from several buckets at once; give them back when the attempt did not count. */
export interface TakenHits {
  giveBack(): Promise<void>;
}

/**
 * Takes one hit from each bucket, atomically per bucket (see takeRateLimitHit), so concurrent
 * requests cannot get past a limit. When any bucket is full, the hits already taken are given
 * back and the answer is undefined: the caller must refuse without doing the attempt.
 */
export async function takeHits(db: Db, buckets: readonly { key: string; throttle: Throttle }[], now: Date): Promise<TakenHits | undefined> {
  const taken: string[] = [];
  const giveBack = async () => {
    for (const key of taken.splice(0)) await returnRateLimitHit(db, key);
  };
  for (const { key, throttle } of buckets) {
    if (!(await takeRateLimitHit(db, key, throttle.limit, throttle.windowMs, now))) {
      await giveBack();
      return undefined;
    }
    taken.push(key);
  }
  return { giveBack };
}

/**
 * Records an answer "no such link" for the address; true when the address has had more than
 * the limit in the window, and the answer must be 429 instead. Valid links never count.
 */
export async function isUnknownLinkThrottled(db: Db, address: string, now: Date, throttle: Throttle = UNKNOWN_LINK_THROTTLE): Promise<boolean> {
  return !(await takeRateLimitHit(db, `link:${address}`, throttle.limit, throttle.windowMs, now));
}

/** Removes counters whose window ended a day ago or more (the scheduler calls this). */
export async function pruneRateLimits(db: Db, now: Date): Promise<void> {
  await deleteRateLimitsOlderThan(db, new Date(now.getTime() - 24 * 60 * MINUTE));
}
