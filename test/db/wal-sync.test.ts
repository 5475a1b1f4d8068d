import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ResilientSqliteDialect, type SyncFile } from '../../src/db/sqlite-driver';
import { describeSqliteOnly } from '../support/test-database';

// A commit group's COMMIT does not wait for the disk; its transactions resolve only after an
// fsync of the WAL file that began after that COMMIT (synchronous=FULL's promise, kept off the
// event loop). The fsync is replaced here so the test decides when it ends.

interface Sync {
  file: string;
  withDirectory: boolean;
  finish(error?: Error): void;
}

function controlledSync(): { sync: SyncFile; calls: Sync[] } {
  const calls: Sync[] = [];
  const sync: SyncFile = (file, withDirectory) =>
    new Promise<void>((resolve, reject) => calls.push({ file, withDirectory, finish: (error) => (error ? reject(error) : resolve()) }));
  return { sync, calls };
}

/** Whether the promise has settled, after the pending callbacks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error('timed out');
}

describeSqliteOnly('the WAL fsync of a commit group', () => {
  let dir: string;
  let file: string;
  let sqlite: SqliteDatabase.Database;
  let other: SqliteDatabase.Database;
  let db: Kysely<{ note: { id: number; text: string } }>;
  let calls: Sync[];

  const insert = (text: string) => db.transaction().execute((trx) => trx.insertInto('note').values({ text } as never).execute());
  const stored = () => (other.prepare('select text from note order by id').all() as { text: string }[]).map((r) => r.text);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-walsync-'));
    file = path.join(dir, 'db.sqlite');
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec('create table note (id integer primary key, text text not null)');
    other = new SqliteDatabase(file, { readonly: true });
    const controlled = controlledSync();
    calls = controlled.calls;
    db = new Kysely({ dialect: new ResilientSqliteDialect(sqlite, { sync: controlled.sync }) });
  });
  afterEach(async () => {
    for (const call of calls) call.finish();
    other.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a transaction only after an fsync of the WAL that began after its COMMIT', async () => {
    const committed = insert('a');
    await until(() => calls.length === 1);
    // Committed (another connection sees it) but not acknowledged until the WAL is synced.
    expect(stored()).toEqual(['a']);
    expect(await isSettled(committed)).toBe(false);
    expect(calls[0]).toMatchObject({ file: `${file}-wal`, withDirectory: true });
    // Writes outside a group still wait for the disk themselves (2 = FULL).
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    calls[0]!.finish();
    await committed;
  });

  it('makes the groups committed during one fsync durable with the next one', async () => {
    const first = insert('a');
    await until(() => calls.length === 1);
    const second = insert('b');
    const third = insert('c');
    await until(() => stored().length === 3);
    expect(calls).toHaveLength(1);
    calls[0]!.finish();
    await first;
    expect(await isSettled(second)).toBe(false);
    await until(() => calls.length === 2);
    expect(calls[1]).toMatchObject({ file: `${file}-wal`, withDirectory: false });
    expect(await isSettled(third)).toBe(false);
    calls[1]!.finish();
    await Promise.all([second, third]);
  });

  it('fails the transactions whose fsync fails', async () => {
    const committed = insert('a');
    await until(() => calls.length === 1);
    calls[0]!.finish(new Error('EIO'));
    await expect(committed).rejects.toThrow('EIO');
    const next = insert('b');
    await until(() => calls.length === 2);
    calls[1]!.finish();
    await next;
  });

  it('is not used for a database in memory, whose COMMIT resolves at once', async () => {
    const memory = new SqliteDatabase(':memory:');
    memory.exec('create table note (id integer primary key, text text not null)');
    const controlled = controlledSync();
    const inMemory = new Kysely<{ note: { id: number; text: string } }>({ dialect: new ResilientSqliteDialect(memory, { sync: controlled.sync }) });
    await inMemory.transaction().execute((trx) => trx.insertInto('note').values({ text: 'a' } as never).execute());
    expect(controlled.calls).toHaveLength(0);
    await inMemory.destroy();
  });
});
