import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  SqliteDialectConfig,
  Transaction,
  sql,
} from 'kysely';
import { Pool, types as pgTypes, type CustomTypesConfig } from 'pg';
import { migrations } from '../../db/migrations';
import type { DatabaseTarget } from '../config';
import type { Database } from './schema';

/** The database or an open transaction: repositories accept both. */
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// Kysely begins SQLite transactions with a deferred BEGIN; a read-then-write
// transaction then fails with SQLITE_BUSY when another process (CLI, worker)
// writes the same file. BEGIN IMMEDIATE takes the write lock up front, and the
// busy timeout makes the second writer wait instead of failing.
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly dialectConfig: SqliteDialectConfig) {
    super(dialectConfig);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

// count(*) and sum() of integers are bigint (int8) on PostgreSQL and avg() is numeric; pg
// returns both as strings. The app counts in plain numbers on SQLite, so convert here, in one
// place, rather than in every query. Values beyond 2^53 do not occur in this app.
const NUMBER_TYPE_IDS = new Set<number>([pgTypes.builtins.INT8, pgTypes.builtins.NUMERIC]);
const postgresTypes: CustomTypesConfig = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') =>
    NUMBER_TYPE_IDS.has(id) && format !== 'binary' ? Number : pgTypes.getTypeParser(id, format)) as CustomTypesConfig['getTypeParser'],
};

/**
 * Opens the database named by the configuration. The dialect is chosen here and nowhere else.
 * PostgreSQL connects lazily: the pool opens its first connection with the first query, so a
 * wrong URL or a server that is down shows at migrateToLatest/checkDatabase, not here.
 */
export function openDatabase(target: DatabaseTarget | string): Db {
  const resolved: DatabaseTarget = typeof target === 'string' ? { kind: 'sqlite', file: target } : target;
  if (resolved.kind === 'postgres') return openPostgres(resolved.url, resolved.poolSize);
  if (resolved.file !== ':memory:') fs.mkdirSync(path.dirname(resolved.file), { recursive: true });
  const sqlite = new SqliteDatabase(resolved.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // Answers must survive a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
}

function openPostgres(url: string, poolSize?: number): Db {
  const pool = new Pool({ connectionString: url, types: postgresTypes, ...(poolSize ? { max: poolSize } : {}) });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it and the next query reports any lasting problem.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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

/** Answers when the database can be read; throws otherwise. Used by /healthz. */
export async function checkDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
