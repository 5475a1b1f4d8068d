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
