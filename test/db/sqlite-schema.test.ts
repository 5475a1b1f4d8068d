import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../db/migrations';
import { openDatabase } from '../../src/db/database';
import { describeSqliteOnly } from '../support/test-database';

// Installations already ran migrations 0001–0007: making them PostgreSQL-aware must leave the
// SQLite schema they build exactly as it was (test/db/sqlite-schema.sql, taken before that change).
// Later migrations are new on both engines and are not part of this comparison.
const LAST_MIGRATION_BEFORE_POSTGRES = '0007_tickets';
describeSqliteOnly('the SQLite schema', () => {
  it('is exactly the one installations already have', async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo(LAST_MIGRATION_BEFORE_POSTGRES);
    expect(error).toBeUndefined();
    const objects = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master order by type, name`.execute(db);
    await db.destroy();
    const dump = objects.rows.map((row) => `${row.type} ${row.name}\n${row.sql}\n`).join('\n') + '\n';
    expect(dump).toBe(fs.readFileSync(path.join(__dirname, 'sqlite-schema.sql'), 'utf8'));
  });
});
