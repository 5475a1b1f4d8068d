import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { UnavailableError } from '../shared/errors';

// The SQLite driver of the app. Kysely's own driver differs in three ways that matter here:
//
// - It begins transactions with a deferred BEGIN: a read-then-write transaction then fails with
//   SQLITE_BUSY when another process (CLI, worker) writes the same file. BEGIN IMMEDIATE takes
//   the write lock up front.
// - better-sqlite3 waits for a lock synchronously (busy_timeout), so a long wait blocks every
//   request of the process, /healthz included. The busy timeout is kept short and a statement
//   that finds the database locked outside a transaction (BEGIN IMMEDIATE itself, or a single
//   write) is retried asynchronously with backoff, with the connection given back meanwhile, so
//   reads and other requests go on. After BUSY_RETRY_MS it fails as unavailable.
// - When SQLite has already rolled a transaction back by itself (disk full), a second ROLLBACK
//   fails with "cannot rollback - no transaction is active" and hides the real cause: skipped.

/** How long a write waits, in total, for another process's write lock before giving up. */
const BUSY_RETRY_MS = 5000;
const FIRST_BACKOFF_MS = 5;
const MAX_BACKOFF_MS = 200;

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED']);
const FULL_CODES = new Set(['SQLITE_FULL']);

/** The database is locked by another writer beyond the retries, or the disk is full. The cause is kept for the logs. */
export class DatabaseUnavailableError extends UnavailableError {
  constructor(
    readonly reason: 'busy' | 'full',
    cause: unknown,
  ) {
    super(reason === 'busy' ? 'The database is busy. Please try again in a moment.' : 'The database cannot store anything right now. Please try again in a moment.');
    this.cause = cause;
  }
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isBusy(error: unknown): boolean {
  return BUSY_CODES.has(sqliteCode(error) ?? '');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class ConnectionMutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
  }

  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

// Kysely asks for a prepared statement on every query. better-sqlite3 statements can be reused
// (SQLite re-prepares them itself after a schema change), so the most recent ones are kept by
// SQL text; the bound keeps queries with IN lists of every length from growing it without limit.
const STATEMENT_CACHE_SIZE = 500;

class StatementCache {
  readonly #statements = new Map<string, SqliteDatabase.Statement>();

  constructor(private readonly sqlite: SqliteDatabase.Database) {}

  prepare(sql: string): SqliteDatabase.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.sqlite.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

const statementCaches = new WeakMap<SqliteDatabase.Database, StatementCache>();

function statementsOf(sqlite: SqliteDatabase.Database): StatementCache {
  let cache = statementCaches.get(sqlite);
  if (cache === undefined) {
    cache = new StatementCache(sqlite);
    statementCaches.set(sqlite, cache);
  }
  return cache;
}

class ResilientSqliteConnection implements DatabaseConnection {
  private readonly statements: StatementCache;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly mutex: ConnectionMutex,
  ) {
    this.statements = statementsOf(sqlite);
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + BUSY_RETRY_MS;
    for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
      try {
        return this.run<R>(compiledQuery);
      } catch (error) {
        if (FULL_CODES.has(sqliteCode(error) ?? '')) throw new DatabaseUnavailableError('full', error);
        // Inside a transaction the connection must not be given back; BEGIN IMMEDIATE holds the lock anyway.
        if (!isBusy(error) || this.sqlite.inTransaction) throw error;
        if (Date.now() >= deadline) throw new DatabaseUnavailableError('busy', error);
        this.mutex.unlock();
        await sleep(backoff * (0.5 + Math.random()));
        await this.mutex.lock();
      }
    }
  }

  private run<R>(compiledQuery: CompiledQuery): QueryResult<R> {
    const statement = this.statements.prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('SQLite streams only select queries');
    const statement = this.sqlite.prepare(compiledQuery.sql);
    for (const row of statement.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
  }
}

class ResilientSqliteDriver implements Driver {
  readonly mutex = new ConnectionMutex();
  readonly connection: ResilientSqliteConnection;

  constructor(readonly sqlite: SqliteDatabase.Database) {
    this.connection = new ResilientSqliteConnection(sqlite, this.mutex);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite may have rolled back already (SQLITE_FULL, SQLITE_IOERR): rolling back again would
    // throw "no transaction is active" in place of the error that caused it.
    if (!this.sqlite.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    if (!this.sqlite.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    if (this.sqlite.open) this.sqlite.close();
  }
}

const drivers = new WeakMap<object, ResilientSqliteDriver>();

/** SQLite through ResilientSqliteDriver; otherwise Kysely's SQLite adapter, compiler and introspector. */
export class ResilientSqliteDialect implements Dialect {
  readonly #driver: ResilientSqliteDriver;

  constructor(sqlite: SqliteDatabase.Database) {
    this.#driver = new ResilientSqliteDriver(sqlite);
  }

  createDriver(): Driver {
    return this.#driver;
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }

  /** Remembers which Kysely instance runs on this driver, for the write probe and backups. */
  register(db: object): void {
    drivers.set(db, this.#driver);
  }
}

/** The better-sqlite3 handle under a Kysely instance opened on ResilientSqliteDialect. */
export function sqliteHandleOf(db: object): SqliteDatabase.Database | undefined {
  return drivers.get(db)?.sqlite;
}

/**
 * Runs `work` on the raw handle while no query of this process uses it (backups, the probe).
 * Synchronous work only: the connection is held until it returns.
 */
export async function withSqliteHandle<T>(db: object, work: (sqlite: SqliteDatabase.Database) => T): Promise<T> {
  const driver = drivers.get(db);
  if (!driver) throw new Error('not a SQLite database');
  await driver.mutex.lock();
  try {
    return work(driver.sqlite);
  } finally {
    driver.mutex.unlock();
  }
}

/**
 * The SQLite part of the health check, in one short transaction: grows the file by 64 KiB in a
 * savepoint that is rolled back (refused when the file may not grow) and commits one tiny row
 * (refused when the journal cannot be written). 'busy' when another process holds the write
 * lock past the short busy timeout; throws DatabaseUnavailableError('full') on a full disk.
 */
export async function probeSqliteWrite(db: object): Promise<'ok' | 'busy'> {
  return withSqliteHandle(db, (sqlite) => {
    try {
      sqlite.exec('begin immediate');
    } catch (error) {
      if (isBusy(error)) return 'busy';
      throw error;
    }
    try {
      sqlite.exec('savepoint grow');
      sqlite.prepare('insert into health_check (id, checked_at) values (2, zeroblob(65536))').run();
      sqlite.exec('rollback to grow');
      sqlite.exec('release grow');
      sqlite.prepare('insert into health_check (id, checked_at) values (1, ?) on conflict (id) do update set checked_at = excluded.checked_at').run(new Date().toISOString());
      sqlite.exec('commit');
      return 'ok';
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('rollback');
      throw FULL_CODES.has(sqliteCode(error) ?? '') ? new DatabaseUnavailableError('full', error) : error;
    }
  });
}

/**
 * Runs one write statement with synchronous=NORMAL: its commit does not wait for the disk, so
 * it survives a crash of the process but maybe not a power cut or an OS crash. The connection is
 * held throughout (no other query of this process runs in between), and the app's
 * synchronous=FULL is back before it is given back. False, with nothing written, when another
 * process holds the write lock: the caller then writes the usual way, which waits for it.
 * @throws DatabaseUnavailableError ('full') on a full disk
 */
export async function runWithoutFsync(db: object, compiledQuery: CompiledQuery): Promise<boolean> {
  return withSqliteHandle(db, (sqlite) => {
    const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
    sqlite.pragma('synchronous = normal');
    try {
      statementsOf(sqlite).prepare(compiledQuery.sql).run(compiledQuery.parameters as unknown[]);
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      throw FULL_CODES.has(sqliteCode(error) ?? '') ? new DatabaseUnavailableError('full', error) : error;
    } finally {
      sqlite.pragma(`synchronous = ${synchronous}`);
    }
  });
}
