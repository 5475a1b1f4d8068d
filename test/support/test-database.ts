// The database each test gets. SQLite in memory by default. With TEST_DATABASE_URL=postgres://…
// a PostgreSQL database of its own on that server, as empty as a fresh one.
//
// Making a database per test is slow on PostgreSQL (copying the migrated template, connecting
// to a database for the first time and dropping it take about 0.5 s together on a busy
// machine), so a database given back by db.destroy() is kept for the next createTestDb() of
// the same test file: emptied (every table but the migration log, identities back to 1) and
// opened with a new pool, so a late query through the old handle fails as on a destroyed
// database instead of writing into the next test's data. The file's databases are dropped
// after its last test.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { Client } from 'pg';
import { migrations } from '../../db/migrations';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database';
import { openDatabaseAt } from './open-database-at';

const postgresUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

if (postgresUrl && !/^postgres(ql)?:\/\//.test(postgresUrl)) {
  throw new Error(`TEST_DATABASE_URL must be postgres://…, not ${postgresUrl}`);
}

/** The engine the suite runs on: PostgreSQL when TEST_DATABASE_URL is set. */
export const testEngine: 'sqlite' | 'postgres' = postgresUrl ? 'postgres' : 'sqlite';

/**
 * `describe` for tests of SQLite itself (its files, pragmas, WAL, several processes on one
 * file, the SQLite schema): skipped when the suite runs on PostgreSQL.
 */
export const describeSqliteOnly: jest.Describe = testEngine === 'sqlite' ? describe : describe.skip;

/** `describe` for tests of the PostgreSQL schema and behaviour: skipped on SQLite. */
export const describePostgresOnly: jest.Describe = testEngine === 'postgres' ? describe : describe.skip;

/** A fresh, migrated database on the engine the suite runs on; call db.destroy() when done. */
export async function openTestDatabase(): Promise<Db> {
  if (!postgresUrl) {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    return db;
  }
  return openPostgresTestDatabase(postgresUrl);
}

/** A database other processes (the CLI, the server, a second worker) open by its URL. */
export interface SharedTestDatabase {
  /** What DATABASE_URL and openDatabaseAt take: a SQLite file path or a postgres:// URL. */
  url: string;
  /** A new connection (pool) to it, as another process would open. */
  open(): Db;
  /** Deletes it (the SQLite file's folder, or drops the PostgreSQL database). */
  cleanup(): Promise<void>;
}

/**
 * A new database that several connections or processes share, on the engine the suite runs on:
 * a SQLite file in a temporary folder, or a PostgreSQL database of its own on the test server.
 * `migrated: false` leaves it empty (a SQLite file not yet created) for a process to migrate.
 */
export async function createSharedTestDatabase(options: { migrated: boolean; prefix?: string }): Promise<SharedTestDatabase> {
  if (!postgresUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'pds-test-'));
    const file = path.join(dir, 'test.sqlite');
    if (options.migrated) {
      const db = openDatabase(file);
      await migrateToLatest(db);
      await db.destroy();
    }
    return { url: file, open: () => openDatabase(file), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const serverUrl = postgresUrl;
  const name = `pds_test_${process.pid}_${++created}_${randomBytes(3).toString('hex')}`;
  if (options.migrated) {
    const source = await ensureTemplate(serverUrl);
    await onServer(serverUrl, (client) => client.query(`create database "${name}" template "${source.name}"${source.strategy}`));
  } else {
    await onServer(serverUrl, (client) => client.query(`create database "${name}"`));
  }
  const url = urlOf(serverUrl, name);
  return { url, open: () => openDatabaseAt(url), cleanup: async () => void (await dropDatabase(serverUrl, name)) };
}

/** The URL of a database on the test server (TEST_DATABASE_URL names the server). */
export function testDatabaseUrl(database: string): string {
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  return urlOf(postgresUrl, database);
}

function urlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  // A short-lived connection per call: nothing stays open to keep a Jest worker alive.
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// The template's name carries a hash of the migrations' code, so a changed migration gets a
// new template on a server kept running between runs.
function templateName(): string {
  const hash = createHash('sha256');
  for (const [name, migration] of Object.entries(migrations)) hash.update(`${name}\n${String(migration.up)}\n`);
  return `pds_test_tpl_${hash.digest('hex').slice(0, 16)}`;
}

interface Template {
  name: string;
  /** The CREATE DATABASE option that copies it fastest. */
  strategy: string;
}

let template: Promise<Template> | undefined;

/** Builds the migrated template once per server, whichever Jest worker comes first. */
function ensureTemplate(serverUrl: string): Promise<Template> {
  template ??= onServer(serverUrl, async (client) => {
    const name = templateName();
    const version = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`);
    // From PostgreSQL 15 the default copy is WAL-logged: ten times slower on a small database
    // than copying the files (40 against 400 ms here).
    const strategy = Number(version.rows[0]?.v) >= 150000 ? ' strategy file_copy' : '';
    await client.query(`select pg_advisory_lock(hashtext('pds-loop test template'))`);
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) {
        // Built under another name and renamed when complete: a run stopped half-way leaves
        // no broken template behind.
        const building = `${name}_building`;
        await client.query(`drop database if exists "${building}" with (force)`);
        await client.query(`create database "${building}"`);
        const db = openDatabase({ kind: 'postgres', url: urlOf(serverUrl, building) });
        try {
          await migrateToLatest(db);
        } finally {
          await db.destroy();
        }
        await client.query(`alter database "${building}" rename to "${name}"`);
      }
      return { name, strategy };
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('pds-loop test template'))`);
    }
  });
  return template;
}

/** The statements that empty a migrated database: children before parents, identities reset. */
async function emptyingStatements(db: Db): Promise<string> {
  const tables = await sql<{ name: string }>`
    select quote_ident(tablename) as name from pg_tables
    where schemaname = current_schema() and tablename not like 'kysely_migration%'`.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    select conrelid::regclass::text as child, confrelid::regclass::text as parent from pg_constraint
    where contype = 'f' and connamespace = current_schema()::regnamespace and conrelid <> confrelid`.execute(db);
  const sequences = await sql<{ name: string }>`
    select pg_get_serial_sequence(quote_ident(table_name), column_name) as name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(db);

  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const { child, parent } of references.rows) if (parent === table) visit(child, path);
    ordered.push(table);
  };
  for (const { name } of tables.rows) visit(name, new Set());

  return [
    // A test that ended with a transaction still open must not make this one wait for ever.
    `set lock_timeout = '5s'`,
    ...ordered.map((table) => `delete from ${table}`),
    ...sequences.rows.map((s) => `select setval('${s.name}', 1, false)`),
    'reset lock_timeout',
  ].join(';\n');
}

let created = 0;
let emptying: Promise<string> | undefined;
/** Databases of this test file given back by db.destroy(), ready to be emptied and reused. */
const returned: string[] = [];
let fileDone = false;

async function openPostgresTestDatabase(serverUrl: string): Promise<Db> {
  const reused = returned.pop();
  if (reused) {
    const db = openDatabase({ kind: 'postgres', url: urlOf(serverUrl, reused) });
    try {
      await sql.raw(await emptying!).execute(db);
      return handOut(serverUrl, reused, db);
    } catch {
      await db.destroy();
      await dropDatabase(serverUrl, reused);
    }
  }
  const source = await ensureTemplate(serverUrl);
  const name = `pds_test_${process.pid}_${++created}_${randomBytes(3).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`create database "${name}" template "${source.name}"${source.strategy}`));
  const db = openDatabase({ kind: 'postgres', url: urlOf(serverUrl, name) });
  emptying ??= emptyingStatements(db);
  await emptying;
  return handOut(serverUrl, name, db);
}

function handOut(serverUrl: string, name: string, db: Db): Db {
  const destroy = db.destroy.bind(db);
  db.destroy = async () => {
    await destroy();
    if (fileDone) await dropDatabase(serverUrl, name);
    else returned.push(name);
  };
  return db;
}

function dropDatabase(serverUrl: string, name: string) {
  return onServer(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
}

// Registered when a test file imports this module, so it runs after that file's last test.
if (postgresUrl && typeof afterAll === 'function') {
  afterAll(async () => {
    fileDone = true;
    const names = returned.splice(0);
    await Promise.all(names.map((name) => dropDatabase(postgresUrl, name)));
  });
}
