import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  Kysely,
  Migrator,
  SqliteDialect,
  SqliteDialectConfig,
  Transaction,
  sql,
} from 'kysely';
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

/** Opens the database named by the configuration. The dialect is chosen here and nowhere else. */
export function openDatabase(target: DatabaseTarget | string): Db {
  const resolved: DatabaseTarget = typeof target === 'string' ? { kind: 'sqlite', file: target } : target;
  if (resolved.kind === 'postgres') {
    throw new Error('DATABASE_URL: PostgreSQL is not supported yet; use a SQLite file path');
  }
  if (resolved.file !== ':memory:') fs.mkdirSync(path.dirname(resolved.file), { recursive: true });
  const sqlite = new SqliteDatabase(resolved.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // Answers must survive a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
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
