import fs from 'node:fs';
import { sql } from 'kysely';
import { sqliteHandle, transactionWithoutFsync, type Db } from '../../src/db/database';
import { aroundCommits, eachTestGetsSqliteFileWithReader, teamRow } from '../support/sqlite-commits';
import { createTestDb } from '../support/test-db';
import { describePostgresOnly, describeSqliteOnly, type SharedTestDatabase } from '../support/test-database';

// transactionWithoutFsync commits without waiting for the disk (a launch's chunks but the last).
// What must hold: only its own commit runs so (no other transaction of the process shares it),
// and the app's synchronous=FULL is back afterwards, also when the work throws.

const FULL = 2;
const NORMAL = 1;

describeSqliteOnly('a transaction without fsync on SQLite', () => {
  let file: SharedTestDatabase;
  let db: Db;
  let committedNames: () => string[];
  eachTestGetsSqliteFileWithReader('pds-nofsync-', (w) => ({ file, db, committedTeamNames: committedNames } = w));
  const level = () => sqliteHandle(db)!.pragma('synchronous', { simple: true }) as number;

  it('commits its rows with synchronous=NORMAL and is back to FULL when it resolves', async () => {
    let inside: number | undefined;
    await transactionWithoutFsync(db, async (trx) => {
      await trx.insertInto('team').values(teamRow('chunk')).execute();
      inside = level();
    });
    expect(inside).toBe(NORMAL);
    expect(level()).toBe(FULL);
    expect(committedNames()).toEqual(['chunk']);
  });

  it('leaves the checkpoint to the next ordinary commit, with the automatic checkpoint back when it resolves', async () => {
    const handle = sqliteHandle(db)!;
    const autocheckpoint = () => handle.pragma('wal_autocheckpoint', { simple: true }) as number;
    // The database file itself grows only when a checkpoint copies the WAL's pages into it.
    const fileSize = () => fs.statSync(file.url).size;
    handle.pragma('wal_autocheckpoint = 2');
    const before = fileSize();
    let inside: number | undefined;
    await transactionWithoutFsync(db, async (trx) => {
      await trx.insertInto('team').values(teamRow(`chunk ${'x'.repeat(40_000)}`)).execute();
      inside = autocheckpoint();
    });
    expect(inside).toBe(0);
    expect(autocheckpoint()).toBe(2);
    expect(fileSize()).toBe(before);
    await db.transaction().execute((trx) => trx.insertInto('team').values(teamRow('last')).execute());
    expect(fileSize()).toBeGreaterThan(before + 40_000);
  });

  it('is back to FULL after it commits a group that was open when it began', async () => {
    // A commit group runs under NORMAL until its COMMIT (its fsync comes after, off the event loop).
    const grouped = db.transaction().execute((trx) => trx.insertInto('team').values(teamRow('grouped')).execute());
    const chunk = transactionWithoutFsync(db, (trx) => trx.insertInto('team').values(teamRow('chunk')).execute());
    await Promise.all([grouped, chunk]);
    expect(level()).toBe(FULL);
    expect(committedNames()).toEqual(['chunk', 'grouped']);
  });

  it('rolls back and is back to FULL when the work throws', async () => {
    await expect(
      transactionWithoutFsync(db, async (trx) => {
        await trx.insertInto('team').values(teamRow('rolled back')).execute();
        throw new Error('the chunk failed');
      }),
    ).rejects.toThrow('the chunk failed');
    expect(level()).toBe(FULL);
    expect(committedNames()).toEqual([]);
    // The connection is usable as before.
    await db.transaction().execute((trx) => trx.insertInto('team').values(teamRow('after')).execute());
    expect(committedNames()).toEqual(['after']);
  });

  it('is back to FULL when a statement of the work fails inside SQLite', async () => {
    // A constraint fails when the statement runs, inside SQLite (a missing table already fails when it is prepared).
    const broken = { ...teamRow('x'), name: null as unknown as string };
    // toMatchObject, not toThrow: better-sqlite3's native addon is loaded once per Jest worker, so in
    // any test file but the worker's first its SqliteError belongs to another realm and is no Error here.
    await expect(transactionWithoutFsync(db, (trx) => trx.insertInto('team').values(broken).execute())).rejects.toMatchObject({ message: expect.stringMatching(/NOT NULL/) });
    expect(committedNames()).toEqual([]);
    expect(level()).toBe(FULL);
  });

  it('commits under NORMAL only its own rows: transactions around it commit in groups of their own', async () => {
    const handle = sqliteHandle(db)!;
    // At each COMMIT: the level it ran with and the rows it made visible.
    const commits: { level: number; names: string[] }[] = [];
    aroundCommits(db, (commit) => {
      const before = committedNames();
      const commitLevel = handle.pragma('synchronous', { simple: true }) as number;
      const result = commit();
      commits.push({ level: commitLevel, names: committedNames().filter((n) => !before.includes(n)) });
      return result;
    });

    const insert = (name: string) => db.transaction().execute((trx) => trx.insertInto('team').values(teamRow(name)).execute());
    await Promise.all([
      insert('before 1'),
      insert('before 2'),
      transactionWithoutFsync(db, (trx) => trx.insertInto('team').values(teamRow('chunk')).execute()),
      insert('after 1'),
      insert('after 2'),
    ]);

    expect(committedNames()).toEqual(['after 1', 'after 2', 'before 1', 'before 2', 'chunk']);
    // The groups around it commit under NORMAL too, but resolve only after the WAL's fsync
    // (wal-sync.test.ts); the chunk's COMMIT is its own and nothing waits for a sync of it.
    expect(commits.filter((c) => c.names.includes('chunk'))).toEqual([{ level: NORMAL, names: ['chunk'] }]);
    expect(commits.flatMap((c) => c.names).sort()).toEqual(['after 1', 'after 2', 'before 1', 'before 2', 'chunk']);
    expect(level()).toBe(FULL);
  });
});

describePostgresOnly('a transaction without fsync on PostgreSQL', () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  const synchronousCommit = async (on: Db) => (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(on)).rows[0]!.synchronous_commit;

  it('turns synchronous_commit off for its own transaction only, also when the work throws', async () => {
    await db.connection().execute(async (conn) => {
      // The test server runs with synchronous_commit=off: this connection commits as production does.
      await sql`set synchronous_commit = on`.execute(conn);
      let inside: string | undefined;
      await transactionWithoutFsync(conn, async (trx) => {
        await trx.insertInto('team').values(teamRow('chunk')).execute();
        inside = await synchronousCommit(trx);
      });
      expect(inside).toBe('off');
      expect(await synchronousCommit(conn)).toBe('on');

      await expect(
        transactionWithoutFsync(conn, async (trx) => {
          await trx.insertInto('team').values(teamRow('rolled back')).execute();
          throw new Error('the chunk failed');
        }),
      ).rejects.toThrow('the chunk failed');
      expect(await synchronousCommit(conn)).toBe('on');
    });
    expect((await db.selectFrom('team').select('name').execute()).map((r) => r.name)).toEqual(['chunk']);
  });
});
