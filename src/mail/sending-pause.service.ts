import type { Db } from '../db/database';
import { findSetting, upsertSetting } from '../settings/setting.repository';
import { addSeconds } from '../shared/time';
import { MAX_PAUSE_SECONDS, oneLine } from './mail';

/**
 * Sending paused after a refusal of the sender, a policy refusal or a lost connection: kept in
 * the database, so every worker (web process and `pds-loop worker`) pauses, and admins see why.
 */
export interface SendingPause {
  /** No mail is claimed before this time (ISO). */
  until: string;
  /** The server's answer (or the connection error) that caused the pause. */
  reason: string;
  /** When the first pause of this series began. */
  since: string;
  /** Pauses in a row without a delivery in between; each one doubles the wait. */
  count: number;
}

const KEY = 'mail_sending_pause';

/** The current or last pause (cleared after the next delivery), or undefined. */
export async function findSendingPause(db: Db): Promise<SendingPause | undefined> {
  const value = await findSetting(db, KEY);
  if (!value) return undefined;
  const parsed = JSON.parse(value) as SendingPause | null;
  return parsed ?? undefined;
}

/** Whether a pause stops sending at `now`. */
export function isPausedAt(pause: SendingPause | undefined, now: Date): boolean {
  return pause !== undefined && pause.until > now.toISOString();
}

/**
 * Pauses sending for `firstSeconds`, doubled for each pause in a row (capped at MAX_PAUSE_SECONDS).
 * A pause already running for longer is kept.
 */
export async function pauseSending(db: Db, reason: string, now: Date, firstSeconds: number): Promise<SendingPause> {
  const previous = await findSendingPause(db);
  if (previous && isPausedAt(previous, now)) return previous;
  const count = (previous?.count ?? 0) + 1;
  const seconds = Math.min(MAX_PAUSE_SECONDS, firstSeconds * 2 ** (count - 1));
  const pause: SendingPause = { until: addSeconds(now, seconds).toISOString(), reason: oneLine(reason).slice(0, 500), since: previous?.since ?? now.toISOString(), count };
  await upsertSetting(db, KEY, JSON.stringify(pause));
  return pause;
}

/** A mail went out: the next refusal starts a new series with the first, short pause. */
export async function clearSendingPause(db: Db): Promise<void> {
  await upsertSetting(db, KEY, 'null');
}
