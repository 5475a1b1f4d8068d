// Leases: a worker keeps the mails it holds for as long as it works on them, a claim is a
// conditional update, and a delivered mail is recorded as sent even by a worker that lost it.
import type { Db } from '../../src/db/database';
import { claimDueMails, markRetry, markSent, renewLeases } from '../../src/mail/delivery.repository';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { addSeconds } from '../../src/shared/time';
import { startFaultSmtpServer, type FaultSmtpServer } from './fault-smtp-server';
import { outboxRows, startChild, tempFileDb } from './helpers';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

async function queue(db: Db, to: string, now = NOW) {
  return enqueueMail(db, { kind: 'ticket', to, subject: `For ${to}`, text: 'Hello', html: '<p>Hello</p>' }, now);
}

describe('claims and leases in the outbox', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('lets one worker claim a mail; another gets it only after the lease ran out, and a renewed lease keeps it', async () => {
    const id = await queue(db, 'one@example.com');
    expect((await claimDueMails(db, 'a', NOW, addSeconds(NOW, 10), 10)).map((m) => m.id)).toEqual([id]);
    expect(await claimDueMails(db, 'b', addSeconds(NOW, 5), addSeconds(NOW, 15), 10)).toEqual([]);

    expect([...(await renewLeases(db, 'a', [id], addSeconds(NOW, 20)))]).toEqual([id]);
    expect(await claimDueMails(db, 'b', addSeconds(NOW, 15), addSeconds(NOW, 25), 10)).toEqual([]);

    const taken = await claimDueMails(db, 'b', addSeconds(NOW, 21), addSeconds(NOW, 31), 10);
    expect(taken.map((m) => [m.id, m.attempts])).toEqual([[id, 2]]);
    // The first worker's lease is gone: it renews nothing and cannot give the mail back.
    expect([...(await renewLeases(db, 'a', [id], addSeconds(NOW, 40)))]).toEqual([]);
    await markRetry(db, id, 'a', '451 later', addSeconds(NOW, 100));
    expect((await outboxRows(db))[0]).toMatchObject({ status: 'sending', locked_by: 'b' });
  });

  it("records the first worker's delivery even after another took the mail, and the other's failure then changes nothing", async () => {
    const id = await queue(db, 'late@example.com');
    await claimDueMails(db, 'a', NOW, addSeconds(NOW, 10), 10);
    await claimDueMails(db, 'b', addSeconds(NOW, 11), addSeconds(NOW, 21), 10);

    await markSent(db, [{ id, messageId: '<outbox-1@pds.example>', invitationId: null }], addSeconds(NOW, 12));
    await markRetry(db, id, 'b', '451 later', addSeconds(NOW, 100));
    expect((await outboxRows(db))[0]).toMatchObject({ status: 'sent', sent_at: addSeconds(NOW, 12).toISOString(), message_id: '<outbox-1@pds.example>' });
    expect(await claimDueMails(db, 'c', addSeconds(NOW, 1000), addSeconds(NOW, 1010), 10)).toEqual([]);
  });

  it('never hands the same mail to two claims, whatever their order', async () => {
    for (let i = 0; i < 30; i++) await queue(db, `many${i}@example.com`);
    const claims = await Promise.all(['a', 'b', 'c'].map((w) => claimDueMails(db, w, NOW, addSeconds(NOW, 60), 12)));
    const ids = claims.flat().map((m) => m.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});

// Separate processes on one database, as `npm start` and `pds-loop worker` would be.
describe('two workers and a slow SMTP server', () => {
  let server: FaultSmtpServer;
  afterEach(() => server?.close());

  it('deliver every mail exactly once although sending takes far longer than the lease', async () => {
    // Each message takes 0.6 s at the end of DATA; 16 mails over two connections take ~5 s,
    // five times the one-second lease of every mail a worker claimed.
    server = await startFaultSmtpServer(({ stage }) => (stage === 'data' ? { delayMs: 600 } : undefined), { keepRaw: false });
    const shared = await tempFileDb();
    const db = shared.open();
    try {
      for (let i = 0; i < 16; i++) await queue(db, `slow${i}@example.com`, new Date());
      const options = JSON.stringify({ leaseSeconds: 1, concurrency: 2, maxConnections: 2, untilMs: 40_000 });
      const children = [startChild(['run', shared.file, server.url, options]), startChild(['run', shared.file, server.url, options])];
      await Promise.all(children.map((c) => c.ready));
      children.forEach((c) => c.go());
      const results = await Promise.all(children.map((c) => c.result));
      expect(results.map((r) => r.timedOut)).toEqual([false, false]);

      expect(server.accepted).toHaveLength(16);
      expect([...server.acks.values()].every((n) => n === 1)).toBe(true);
      expect(results.reduce((sum, r) => sum + Number(r.sent), 0)).toBe(16);
      const rows = await outboxRows(db);
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await db.destroy();
      await shared.cleanup();
    }
  }, 90_000);
});
