// The database each test gets. SQLite in memory by default; with TEST_DATABASE_URL=postgres://…
// a fresh PostgreSQL database per call on that server, copied from a migrated template
// (CREATE DATABASE … TEMPLATE takes a few milliseconds, migrating takes much longer) and
// dropped again by db.destroy().
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrations } from '../../db/migrations';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database';

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

/** A fresh, migrated database on the engine the suite runs on; db.destroy() removes it. */
export async function openTestDatabase(): Promise<Db> {
  if (!postgresUrl) {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    return db;
  }
  return openPostgresTestDatabase(postgresUrl);
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

let template: Promise<string> | undefined;

/** Builds the migrated template once per server, whichever Jest worker comes first. */
function ensureTemplate(serverUrl: string): Promise<string> {
  template ??= onServer(serverUrl, async (client) => {
    const name = templateName();
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
      return name;
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('pds-loop test template'))`);
    }
  });
  return template;
}

let created = 0;

async function openPostgresTestDatabase(serverUrl: string): Promise<Db> {
  const source = await ensureTemplate(serverUrl);
  const name = `pds_test_${process.pid}_${++created}_${randomBytes(3).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`create database "${name}" template "${source}"`));
  const db = openDatabase({ kind: 'postgres', url: urlOf(serverUrl, name) });
  const destroy = db.destroy.bind(db);
  db.destroy = async () => {
    await destroy();
    await onServer(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
  };
  return db;
}
