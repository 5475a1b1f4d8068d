import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../src/db/database';
import { describeSqliteOnly } from '../support/test-database';

// Installations already ran the migrations: making them PostgreSQL-aware must leave the
// SQLite schema exactly as it was (test/db/sqlite-schema.sql, taken before that change).
describeSqliteOnly('the SQLite schema', () => {
  it('is exactly the one installations already have', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    const objects = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master order by type, name`.execute(db);
    await db.destroy();
    const dump = objects.rows.map((row) => `${row.type} ${row.name}\n${row.sql}\n`).join('\n') + '\n';
    expect(dump).toBe(fs.readFileSync(path.join(__dirname, 'sqlite-schema.sql'), 'utf8'));
  });
});
