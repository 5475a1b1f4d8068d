// Kept apart from helpers.ts: test-database.ts needs Jest's globals, which a child process lacks.
import crypto from 'node:crypto';
import { Client } from 'pg';
import { migrateToLatest, type Db } from '../../src/db/database';
import { testDatabaseUrl, testEngine } from '../support/test-database';
import { openTarget, tempFileDb } from './helpers';

/**
 * A migrated database that separate processes can open: a SQLite file, or with
 * TEST_DATABASE_URL a PostgreSQL database of its own on that server. `target` is what a child
 * process passes to openTarget().
 */
export async function sharedTestDatabase(): Promise<{ target: string; open(): Db; cleanup(): Promise<void> }> {
  if (testEngine === 'sqlite') {
    const file = await tempFileDb();
    return { target: file.file, open: file.open, cleanup: async () => file.cleanup() };
  }
  const name = `pds_mail_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const server = new Client({ connectionString: testDatabaseUrl('postgres') });
  await server.connect();
  await server.query(`create database "${name}"`);
  const target = testDatabaseUrl(name);
  const db = openTarget(target);
  await migrateToLatest(db);
  await db.destroy();
  return {
    target,
    open: () => openTarget(target),
    cleanup: async () => {
      await server.query(`drop database if exists "${name}" with (force)`);
      await server.end();
    },
  };
}

