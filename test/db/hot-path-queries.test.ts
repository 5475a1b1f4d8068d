import { compiledOnce } from '../../src/db/compiled-query';
import { executeWithoutFsync, sqliteHandle, type Db } from '../../src/db/database';
import { createTestDb } from '../support/test-db';
import { testEngine } from '../support/test-database';
import { eachTestGets } from '../support/per-test';

const team = (name: string) => ({ name, email: `${name}@example.com`, created_at: '2026-01-01T00:00:00.000Z' });

describe('queries compiled once', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    await db.insertInto('team').values([team('alpha'), team('beta')]).execute();
  });

  const teamByName = compiledOnce((q, name: string) => q.selectFrom('team').select(['name', 'email']).where('name', '=', name));

  it('run with each call’s own values, on the database and inside a transaction', async () => {
    expect(await teamByName(db, 'alpha')).toEqual([{ name: 'alpha', email: 'alpha@example.com' }]);
    expect(await teamByName(db, 'beta')).toEqual([{ name: 'beta', email: 'beta@example.com' }]);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('team').values(team('gamma')).execute();
      expect(await teamByName(trx, 'gamma')).toEqual([{ name: 'gamma', email: 'gamma@example.com' }]);
    });
    expect(await teamByName(db, 'nobody')).toEqual([]);
  });

  it('refuse a parameter that shapes the query instead of being a value', async () => {
    const shaped = compiledOnce((q, column: string) => q.selectFrom('team').select(column as 'name'));
    await expect(shaped(db, 'name')).rejects.toThrow(/parameter 0 does not reach the query as a value/);
  });
});

describe('a write without an fsync', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    await db.insertInto('team').values(team('alpha')).execute();
  });

  it('is stored, and leaves the database as durable as before', async () => {
    await executeWithoutFsync(db, db.updateTable('team').set({ email: 'new@example.com' }).where('name', '=', 'alpha'));
    expect(await db.selectFrom('team').select('email').executeTakeFirstOrThrow()).toEqual({ email: 'new@example.com' });
    // 2 = FULL: answers written after it still wait for the disk.
    if (testEngine === 'sqlite') expect(sqliteHandle(db)!.pragma('synchronous', { simple: true })).toBe(2);
  });
});

describe('the SQLite connection', () => {
  it('keeps savepoint and statement journals in memory, so a commit group’s member writes no temporary file', async () => {
    const db = await createTestDb();
    try {
      // 2 = MEMORY (0 would leave it to the build, which writes files).
      if (testEngine === 'sqlite') expect(sqliteHandle(db)!.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});
