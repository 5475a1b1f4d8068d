import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/db/database';
import { createSharedTestDatabase, openTestDatabase, type SharedTestDatabase } from './test-database';

// The one way tests get a database: every test builds its own, migrated as the app migrates it.

/**
 * A fresh, migrated database: SQLite in memory, or with TEST_DATABASE_URL=postgres://… a new
 * database on that server, dropped by db.destroy() (see test-database.ts).
 */
export function createTestDb(): Promise<Db> {
  return openTestDatabase();
}

/** A path for a SQLite file in a new temporary folder, for tests of SQLite files themselves (backup, faults). */
export function tempDatabaseFile(prefix = 'pds-test-'): { file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { file: path.join(dir, 'test.sqlite'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * An empty database for a CLI or server process to create and migrate: a SQLite file path in a
 * new temporary folder, or a new PostgreSQL database when the suite runs there.
 */
export function tempDatabase(prefix = 'pds-test-'): Promise<SharedTestDatabase> {
  return createSharedTestDatabase({ migrated: false, prefix });
}

/** A migrated database that several connections (as separate processes would) can open. */
export function createTestDbFile(prefix = 'pds-test-'): Promise<SharedTestDatabase> {
  return createSharedTestDatabase({ migrated: true, prefix });
}
