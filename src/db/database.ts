import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, Transaction, sql, type Compilable } from 'kysely';
import type * as Pg from 'pg';
import { migrations } from '../../db/migrations';
import type { DatabaseTarget } from '../config';
import type { Database } from './schema';
import { DatabaseUnavailableError, ResilientSqliteDialect, optimizeSqlite, probeSqliteWrite, runTransactionWithoutFsync, runWithoutFsync, sqliteHandleOf } from './sqlite-driver';

export { DatabaseUnavailableError } from './sqlite-driver';

/** The database or an open transaction: repositories accept both. */
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// The SQLite driver lives in sqlite-driver.ts (busy retry, rollback, write probe).

// The app reads the same values from both engines: plain numbers, 0/1 flags, ISO-8601 UTC
// strings and JSON text. PostgreSQL's own types are converted here, in one place, rather than in
// every query (migration 0029 gives PostgreSQL its native column types):
// - count(*) and sum() of integers are bigint (int8) and avg() is numeric, which pg returns as
//   strings; values beyond 2^53 do not occur in this app.
// - boolean flags come back as 0/1, as SQLite stores them.
// - timestamptz comes back as toISOString() (the app writes milliseconds, so nothing is lost).
// - json and jsonb come back as text, which the app parses where it needs the value.
/** pg and its type parsers, loaded only when a PostgreSQL URL is opened (a SQLite start does not pay for it). */
function loadPostgres(): { Pool: typeof Pg.Pool; types: Pg.CustomTypesConfig } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof Pg;
  const pgTypes = pg.types;
  const parseTimestamp = pgTypes.getTypeParser(pgTypes.builtins.TIMESTAMPTZ);
  const textParsers = new Map<number, (value: string) => unknown>([
    [pgTypes.builtins.INT8, Number],
    [pgTypes.builtins.NUMERIC, Number],
    [pgTypes.builtins.BOOL, (value) => (value === 't' ? 1 : 0)],
    [pgTypes.builtins.TIMESTAMPTZ, (value) => (parseTimestamp(value) as Date).toISOString()],
    [pgTypes.builtins.JSON, (value) => value],
    [pgTypes.builtins.JSONB, (value) => value],
  ]);
  const types: Pg.CustomTypesConfig = {
    getTypeParser: ((id: number, format?: 'text' | 'binary') =>
      (format !== 'binary' && textParsers.get(id)) || pgTypes.getTypeParser(id, format)) as Pg.CustomTypesConfig['getTypeParser'],
  };
  return { Pool: pg.Pool, types };
}

/**
 * Opens the database named by the configuration. The dialect is chosen here and nowhere else.
 * PostgreSQL connects lazily: the pool opens its first connection with the first query, so a
 * wrong URL or a server that is down shows at migrateToLatest/checkDatabase, not here.
 */
export function openDatabase(target: DatabaseTarget | string): Db {
  const resolved: DatabaseTarget = typeof target === 'string' ? { kind: 'sqlite', file: target } : target;
  if (resolved.kind === 'postgres') return openPostgres(resolved.url, resolved.poolSize);
  if (resolved.file !== ':memory:') fs.mkdirSync(path.dirname(resolved.file), { recursive: true });
  return openSqlite(resolved.file);
}

function openSqlite(file: string): Db {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Short: better-sqlite3 waits for a lock synchronously, blocking every request of this
  // process. Longer waits happen asynchronously in the driver (sqlite-driver.ts).
  sqlite.pragma('busy_timeout = 100');
  // Answers must survive a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  // Savepoint and statement journals in memory: every transaction of a commit group is a
  // savepoint (sqlite-driver.ts), and its journal of a survey submission's pages outgrew SQLite's
  // 64 KiB in-memory spill, so each one created and wrote a temporary file (the answer-row
  // inserts took four times as long). Sorts and temporary tables are held in memory too.
  sqlite.pragma('temp_store = memory');
  // ANALYZE (run by PRAGMA optimize) samples this many rows per index instead of reading every
  // one: seconds become milliseconds on a large file, and the plans come out the same.
  sqlite.pragma('analysis_limit = 1000');
  const dialect = new ResilientSqliteDialect(sqlite);
  const db = new Kysely<Database>({ dialect });
  dialect.register(db);
  return db;
}

/**
 * Keeps the query planner's statistics current: SQLite's PRAGMA optimize (at start-up over every
 * table, then over the tables in use). PostgreSQL's autovacuum analyses tables by itself.
 */
export async function refreshPlannerStatistics(db: Db, scope: 'all tables' | 'tables in use'): Promise<void> {
  if (isPostgres(db)) return;
  await optimizeSqlite(db, scope === 'all tables');
}

/** The better-sqlite3 handle under a SQLite Db (backups, pragmas in tests); undefined on PostgreSQL. */
export function sqliteHandle(db: Db): SqliteDatabase.Database | undefined {
  return sqliteHandleOf(db);
}

function openPostgres(url: string, poolSize?: number): Db {
  const { Pool, types } = loadPostgres();
  const pool = new Pool({ connectionString: url, types, ...(poolSize ? { max: poolSize } : {}) });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it and the next query reports any lasting problem.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Runs one write whose commit does not wait for the disk (SQLite synchronous=NORMAL,
 * PostgreSQL synchronous_commit=off): it survives a crash of the process but may be lost on a
 * power cut or an OS crash. Only for marks worth less than an fsync, like the first opening of a
 * survey link, which every respondent's first GET writes. Not inside a transaction.
 */
export async function executeWithoutFsync(db: Db, query: Compilable<unknown>): Promise<void> {
  const compiled = query.compile();
  if (sqliteHandleOf(db)) {
    // Locked by another process: write the usual way, which waits for the lock asynchronously.
    if (!(await runWithoutFsync(db, compiled))) await db.executeQuery(compiled);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    await trx.executeQuery(compiled);
  });
}

/**
 * Runs `work` in a transaction whose commit does not wait for the disk (SQLite
 * synchronous=NORMAL, PostgreSQL synchronous_commit=off), for every transaction of a series but
 * its last, which commits the usual way: that commit's fsync makes the earlier ones durable too,
 * because both engines' write-ahead log is one file written in commit order. So the series is on
 * disk when its last transaction resolves. A power cut before that loses at most a suffix of the
 * series (whole transactions, newest first), as a crash of the process after one of them would
 * stop it: the series must be resumable from any of its transactions (a launch is, by
 * finishInterruptedLaunches). Any other synchronous commit, of any process, also syncs them.
 * On SQLite the transaction never shares a commit group (sqlite-driver.ts).
 */
export async function transactionWithoutFsync<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (sqliteHandleOf(db)) return runTransactionWithoutFsync(db, work);
  return db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    return work(trx);
  });
}

/** Whether the database is PostgreSQL (for the few queries that must differ between engines). */
export function isPostgres(db: Db | Tx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Applies every pending migration; safe to call on every start. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
}

/**
 * Whether an error means the database cannot take the write right now (busy beyond the retries,
 * disk full, PostgreSQL out of space or refusing connections): the user may try again shortly.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  // 53xxx: insufficient resources (disk full, out of memory, too many connections); 57P03: cannot connect now.
  return typeof code === 'string' && (/^53\d{3}$/.test(code) || code === '57P03' || code === '55P03');
}

/**
 * Answers when the database can be read and written; throws otherwise. Used by /healthz.
 * The write probe commits one tiny row (a full disk refuses the journal write) and, on SQLite,
 * grows the file inside a transaction that is rolled back (a page limit refuses it). A database
 * whose write lock another process holds is busy, not broken: that passes.
 */
export async function checkDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
  if (sqliteHandleOf(db)) {
    await probeSqliteWrite(db);
    return;
  }
  const now = new Date().toISOString();
  await db
    .insertInto('health_check')
    .values({ id: 1, checked_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: now }))
    .execute();
}
