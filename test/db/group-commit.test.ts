import SqliteDatabase from 'better-sqlite3';
import { sqliteHandle, type Db } from '../../src/db/database';
import { createTestDbFile } from '../support/test-db';
import { describeSqliteOnly, type SharedTestDatabase } from '../support/test-database';

// SQLite's driver commits the transactions that run together with one COMMIT (one fsync). What
// must hold: a transaction resolves only once its rows are committed (another connection sees
// them), one that fails leaves nothing behind, and the others of its group are unaffected.

type Statement = SqliteDatabase.Statement;

/** Counts the COMMIT statements the driver runs on `db` (it prepares each statement once). */
function countCommits(db: Db): { count: number } {
  const handle = sqliteHandle(db)!;
  const prepare = handle.prepare.bind(handle);
  const commits = { count: 0 };
  jest.spyOn(handle, 'prepare').mockImplementation(((source: string) => {
    const statement = prepare(source);
    if (source !== 'commit') return statement;
    return new Proxy(statement, {
      get(target, key) {
        if (key === 'run') {
          return (...args: unknown[]) => {
            commits.count++;
            return (target.run as (...a: unknown[]) => unknown)(...args);
          };
        }
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Statement;
  }) as typeof handle.prepare);
  return commits;
}

const teamRow = (name: string) => ({ name, email: 'team@example.com', created_at: '2026-01-01T00:00:00.000Z' });

describeSqliteOnly('group commit', () => {
  let file: SharedTestDatabase;
  let db: Db;
  let other: SqliteDatabase.Database;
  const committedNames = () => (other.prepare('select name from team order by name').all() as { name: string }[]).map((r) => r.name);

  beforeEach(async () => {
    file = await createTestDbFile('pds-group-');
    db = file.open();
    other = new SqliteDatabase(file.url, { readonly: true });
  });
  afterEach(async () => {
    other.close();
    await db.destroy();
    await file.cleanup();
  });

  it('commits transactions that run together with one COMMIT, each resolving only after it', async () => {
    const commits = countCommits(db);
    const seenAtResolve: string[][] = [];
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((name) =>
        db
          .transaction()
          .execute((trx) => trx.insertInto('team').values(teamRow(name)).execute())
          .then(() => seenAtResolve.push(committedNames())),
      ),
    );
    expect(commits.count).toBe(1);
    // Every transaction resolved after another connection could read all five rows.
    for (const seen of seenAtResolve) expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('rolls back only the transaction that fails', async () => {
    const results = await Promise.allSettled([
      db.transaction().execute((trx) => trx.insertInto('team').values(teamRow('kept 1')).execute()),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('team').values(teamRow('rolled back')).execute();
        throw new Error('the service refused');
      }),
      db.transaction().execute((trx) => trx.insertInto('team').values(teamRow('kept 2')).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedNames()).toEqual(['kept 1', 'kept 2']);
  });

  it('commits an open group before a write outside any transaction, which is then on disk when it resolves', async () => {
    const inGroup = db.transaction().execute((trx) => trx.insertInto('team').values(teamRow('in a transaction')).execute());
    await db.insertInto('team').values(teamRow('on its own')).execute();
    expect(committedNames()).toEqual(['in a transaction', 'on its own']);
    await inGroup;
  });

  it('keeps every transaction of a group that hits a full disk all-or-nothing: resolved means committed', async () => {
    const handle = sqliteHandle(db)!;
    const pages = handle.pragma('page_count', { simple: true }) as number;
    handle.pragma(`max_page_count = ${pages + 1}`);
    const big = 'x'.repeat(200_000);
    const names = ['small 1', 'too big', 'small 2'];
    const results = await Promise.allSettled(
      names.map((name) => db.transaction().execute((trx) => trx.insertInto('team').values(teamRow(name === 'too big' ? `too big ${big}` : name)).execute())),
    );
    expect(results[1]!.status).toBe('rejected');
    const committed = committedNames();
    results.forEach((result, i) => {
      if (i === 1) return;
      expect(committed.includes(names[i]!)).toBe(result.status === 'fulfilled');
    });
    expect(committed.some((name) => name.startsWith('too big'))).toBe(false);

    handle.pragma('max_page_count = 1000000');
    await db.transaction().execute((trx) => trx.insertInto('team').values(teamRow('after')).execute());
    expect(committedNames()).toContain('after');
  });
});
