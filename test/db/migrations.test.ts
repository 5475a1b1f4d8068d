import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../src/db/database';
import { migrations } from '../../db/migrations';

describe('migrations', () => {
  it('create every table on an empty database and are idempotent', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
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

  it('turn on foreign keys and WAL-friendly settings', async () => {
    const db = openDatabase(':memory:');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    await db.destroy();
  });

  it('can all be rolled back in order', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    for (const name of Object.keys(migrations).reverse()) {
      await migrations[name]!.down!(db);
    }
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(db);
    expect(tables.rows).toEqual([]);
    await db.destroy();
  });
});
