import { sqliteHandle, type Db } from '../../src/db/database';
import { aroundCommits, eachTestGetsSqliteFileWithReader, teamRow } from '../support/sqlite-commits';
import { describeSqliteOnly } from '../support/test-database';

// SQLite's driver commits the transactions that run together with one COMMIT (one fsync). What
// must hold: a transaction resolves only once its rows are committed (another connection sees
// them), one that fails leaves nothing behind, and the others of its group are unaffected.

/** Counts the COMMIT statements the driver runs on `db`. */
function countCommits(db: Db): { count: number } {
  const commits = { count: 0 };
  aroundCommits(db, (commit) => {
    commits.count++;
    return commit();
  });
  return commits;
}

describeSqliteOnly('group commit', () => {
  let db: Db;
  let committedNames: () => string[];
  eachTestGetsSqliteFileWithReader('pds-group-', (w) => ({ db, committedTeamNames: committedNames } = w));

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
