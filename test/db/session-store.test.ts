import type session from 'express-session';
import { DbSessionStore } from '../../src/auth/session-store';
import type { Db } from '../../src/db/database';
import { hashToken } from '../../src/shared/tokens';
import { eachTestGets } from '../support/per-test';

const call = <T>(fn: (cb: (err: unknown, value?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

function sessionUntil(expires: Date): session.SessionData {
  return { cookie: { expires, originalMaxAge: 1000 } } as session.SessionData;
}

describe('the database session store', () => {
  let db: Db;
  let now: Date;
  let store: DbSessionStore;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    now = new Date('2026-03-01T10:00:00Z');
    store = new DbSessionStore(db, () => now);
  });

  // Stored ids are hashes: name each stored row by the id it was set with ('old…' rows are inserted as is).
  const names = new Map(['new1', 'new2', 'new3'].map((sid) => [hashToken(sid), sid]));
  const sids = async () => (await db.selectFrom('session').select('sid').execute()).map((r) => names.get(r.sid) ?? r.sid).sort();

  it('returns a stored session until it expires, then nothing', async () => {
    await call((cb) => store.set('a', { ...sessionUntil(new Date('2026-03-01T12:00:00Z')), userId: 7 }, cb));
    expect((await call<session.SessionData | null>((cb) => store.get('a', cb)))?.userId).toBe(7);
    now = new Date('2026-03-01T12:00:01Z');
    expect(await call((cb) => store.get('a', cb))).toBeNull();
  });

  it('stores only a hash of each session id, with the signed-in user', async () => {
    await call((cb) => store.set('the-cookie-id', { ...sessionUntil(new Date('2026-03-01T12:00:00Z')), userId: 7 }, cb));
    const rows = await db.selectFrom('session').select(['sid', 'user_id']).execute();
    expect(rows).toEqual([{ sid: hashToken('the-cookie-id'), user_id: 7 }]);
    expect(JSON.stringify(rows)).not.toContain('the-cookie-id');
    await call((cb) => store.touch('the-cookie-id', sessionUntil(new Date('2026-03-01T13:00:00Z')), cb));
    expect((await db.selectFrom('session').select('expires_at').executeTakeFirstOrThrow()).expires_at).toBe('2026-03-01T13:00:00.000Z');
    await call((cb) => store.destroy('the-cookie-id', cb));
    expect(await db.selectFrom('session').select('sid').execute()).toEqual([]);
  });

  it('removes expired sessions on a write, at most once an hour', async () => {
    await db.insertInto('session').values({ sid: 'old', data: '{}', expires_at: '2026-02-01T00:00:00.000Z' }).execute();
    await call((cb) => store.set('new1', sessionUntil(new Date('2026-03-01T18:00:00Z')), cb));
    expect(await sids()).toEqual(['new1']);

    await db.insertInto('session').values({ sid: 'old2', data: '{}', expires_at: '2026-02-01T00:00:00.000Z' }).execute();
    now = new Date('2026-03-01T10:30:00Z');
    await call((cb) => store.set('new2', sessionUntil(new Date('2026-03-01T18:00:00Z')), cb));
    expect(await sids()).toEqual(['new1', 'new2', 'old2']);

    now = new Date('2026-03-01T11:00:01Z');
    await call((cb) => store.set('new3', sessionUntil(new Date('2026-03-01T18:00:00Z')), cb));
    expect(await sids()).toEqual(['new1', 'new2', 'new3']);
  });
});
