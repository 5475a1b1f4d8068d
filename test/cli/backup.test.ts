import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { runCliCapturing } from '../support/run-cli';
import { migrateToLatest, openDatabase } from '../../src/db/database';
import { tempDatabaseFile } from '../support/test-db';
import { describeSqliteOnly } from '../support/test-database';

const ROOT = path.resolve(__dirname, '../..');

const run = runCliCapturing;

/** Another process committing one row per answer (WAL, synchronous FULL, as the app) and printing each acknowledged key. */
function startWriter(file: string) {
  const script = `
    const db = require('better-sqlite3')(process.argv[1], { timeout: 5000 });
    db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL');
    const insert = db.prepare("insert into setting (key, value) values (?, 'answer')");
    let i = 0; let stop = false;
    process.on('SIGTERM', () => (stop = true));
    const next = () => { if (stop) { db.close(); process.exit(0); } insert.run('answer-' + ++i); process.stdout.write(i + '\\n'); setImmediate(next); };
    next();`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let acknowledged = 0;
  let buffer = '';
  child.stdout!.on('data', (data: Buffer) => {
    buffer += data.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) acknowledged = Number(line);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, exited, acknowledged: () => acknowledged };
}

describeSqliteOnly('pds-loop backup and restore', () => {
  it('back up a live database while answers are written: the copy is intact and has every answer acknowledged before it started', async () => {
    const { file, cleanup } = tempDatabaseFile('pds-backup-');
    const env = { DATABASE_URL: file, LOG_LEVEL: 'silent' };
    const backup = path.join(path.dirname(file), 'copy.sqlite');
    try {
      expect((await run(['migrate'], env)).code).toBe(0);
      const writer = startWriter(file);
      try {
        while (writer.acknowledged() < 500) await new Promise((r) => setTimeout(r, 20));
        const before = writer.acknowledged();
        const result = await run(['backup', backup], env);
        expect(result).toMatchObject({ code: 0, out: expect.stringContaining('integrity check ok') });
        const copy = new SqliteDatabase(backup, { readonly: true });
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const keys = new Set((copy.prepare("select key from setting where key like 'answer-%'").all() as { key: string }[]).map((r) => r.key));
        copy.close();
        for (let i = 1; i <= before; i++) expect(keys.has(`answer-${i}`)).toBe(true);
        // The writer went on while the copy was made (the backup does not stop the app).
        const until = Date.now() + 5000;
        while (writer.acknowledged() <= keys.size && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        expect(writer.acknowledged()).toBeGreaterThan(keys.size);
      } finally {
        writer.child.kill('SIGTERM');
        await writer.exited;
      }
      // An existing file is never overwritten.
      expect((await run(['backup', backup], env)).code).toBe(1);
    } finally {
      cleanup();
    }
  }, 60_000);

  it('restore checks the backup, refuses while the database is open elsewhere, and keeps the old file', async () => {
    const { file, cleanup } = tempDatabaseFile('pds-restore-');
    const env = { DATABASE_URL: file, LOG_LEVEL: 'silent' };
    const dir = path.dirname(file);
    try {
      expect((await run(['team:add', '--name', 'Before', '--email', 'before@example.com'], env)).code).toBe(0);
      expect((await run(['backup', path.join(dir, 'b.sqlite')], env)).code).toBe(0);
      expect((await run(['team:add', '--name', 'After', '--email', 'after@example.com'], env)).code).toBe(0);

      fs.writeFileSync(path.join(dir, 'junk.sqlite'), 'not a database');
      const junk = await run(['restore', path.join(dir, 'junk.sqlite')], env);
      expect(junk.code).toBe(1);
      expect(junk.err).toContain('junk.sqlite');

      const app = openDatabase(file);
      await migrateToLatest(app);
      const refused = await run(['restore', path.join(dir, 'b.sqlite')], env);
      await app.destroy();
      expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('stop the app') });

      const restored = await run(['restore', path.join(dir, 'b.sqlite')], env);
      expect(restored.code).toBe(0);
      const names = (db: SqliteDatabase.Database) => (db.prepare('select name from team order by name').all() as { name: string }[]).map((r) => r.name);
      const now = new SqliteDatabase(file, { readonly: true });
      expect(names(now)).toEqual(['Before']);
      now.close();
      const old = new SqliteDatabase(`${file}.before-restore`, { readonly: true });
      expect(names(old)).toEqual(['After', 'Before']);
      old.close();
    } finally {
      cleanup();
    }
  });
});
