// The mail part of the fault suite: two worker processes (on one SQLite file, or with
// TEST_DATABASE_URL on one PostgreSQL database) send a campaign's invitations and staff
// mails through an SMTP server that refuses (4xx, 5xx by command), drops connections, answers
// late and never answers. Prints acknowledged, delivered, duplicated and lost; fails on any loss
// and on any duplicate of a mail whose send had succeeded.
import crypto from 'node:crypto';
import type { Db } from '../../src/db/database';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { createContact, createCustomer, createDraftCampaign, ctx, testSystem } from '../support/campaign-factories';
import { startFaultSmtpServer, type Fault, type FaultContext, type FaultSmtpServer } from '../mail/fault-smtp-server';
import { outboxRows, startChild, tempFileDb } from '../mail/helpers';

/** A stable number 0..99 per recipient, so each run injects the same faults. */
function bucket(to: string): number {
  return crypto.createHash('sha256').update(to).digest()[0]! % 100;
}

const UNKNOWN = Array.from({ length: 5 }, (_, i) => `unknown${i}@example.com`);

/**
 * First attempts fail in every way a server fails; retries go through (a recipient that does not
 * exist never does). A window refuses the sender with 421 for everyone, and some connections are
 * dropped before the greeting.
 */
function faults(started: () => number) {
  return (c: FaultContext): Fault | undefined => {
    const elapsed = Date.now() - started();
    if (c.stage === 'connect') return c.attempt % 17 === 5 ? { drop: true } : undefined;
    if (c.stage === 'mail') return elapsed > 2000 && elapsed < 3500 ? { code: 421, text: '4.7.0 Too many connections, try again later' } : undefined;
    const to = c.to ?? '';
    if (c.stage === 'rcpt') {
      if (UNKNOWN.includes(to)) return { code: 550, text: '5.1.1 User unknown' };
      if (c.attempt === 1 && bucket(to) < 10) return { code: 451, text: '4.7.1 Greylisted, try again later' };
      return undefined;
    }
    if (c.attempt > 1) return undefined;
    const b = bucket(to);
    if (b >= 10 && b < 15) return { code: 451, text: '4.3.0 Temporary local problem' };
    if (b >= 15 && b < 18) return { code: 554, text: '5.7.1 Message refused by policy for now' };
    if (b >= 18 && b < 23) return { drop: true };
    if (b >= 23 && b < 28) return { delayMs: 1200 };
    if (b >= 28 && b < 30) return { hang: true };
    return undefined;
  };
}

describe('mail delivery under SMTP faults with two workers', () => {
  let server: FaultSmtpServer;
  let db: Db;
  let shared: Awaited<ReturnType<typeof tempFileDb>>;
  afterEach(async () => {
    await server?.close();
    await db?.destroy();
    await shared?.cleanup();
  });

  it('loses nothing and duplicates no mail whose send succeeded', async () => {
    let firstMailFrom: number | undefined;
    const decide = faults(() => firstMailFrom ?? Date.now());
    server = await startFaultSmtpServer(
      (c) => {
        if (c.stage === 'mail') firstMailFrom ??= Date.now();
        return decide(c);
      },
      { keepRaw: false },
    );
    shared = await tempFileDb();
    db = shared.open();
    const customer = await createCustomer(db, { name: 'Fault Test Ltd' });
    for (let i = 0; i < 100; i++) await createContact(db, customer, { email: `contact${i}@example.com`, name: `Contact ${i}` });
    await launchCampaign(db, testSystem, await createDraftCampaign(db, new Date()), ctx, new Date());
    for (let i = 0; i < 20; i++) await enqueueMail(db, { kind: 'ticket', to: `team${i}@example.com`, subject: `Ticket ${i}`, text: 'New ticket', html: '<p>New ticket</p>' }, new Date());
    for (const to of UNKNOWN) await enqueueMail(db, { kind: 'ticket', to, subject: 'Nobody', text: 'Nobody', html: '<p>Nobody</p>' }, new Date());

    // Short timeouts and leases, so stalls, pauses and lease renewal all happen within the run.
    const options = JSON.stringify({ retrySeconds: 1, pauseSeconds: 1, leaseSeconds: 3, concurrency: 4, maxConnections: 2, timeoutMs: 2000, untilMs: 120_000 });
    const workers = [startChild(['run', shared.file, server.url, options]), startChild(['run', shared.file, server.url, options])];
    await Promise.all(workers.map((w) => w.ready));
    workers.forEach((w) => w.go());
    const results = await Promise.all(workers.map((w) => w.result));

    const rows = await outboxRows(db);
    const messageIdOf = (id: number) => `<outbox-${id}@pds.example>`;
    const mustArrive = rows.filter((r) => !UNKNOWN.includes(r.to_email));
    const acknowledged = rows.filter((r) => r.status === 'sent');
    const delivered = mustArrive.filter((r) => server.acks.has(messageIdOf(r.id)));
    const duplicated = [...server.acks.values()].reduce((sum, n) => sum + n - 1, 0);
    const lost = mustArrive.filter((r) => !server.acks.has(messageIdOf(r.id))).length + acknowledged.filter((r) => !server.acks.has(messageIdOf(r.id))).length;
    const suppressed = (await db.selectFrom('suppression').select('email').orderBy('email').execute()).map((s) => s.email);
    process.stdout.write(
      `\nmail faults: ${rows.length} mails, acknowledged ${acknowledged.length}, delivered ${delivered.length}, duplicated ${duplicated}, lost ${lost}; ` +
        `failed as they should ${rows.filter((r) => UNKNOWN.includes(r.to_email) && r.status === 'failed').length} of ${UNKNOWN.length} (unknown recipients); ` +
        `connections ${server.connections()}; workers sent ${results.map((r) => r.sent).join(' + ')}, retried ${results.map((r) => r.retried).join(' + ')}, paused ${results.map((r) => r.paused).join(' + ')}\n`,
    );

    expect(results.map((r) => r.timedOut)).toEqual([false, false]);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(acknowledged).toHaveLength(mustArrive.length);
    expect(suppressed).toEqual([...UNKNOWN].sort());
    expect(rows.filter((r) => UNKNOWN.includes(r.to_email)).map((r) => r.status)).toEqual(UNKNOWN.map(() => 'failed'));
  });
});
