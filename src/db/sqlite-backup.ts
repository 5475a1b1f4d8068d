import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { withSqliteHandle } from './sqlite-driver';

// Backups of a live SQLite file. A plain copy (cp) can be corrupt or miss commits still in the
// WAL; VACUUM INTO writes a consistent snapshot while other processes go on writing.

export class BackupError extends Error {}

/** `pragma integrity_check` of a database file, opened read-only; throws BackupError unless it says ok. */
export function checkSqliteFile(file: string): void {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const result = sqlite.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${file} fails the integrity check: ${String(result)}`);
    const migrated = sqlite.prepare(`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`).get() as { n: number };
    if (migrated.n === 0) throw new BackupError(`${file} is not a PDS Loop database`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable SQLite database: ${(error as Error).message}`);
  } finally {
    sqlite?.close();
  }
}

/** Writes a consistent copy of the open database `db` to `target` (which must not exist) and checks it. */
export async function backupSqlite(db: object, target: string): Promise<{ bytes: number }> {
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists; choose a new file name`);
  await withSqliteHandle(db, (sqlite) => sqlite.prepare('vacuum into ?').run(target));
  checkSqliteFile(target);
  return { bytes: fs.statSync(target).size };
}

/**
 * Replaces the database file `live` with the checked copy `backup`. Refuses while any process
 * has `live` open (the app, a worker), since it would go on writing to the old file. The old
 * file, with its WAL checkpointed into it, is kept as `<live>.before-restore`.
 */
export function restoreSqlite(live: string, backup: string): { kept: string | undefined } {
  checkSqliteFile(backup);
  const kept = `${live}.before-restore`;
  if (!fs.existsSync(live)) {
    fs.copyFileSync(backup, live);
    return { kept: undefined };
  }
  if (fs.existsSync(kept)) throw new BackupError(`${kept} exists from an earlier restore; move it away first`);
  const current = new SqliteDatabase(live, { timeout: 100 });
  try {
    // An exclusive lock is refused while another connection has the file open in WAL mode.
    current.pragma('locking_mode = EXCLUSIVE');
    try {
      current.exec('begin exclusive');
      current.exec('commit');
    } catch {
      throw new BackupError('the database is in use: stop the app and the worker first, then restore');
    }
    current.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    current.close();
  }
  fs.renameSync(live, kept);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${live}${suffix}`, { force: true });
  fs.copyFileSync(backup, live);
  return { kept };
}
