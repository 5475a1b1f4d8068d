import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../src/db/database';
import { createTestDb } from '../support/test-db';
import { migrations } from '../../db/migrations';
import { describeSqliteOnly } from '../support/test-database';

describeSqliteOnly('migrations', () => {
  it('create every table on an empty database and are idempotent', async () => {
    const db = await createTestDb();
    await migrateToLatest(db);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    const names = tables.rows.map((r) => r.name);
    for (const table of ['user', 'team', 'team_member', 'session', 'audit_log', 'campaign', 'invitation', 'outbox', 'response', 'problem_mention']) {
      expect(names).toContain(table);
    }
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    await db.destroy();
  });

  it('open a file with foreign keys, WAL, a busy timeout and synchronous FULL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-pragma-'));
    const db = openDatabase(path.join(dir, 'app.sqlite'));
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('journal_mode')).toBe('wal');
    // Short on purpose: longer waits for another writer happen asynchronously (sqlite-driver.ts).
    expect(await pragma('busy_timeout')).toBe(100);
    expect(await pragma('synchronous')).toBe(2);
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('can all be rolled back in order', async () => {
    const db = await createTestDb();
    for (const name of Object.keys(migrations).reverse()) {
      await migrations[name]!.down!(db);
    }
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(db);
    expect(tables.rows).toEqual([]);
    await db.destroy();
  });
});
