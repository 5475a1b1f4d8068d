import fs from 'node:fs/promises';
import path from 'node:path';
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

function unavailableOr(error: unknown): unknown {
  if (FULL_CODES.has(sqliteCode(error) ?? '')) return new DatabaseUnavailableError('full', error);
  if (isBusy(error)) return new DatabaseUnavailableError('busy', error);
  return error;
}

// Group commit. With synchronous=FULL every COMMIT waits for the disk, and better-sqlite3 waits
// synchronously, so one commit after another caps the whole process at one fsync per
// transaction. Instead, the transactions that run while a group is open join it, each as a
// savepoint inside one BEGIN IMMEDIATE transaction, and one COMMIT ends the group on the next
// turn of the event loop (or when it is full, or before anything that must not run inside it).
// A transaction's commit resolves only after that COMMIT, so what a caller acknowledges is on
// disk exactly as before; a transaction that fails rolls back its own savepoint only. If SQLite
// ends the group by itself (a full disk) or its COMMIT fails, every transaction in it fails with
// that error. Meanwhile a read of this process may see a joined transaction's rows before their
// COMMIT; other processes see them only after it, as before.
//
// The fsync of that COMMIT is taken off the event loop (WalSync): on a WAL file with
// synchronous=FULL the COMMIT runs with synchronous=NORMAL (it writes the WAL without waiting for
// the disk) and the transactions resolve only after an fsync of the WAL file, in libuv's thread
// pool, that began after their COMMIT. What a caller acknowledges is on disk as with FULL, but
// requests go on meanwhile, and every group committed during one fsync is made durable by the
// next one. Other processes may see a group's rows before that fsync ends.
const MAX_GROUP = 100;
const MEMBER_SAVEPOINT = 'pds_group_member';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** fsync of a file (and of its directory when asked), off the event loop. */
export type SyncFile = (file: string, withDirectory: boolean) => Promise<void>;

/**
 * The WAL is synced through a handle kept open while the connection is (one trip to the thread
 * pool per sync instead of three); SQLite keeps the file until its last connection closes.
 */
function keptOpenSync(): { sync: SyncFile; close(): Promise<void> } {
  let opened: { file: string; handle: Promise<fs.FileHandle> } | undefined;
  const close = async () => {
    const handle = opened?.handle;
    opened = undefined;
    await (await handle?.catch(() => undefined))?.close();
  };
  const sync: SyncFile = async (file, withDirectory) => {
    if (opened?.file !== file) {
      await close();
      opened = { file, handle: fs.open(file, 'r') };
    }
    try {
      await (await opened.handle).sync();
    } catch (error) {
      await close();
      throw error;
    }
    if (!withDirectory) return;
    // A new WAL file's name must be on disk too (SQLite with FULL syncs the directory once as well).
    const dir = await fs.open(path.dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  };
  return { sync, close };
}

/**
 * Resolves committed transactions after an fsync of the WAL file that began after their COMMIT.
 * One fsync at a time: the groups committed while it runs wait for the next one, which covers
 * them all.
 */
class WalSync {
  #committed: Waiter[] = [];
  #running: Promise<void> | undefined;
  #isDirectorySynced = false;

  constructor(
    private readonly walFile: string,
    private readonly sync: SyncFile,
  ) {}

  /** Called right after a COMMIT that did not wait for the disk. */
  afterCommit(waiters: Waiter[]): void {
    if (waiters.length === 0) return;
    this.#committed.push(...waiters);
    this.#running ??= this.#run();
  }

  /** Resolves when no committed transaction waits for its fsync any more. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #run(): Promise<void> {
    while (this.#committed.length > 0) {
      const waiters = this.#committed;
      this.#committed = [];
      try {
        await this.sync(this.walFile, !this.#isDirectorySynced);
        this.#isDirectorySynced = true;
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.#running = undefined;
  }
}

class CommitGroup {
  /** Whether the group's BEGIN IMMEDIATE ran and its COMMIT has not. */
  isOpen = false;
  /** Whether a transaction of the group is between its savepoint and its release or rollback. */
  isMemberActive = false;
  #waiters: Waiter[] = [];
  #isFlushScheduled = false;

  /** Undefined until the first COMMIT; null when COMMIT itself must wait for the disk. */
  #walSync: WalSync | null | undefined;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly statements: StatementCache,
    private readonly mutex: ConnectionMutex,
    private readonly sync: SyncFile,
  ) {}

  get size(): number {
    return this.#waiters.length;
  }

  /** Ends the open group: COMMIT, then settles its transactions. The caller holds the connection. Never throws. */
  commitNow(): void {
    if (!this.isOpen) return;
    const waiters = this.#end();
    const walSync = this.#walSyncOnce();
    let failure: unknown;
    try {
      this.statements.prepare('commit').run();
    } catch (error) {
      failure = unavailableOr(error);
      try {
        if (this.sqlite.inTransaction) this.statements.prepare('rollback').run();
      } catch {
        // The connection is closed or broken: nothing is left to undo.
      }
    }
    if (walSync && !this.sqlite.inTransaction) this.#restoreFull();
    if (failure === undefined && walSync) return walSync.afterCommit(waiters);
    for (const waiter of waiters) {
      if (failure === undefined) waiter.resolve();
      else waiter.reject(failure);
    }
  }

  /** Resolves when every committed transaction has resolved (its fsync done). */
  async idle(): Promise<void> {
    await this.#walSync?.idle();
  }

  // Only a file in WAL mode with synchronous=FULL: anything else commits as it is configured.
  #walSyncOnce(): WalSync | null {
    if (this.#walSync !== undefined) return this.#walSync;
    const isWal = !this.sqlite.memory && String(this.sqlite.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    const isFull = this.sqlite.pragma('synchronous', { simple: true }) === 2;
    this.#walSync = isWal && isFull ? new WalSync(`${this.sqlite.name}-wal`, this.sync) : null;
    return this.#walSync;
  }

  /**
   * BEGIN IMMEDIATE of a new group. SQLite changes synchronous only outside a transaction, so the
   * group runs with NORMAL from here to its COMMIT: the WAL is written but not synced, and
   * WalSync syncs it before anyone is told. A checkpoint that COMMIT runs still syncs the WAL
   * before copying it, as SQLite does with NORMAL.
   */
  open(): void {
    const walSync = this.#walSyncOnce();
    if (walSync) this.statements.prepare('pragma synchronous = normal').run();
    try {
      this.statements.prepare('begin immediate').run();
    } catch (error) {
      if (walSync) this.#restoreFull();
      throw error;
    }
    this.isOpen = true;
  }

  // Every write outside a group (autocommit, the CLI's raw work) keeps waiting for the disk.
  #restoreFull(): void {
    this.statements.prepare('pragma synchronous = full').run();
  }

  /** SQLite rolled the group back by itself: every transaction in it fails with `error`. */
  fail(error: unknown): void {
    const waiters = this.#end();
    if (this.#walSync && !this.sqlite.inTransaction) this.#restoreFull();
    for (const waiter of waiters) waiter.reject(error);
  }

  /** Resolves after the COMMIT of the group, which is scheduled for the next turn of the event loop. */
  waitForCommit(): Promise<void> {
    const committed = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.scheduleCommit();
    return committed;
  }

  scheduleCommit(): void {
    if (this.#isFlushScheduled) return;
    this.#isFlushScheduled = true;
    setImmediate(() => void this.#flush());
  }

  async #flush(): Promise<void> {
    await this.mutex.lock();
    this.#isFlushScheduled = false;
    try {
      this.commitNow();
    } finally {
      this.mutex.unlock();
    }
  }

  #end(): Waiter[] {
    const waiters = this.#waiters;
    this.#waiters = [];
    this.isOpen = false;
    this.isMemberActive = false;
    return waiters;
  }
}

class ResilientSqliteConnection {
  readonly statements: StatementCache;
  readonly group: CommitGroup;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly mutex: ConnectionMutex,
    sync: SyncFile,
  ) {
    this.statements = statementsOf(sqlite);
    this.group = new CommitGroup(sqlite, this.statements, mutex, sync);
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // A write outside any transaction would otherwise join the open group and be acknowledged
    // before its COMMIT: end the group first.
    if (this.group.isOpen && !this.group.isMemberActive && !this.statements.prepare(compiledQuery.sql).reader) this.group.commitNow();
    return this.retryingBusy(() => this.run<R>(compiledQuery));
  }

  /**
   * Runs `attempt`, and again with backoff while another process holds the write lock. A
   * statement that finds the database locked outside a transaction gives the connection back
   * meanwhile, so reads and other requests go on. After BUSY_RETRY_MS it fails as unavailable.
   */
  async retryingBusy<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + BUSY_RETRY_MS;
    for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
      try {
        return attempt();
      } catch (error) {
        // SQLite rolled the whole transaction back by itself (a full disk): so is the group.
        if (this.group.isOpen && !this.sqlite.inTransaction) this.group.fail(unavailableOr(error));
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
    // Not from the cache: a statement being iterated cannot run again until it is done.
    const statement = this.sqlite.prepare(compiledQuery.sql);
    for (const row of statement.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/** One use of the connection, from acquireConnection to releaseConnection (or an earlier release by a commit). */
class ConnectionLease implements DatabaseConnection {
  isReleased = false;

  constructor(
    readonly connection: ResilientSqliteConnection,
    private readonly mutex: ConnectionMutex,
  ) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.connection.executeQuery<R>(compiledQuery);
  }

  streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.connection.streamQuery<R>(compiledQuery);
  }

  release(): void {
    if (this.isReleased) return;
    this.isReleased = true;
    this.mutex.unlock();
  }
}

class ResilientSqliteDriver implements Driver {
  readonly mutex = new ConnectionMutex();
  readonly connection: ResilientSqliteConnection;

  constructor(
    readonly sqlite: SqliteDatabase.Database,
    sync: SyncFile,
    private readonly closeSync: () => Promise<void>,
  ) {
    this.connection = new ResilientSqliteConnection(sqlite, this.mutex, sync);
  }

  get group(): CommitGroup {
    return this.connection.group;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return new ConnectionLease(this.connection, this.mutex);
  }

  async beginTransaction(): Promise<void> {
    const { group, statements } = this.connection;
    if (group.isOpen && group.size >= MAX_GROUP) group.commitNow();
    // BEGIN IMMEDIATE takes the write lock up front; while it waits for another process, another
    // transaction of this process may open the group, which this one then joins.
    await this.connection.retryingBusy(() => {
      if (!group.isOpen) group.open();
    });
    group.isMemberActive = true;
    try {
      statements.prepare(`savepoint ${MEMBER_SAVEPOINT}`).run();
    } catch (error) {
      group.isMemberActive = false;
      throw unavailableOr(error);
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { group, statements } = this.connection;
    statements.prepare(`release ${MEMBER_SAVEPOINT}`).run();
    group.isMemberActive = false;
    const committed = group.waitForCommit();
    // Other transactions may join the group while this one waits for its COMMIT.
    (connection as ConnectionLease).release();
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // Its savepoint was released and the group's COMMIT failed: SQLite undid it already.
    if ((connection as ConnectionLease).isReleased) return;
    const { group, statements } = this.connection;
    group.isMemberActive = false;
    // SQLite may have rolled back already (SQLITE_FULL, SQLITE_IOERR): rolling back again would
    // throw "no transaction is active" in place of the error that caused it.
    if (!this.sqlite.inTransaction) return;
    statements.prepare(`rollback to ${MEMBER_SAVEPOINT}`).run();
    statements.prepare(`release ${MEMBER_SAVEPOINT}`).run();
    // The group may now hold no transaction; its COMMIT still ends it.
    group.scheduleCommit();
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

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as ConnectionLease).release();
  }

  async destroy(): Promise<void> {
    if (this.group.isOpen) {
      await this.mutex.lock();
      this.group.commitNow();
      this.mutex.unlock();
    }
    await this.group.idle();
    await this.closeSync();
    if (this.sqlite.open) this.sqlite.close();
  }
}

const drivers = new WeakMap<object, ResilientSqliteDriver>();

/** SQLite through ResilientSqliteDriver; otherwise Kysely's SQLite adapter, compiler and introspector. */
export class ResilientSqliteDialect implements Dialect {
  readonly #driver: ResilientSqliteDriver;

  /** `sync`: how the WAL file is synced after a group's COMMIT (tests replace it). */
  constructor(sqlite: SqliteDatabase.Database, options: { sync?: SyncFile } = {}) {
    const kept = options.sync ? { sync: options.sync, close: () => Promise.resolve() } : keptOpenSync();
    this.#driver = new ResilientSqliteDriver(sqlite, kept.sync, kept.close);
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
    // Raw work runs outside any transaction (backups, pragmas): end an open group first.
    driver.group.commitNow();
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
 * Refreshes the query planner's statistics where they are missing or stale (PRAGMA optimize,
 * with `allTables` also tables this connection has not used yet). Without statistics SQLite
 * planned the ranked list's account query in minutes instead of a second. Skipped, to be tried
 * again later, while another process holds the write lock.
 */
export async function optimizeSqlite(db: object, allTables: boolean): Promise<void> {
  await withSqliteHandle(db, (sqlite) => {
    try {
      sqlite.pragma(allTables ? 'optimize = 0x10002' : 'optimize');
    } catch (error) {
      if (!isBusy(error)) throw error;
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

/**
 * Runs `work` as a transaction of its own whose COMMIT does not wait for the disk
 * (synchronous=NORMAL), for transactionWithoutFsync (database.ts). An open commit group is
 * committed first, as usual, and no other transaction joins this one: the connection is held from
 * the BEGIN to the COMMIT, so no other commit of this process runs under NORMAL. SQLite refuses
 * to change the level inside a transaction, so it is lowered just before the BEGIN and restored
 * right after the COMMIT or ROLLBACK, also when `work` or the COMMIT throws.
 * Its COMMIT does not checkpoint either (a checkpoint fsyncs the WAL and the database under
 * NORMAL too): the next ordinary commit, the series' last, copies the WAL into the database at
 * once instead of every few transactions (a launch: one checkpoint instead of ten).
 */
export async function runTransactionWithoutFsync<T, D extends Kysely<any>>(db: D, work: (trx: D) => Promise<T>): Promise<T> {
  const driver = drivers.get(db);
  if (!driver) throw new Error('not a SQLite database');
  const { sqlite, connection } = driver;
  const { group, statements } = connection;
  return db.connection().execute(async (held) => {
    let synchronous = 2;
    let autocheckpoint = 1000;
    const restore = () => {
      sqlite.pragma(`synchronous = ${synchronous}`);
      sqlite.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    };
    // retryingBusy gives the connection back while it waits: the level is restored before that.
    await connection.retryingBusy(() => {
      // Read after the group's COMMIT: an open group runs under NORMAL until then (WalSync).
      group.commitNow();
      synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
      autocheckpoint = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
      sqlite.pragma('synchronous = normal');
      sqlite.pragma('wal_autocheckpoint = 0');
      try {
        statements.prepare('begin immediate').run();
      } catch (error) {
        restore();
        throw error;
      }
    });
    try {
      const result = await work(held as D);
      try {
        statements.prepare('commit').run();
      } catch (error) {
        throw unavailableOr(error);
      }
      return result;
    } catch (error) {
      // SQLite may have rolled back by itself (a full disk): a second ROLLBACK would hide why.
      try {
        if (sqlite.inTransaction) statements.prepare('rollback').run();
      } catch {
        // The connection is closed or broken: nothing is left to undo.
      }
      throw error;
    } finally {
      restore();
    }
  });
}
