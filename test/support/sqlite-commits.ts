import SqliteDatabase from 'better-sqlite3';
import { sqliteHandle, type Db } from '../../src/db/database';
import { createTestDbFile } from './test-db';
import type { SharedTestDatabase } from './test-database';

/** A team row: the smallest table to write in tests of commits. */
export const teamRow = (name: string) => ({ name, email: 'team@example.com', created_at: '2026-01-01T00:00:00.000Z' });

/**
 * Before each test, a migrated SQLite file opened by the app's driver and, read-only, by a second
 * connection, which sees only committed rows; both are closed after it.
 */
export function eachTestGetsSqliteFileWithReader(prefix: string, assign: (world: { file: SharedTestDatabase; db: Db; committedTeamNames: () => string[] }) => void): void {
  let file: SharedTestDatabase | undefined;
  let db: Db | undefined;
  let reader: SqliteDatabase.Database | undefined;
  beforeEach(async () => {
    file = await createTestDbFile(prefix);
    db = file.open();
    const opened = (reader = new SqliteDatabase(file.url, { readonly: true }));
    const committedTeamNames = () => (opened.prepare('select name from team order by name').all() as { name: string }[]).map((r) => r.name);
    assign({ file, db, committedTeamNames });
  });
  afterEach(async () => {
    reader?.close();
    await db?.destroy();
    await file?.cleanup();
  });
}

/** Runs `around(commit)` in place of every COMMIT the driver runs on `db` (it prepares each statement once). */
export function aroundCommits(db: Db, around: (commit: () => unknown) => unknown): void {
  const handle = sqliteHandle(db)!;
  const prepare = handle.prepare.bind(handle);
  jest.spyOn(handle, 'prepare').mockImplementation(((source: string) => {
    const statement = prepare(source);
    if (source !== 'commit') return statement;
    return new Proxy(statement, {
      get(target, key) {
        if (key === 'run') return (...args: unknown[]) => around(() => (target.run as (...a: unknown[]) => unknown)(...args));
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as SqliteDatabase.Statement;
  }) as typeof handle.prepare);
}
