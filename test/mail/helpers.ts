import type { Db } from '../../src/db/database';
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

/** Sends what the outbox holds to `sink` with a new worker, then closes it; returns the messages the sink accepted meanwhile. */
export async function deliverOutbox<M>(db: Db, sink: { url: string; accepted: M[] }, now: Date): Promise<M[]> {
  const before = sink.accepted.length;
  const { worker, transport } = workerFor(db, sink.url);
  try {
    await worker.drain(now);
  } finally {
    transport.close();
  }
  return sink.accepted.slice(before);
}

/**
 * A migrated database shared by several connections (as separate processes would): a SQLite
 * file, or a PostgreSQL database of its own when the suite runs there. `file` is its URL.
 */
export async function tempFileDb(): Promise<{ file: string; open(): Db; cleanup(): Promise<void> }> {
  // Imported here: child-process.ts imports this module outside Jest, without its globals.
  const { createSharedTestDatabase } = await import('../support/test-database');
  const shared = await createSharedTestDatabase({ migrated: true, prefix: 'pds-mail-' });
  return { file: shared.url, open: shared.open, cleanup: shared.cleanup };
}


export async function outboxRows(db: Db) {
  return db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

/** Starts test/mail/child-process.ts; call go() to let every started child run at once. */
export function startChild(args: string[]): { ready: Promise<void>; go(): void; kill(): void; result: Promise<Record<string, unknown>> } {
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
  return { ready, go: () => child.stdin.write('go\n'), kill: () => child.kill('SIGKILL'), result };
}
