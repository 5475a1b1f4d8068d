import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../../src/db/database';
import { createTeam } from '../../src/accounts/account.service';
import { describeSqliteOnly } from '../support/test-database';
import { systemActor } from '../../src/auth/user';

interface Writer {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<{ failures: number; stderr: string }>;
}

function startWriter(file: string, count: number): Writer {
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'test/support/concurrent-writer.ts', file, String(count)], {
    cwd: path.resolve(__dirname, '../..'),
  });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (d) => {
    out += d;
    if (out.includes('ready\n')) markReady();
  });
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<{ failures: number; stderr: string }>((resolve, reject) => {
    child.on('close', () => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve({ ...(JSON.parse(last) as { failures: number }), stderr: err });
      } catch {
        reject(new Error(`writer failed: ${err}`));
      }
    });
  });
  return { child, ready, done };
}

describeSqliteOnly('two processes writing one SQLite file', () => {
  it('never fail with SQLITE_BUSY and lose no write', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-busy-'));
    const file = path.join(dir, 'app.sqlite');
    const db = openDatabase(file);
    await migrateToLatest(db);

    const writes = 400;
    const writers = [startWriter(file, writes), startWriter(file, writes)];
    await Promise.all(writers.map((w) => w.ready));
    writers.forEach((w) => w.child.stdin!.write('go\n'));

    // Meanwhile this process writes through the app's service (read-then-write transactions)
    // until both other processes are done.
    let finished = false;
    const results = Promise.all(writers.map((w) => w.done)).finally(() => (finished = true));
    const appErrors: unknown[] = [];
    let teams = 0;
    while (!finished) {
      // better-sqlite3 is synchronous: yield so the child processes' output is read.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await createTeam(db, systemActor('test'), { name: `Team ${teams}`, email: `t${teams}@example.com`, isActive: true }, new Date());
        teams++;
      } catch (error) {
        appErrors.push(error);
      }
    }
    const writerResults = await results;

    expect(appErrors.map(String)).toEqual([]);
    expect(writerResults.map((r) => r.stderr).join('')).toBe('');
    expect(writerResults.map((r) => r.failures)).toEqual([0, 0]);
    const counter = await db.selectFrom('setting').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(2 * writes);
    const saved = await db.selectFrom('team').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(saved.n)).toBe(teams);
    expect(teams).toBeGreaterThan(0);
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
