import session from 'express-session';
import type { Db } from '../db/database';
import { hashToken } from '../shared/tokens';
import { deleteSession, deleteSessionsExpiredBefore, findSession, updateSessionExpiry, upsertSession } from './session.repository';

const DEFAULT_TTL_MS = 8 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/**
 * Server-side sessions in the application database, so every process sees the same sign-ins.
 * Session ids are stored as their sha256 only: a copy of the database holds no usable cookie.
 */
export class DbSessionStore extends session.Store {
  private lastPruneAt = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  private expiry(sess: session.SessionData): string {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(Date.now() + DEFAULT_TTL_MS);
    return expires.toISOString();
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    findSession(this.db, hashToken(sid)).then((stored) => {
      if (!stored || stored.expiresAt < this.clock().toISOString()) return callback(null, null);
      callback(null, JSON.parse(stored.data) as session.SessionData);
    }, callback);
  }

  override set(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
    upsertSession(this.db, hashToken(sid), { data: JSON.stringify(sess), expiresAt: this.expiry(sess), userId: sess.userId ?? null })
      .then(() => this.pruneNowAndThen())
      .then(() => callback?.(), callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    deleteSession(this.db, hashToken(sid)).then(() => callback?.(), callback);
  }

  override touch(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
    updateSessionExpiry(this.db, hashToken(sid), this.expiry(sess)).then(() => callback?.(), callback);
  }

  // Every sign-in page view creates a session (for its CSRF token); expired ones are removed
  // at most once an hour, on a write, so the table stays small without a separate job.
  private async pruneNowAndThen(): Promise<void> {
    const now = this.clock();
    if (now.getTime() - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now.getTime();
    await deleteSessionsExpiredBefore(this.db, now);
  }
}
