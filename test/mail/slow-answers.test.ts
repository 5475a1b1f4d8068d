// A slow answer delays only its own mail: sends are bounded in number, each recorded on its own.
import type { Db } from '../../src/db/database';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { eachTestGetsFaultServer, type FaultWorld } from './fault-per-test';
import { outboxRows } from './helpers';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('one slow SMTP answer', () => {
  let db: Db;
  let start: FaultWorld['start'];
  eachTestGetsFaultServer((w) => ({ db, start } = w));

  it('holds up only its own mail: the others are delivered and recorded as sent meanwhile', async () => {
    const { server, worker } = await start(({ stage, to }) => (stage === 'data' && to === 'slow@example.com' ? { delayMs: 4000 } : undefined), { concurrency: 4, maxConnections: 2 });
    await enqueueMail(db, { kind: 'ticket', to: 'slow@example.com', subject: 'Slow', text: 'Slow', html: '<p>Slow</p>' }, NOW);
    for (let i = 0; i < 19; i++) await enqueueMail(db, { kind: 'ticket', to: `quick${i}@example.com`, subject: 'Quick', text: 'Quick', html: '<p>Quick</p>' }, NOW);

    const run = worker.runOnce(NOW);
    const statuses = async () => (await outboxRows(db)).map((r) => [r.to_email, r.status] as const);
    const until = Date.now() + 15_000;
    while ((await statuses()).filter(([, status]) => status === 'sent').length < 19) {
      if (Date.now() > until) throw new Error(`only ${(await statuses()).filter(([, s]) => s === 'sent').length} sent`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // All quick mails are recorded while the slow answer is still outstanding.
    expect((await statuses()).find(([to]) => to === 'slow@example.com')).toEqual(['slow@example.com', 'sending']);
    expect(server.accepted.map((m) => m.to[0])).not.toContain('slow@example.com');

    const result = await run;
    expect(result).toMatchObject({ claimed: 20, sent: 20 });
    expect((await statuses()).every(([, status]) => status === 'sent')).toBe(true);
    expect(server.accepted).toHaveLength(20);
  });
});
