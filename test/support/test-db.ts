import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database';
import { openTestDatabase } from './test-database';

// The one way tests get a database: every test builds its own, migrated as the app migrates it.

/**
 * A fresh, migrated database: SQLite in memory, or with TEST_DATABASE_URL=postgres://… a new
 * database on that server, dropped by db.destroy() (see test-database.ts).
 */
export function createTestDb(): Promise<Db> {
  return openTestDatabase();
}

/** A path for a database file in a new temporary folder, for a CLI or server process to create. */
export function tempDatabaseFile(prefix = 'pds-test-'): { file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { file: path.join(dir, 'test.sqlite'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A migrated database file that several connections (as separate processes would) can open. */
export async function createTestDbFile(prefix = 'pds-test-'): Promise<{ file: string; open(): Db; cleanup(): void }> {
  const { file, cleanup } = tempDatabaseFile(prefix);
  const db = openDatabase(file);
  await migrateToLatest(db);
  await db.destroy();
  return { file, open: () => openDatabase(file), cleanup };
}
