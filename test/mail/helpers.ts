import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database';
import { MailWorker } from '../../src/jobs/mail-worker';
import { smtpTransport, type MailTransport } from '../../src/mail/transport';

/**
 * TEST_SECRET of test/support/campaign-factories, repeated so a child process that only sends
 * need not load the campaign factories (and every survey template) first.
 */
const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestWorkerOptions {
  rate?: number;
  workerId?: string;
  retrySeconds?: number;
  pauseSeconds?: number;
  leaseSeconds?: number;
  concurrency?: number;
  maxConnections?: number;
  timeoutMs?: number;
}

export function workerFor(db: Db, smtpUrl: string, o: TestWorkerOptions = {}): { worker: MailWorker; transport: MailTransport } {
  const transport = smtpTransport(smtpUrl, { timeoutMs: o.timeoutMs ?? 5000, maxConnections: o.maxConnections });
  const worker = new MailWorker({
    db,
    transport,
    secret: TEST_SECRET,
    from: { name: 'PDS Loop', address: 'survey@pds.example' },
    rate: o.rate ?? 1000,
    retrySeconds: o.retrySeconds ?? 60,
    pauseSeconds: o.pauseSeconds,
    leaseSeconds: o.leaseSeconds,
    concurrency: o.concurrency,
    workerId: o.workerId,
  });
  return { worker, transport };
}

/** A migrated SQLite file shared by several connections (as separate processes would). */
export async function tempFileDb(): Promise<{ file: string; open(): Db; cleanup(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-mail-'));
  const file = path.join(dir, 'test.sqlite');
  const db = openDatabase(file);
  await migrateToLatest(db);
  await db.destroy();
  return { file, open: () => openDatabase(file), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a database named by sharedTestDatabase().target. */
export function openTarget(target: string): Db {
  return openDatabase(/^postgres(ql)?:\/\//.test(target) ? { kind: 'postgres', url: target } : target);
}

export async function outboxRows(db: Db) {
  return db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

/** Starts test/mail/child-process.ts; call go() to let every started child run at once. */
export function startChild(args: string[]): { ready: Promise<void>; go(): void; result: Promise<Record<string, unknown>> } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'test/mail/child-process.ts', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  let onReady: () => void;
  let onFailure: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFailure = reject;
  });
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.startsWith('ready\n')) onReady();
      const lines = buffer.split('\n').filter(Boolean);
      if (lines.length >= 2) resolve(JSON.parse(lines[1]!) as Record<string, unknown>);
    });
    child.on('exit', (code) => {
      if (code === 0) return;
      const error = new Error(`child exited with ${code}`);
      onFailure(error);
      reject(error);
    });
  });
  return { ready, go: () => child.stdin.write('go\n'), result };
}
