import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database';

// The one way tests get a database: every test builds its own, migrated as the app migrates it.

/** A fresh, migrated in-memory database. */
export async function createTestDb(): Promise<Db> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  return db;
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
