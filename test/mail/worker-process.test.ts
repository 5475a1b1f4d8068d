// `pds-loop worker` as a real process: it keeps running with nothing to do, delivers mails queued
// long after its start, queues reminders on schedule, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { addDays } from '../../src/shared/time';
import { BASE_URL, createContact, createCustomer, createDraftCampaign, ctx, TEST_SECRET, testSystem } from '../support/campaign-factories';
import { describeSqliteOnly } from '../support/test-database';
import { startFaultSmtpServer, type FaultSmtpServer } from './fault-smtp-server';
import { outboxRows, tempFileDb } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

function startWorker(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'src/cli.ts', 'worker'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', SESSION_SECRET: TEST_SECRET, BASE_URL, MAIL_RATE: '100', SCHEDULER_TICK_SECONDS: '0.3', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  return { child, exited, hasExited: () => exitCode !== undefined, output: () => ({ stdout, stderr }) };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition') {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The worker process opens the SQLite file named by DATABASE_URL.
describeSqliteOnly('the pds-loop worker process', () => {
  let file: Awaited<ReturnType<typeof tempFileDb>>;
  let db: Db;
  let server: FaultSmtpServer;
  let worker: ReturnType<typeof startWorker> | undefined;

  afterEach(async () => {
    if (worker && !worker.hasExited()) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await server?.close();
    await db?.destroy();
    await file?.cleanup();
  });

  it('keeps running with nothing due, delivers a mail queued later, queues a reminder on schedule, and exits 0 on SIGTERM', async () => {
    file = await tempFileDb();
    db = file.open();
    // The server closes idle connections after a second, as real servers do after a while.
    server = await startFaultSmtpServer(undefined, { idleTimeoutMs: 1000 });
    const customer = await createCustomer(db, { name: 'Nordic Parts' });
    await createContact(db, customer, { email: 'ola@example.com', name: 'Ola' });
    const campaignId = await createDraftCampaign(db, new Date(), { reminderAfterDays: 7, reminderMax: 1, closesAt: addDays(new Date(), 30) });

    worker = startWorker({ DATABASE_URL: file.file, SMTP_URL: server.url });
    await waitFor(() => worker!.output().stdout.includes('Mail worker running'), 30_000, 'the worker to start');

    // Nothing is due: the worker used to be gone 1.5 s after its start.
    await sleep(2500);
    expect(worker.hasExited()).toBe(false);

    await launchCampaign(db, testSystem, campaignId, ctx, new Date());
    await waitFor(() => server.accepted.length === 1, 20_000, 'the invitation');
    expect(server.accepted[0]!.to).toEqual(['ola@example.com']);

    // The pooled connection is closed by the server: the worker used to exit with it.
    await sleep(2500);
    expect(worker.hasExited()).toBe(false);

    // A week later (moved back in the database): the scheduler queues the reminder and it goes out.
    await db.updateTable('invitation').set({ last_mailed_at: addDays(new Date(), -8).toISOString() }).execute();
    await waitFor(() => server.accepted.length === 2, 20_000, 'the reminder');
    expect(server.accepted[1]!.raw).toMatch(/^Subject: Reminder: /m);
    expect(server.accepted[1]!.to).toEqual(['ola@example.com']);
    const statuses = async () => (await outboxRows(db)).map((r) => `${r.kind} ${r.status}`).join(', ');
    await waitFor(async () => (await statuses()) === 'invitation sent, reminder sent', 10_000, 'both mails recorded as sent');

    const stopping = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(5000);
    expect(worker.output().stdout).toContain('Mail worker stopped.');
  }, 90_000);

  it('gives back a mail it is still sending when stopped, and exits 0 within a few seconds', async () => {
    file = await tempFileDb();
    db = file.open();
    let offered = false;
    server = await startFaultSmtpServer(({ stage }) => {
      if (stage !== 'data') return undefined;
      offered = true;
      return { hang: true };
    });
    worker = startWorker({ DATABASE_URL: file.file, SMTP_URL: server.url });
    await waitFor(() => worker!.output().stdout.includes('Mail worker running'), 30_000, 'the worker to start');
    await enqueueMail(db, { kind: 'ticket', to: 'team@example.com', subject: 'Slow', text: 'Slow', html: '<p>Slow</p>' }, new Date());
    await waitFor(() => offered, 20_000, 'the mail to be in flight');

    const stopping = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(6000);
    const [row] = await outboxRows(db);
    expect(row).toMatchObject({ status: 'pending', locked_by: null, lease_until: null });
    expect(server.accepted).toHaveLength(0);
    // Nothing else is left holding the file.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  }, 90_000);
});
