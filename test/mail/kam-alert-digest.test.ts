import type { Db } from '../../src/db/database';
import type { SmtpSink } from '../support/smtp-sink';
import { createUser } from '../support/factories';
import { createCampaign, createContact, createCustomer, createResponse } from '../support/ticket-factories';
import { ctx } from '../support/campaign-factories';
import { workerFor } from './helpers';
import { alertKamOnNegativeAnswers } from '../../src/tickets/kam-alert.service';
import { updateAlertMailOfUser } from '../../src/accounts/user.repository';
import { runSchedulerTick } from '../../src/jobs/scheduler';
import { claimJob } from '../../src/db/job-lock.repository';
import { eachTestGets } from '../support/per-test';

const DAY1 = (hour: number) => new Date(`2026-04-10T${String(hour).padStart(2, '0')}:00:00.000Z`);
const DAY2 = (hour: number) => new Date(`2026-04-11T${String(hour).padStart(2, '0')}:00:00.000Z`);

describe('the daily KAM alert digest', () => {
  let db: Db;
  let sink: SmtpSink;
  eachTestGets({ sink: { keepRaw: true } }, (w) => ({ db, sink } = w));

  async function negativeAnswer(kamUserId: number, customerName: string, nps: number, at: Date) {
    const customer = await createCustomer(db, { name: customerName, kamUserId });
    const contact = await createContact(db, customer.id, { name: `Contact of ${customerName}`, email: `c${customer.id}@acme.example` });
    const campaign = await createCampaign(db, { name: 'Annual 2026', shape: { nps: true } });
    const response = await createResponse(db, campaign.id, customer.id, { values: { nps } }, contact.id);
    expect(await alertKamOnNegativeAnswers(db, response.id, at, { baseUrl: 'http://loop.test' })).toBe(true);
  }

  async function deliver(at: Date) {
    const { worker, transport } = workerFor(db, sink.url);
    try {
      return (await worker.drain(at)).sent;
    } finally {
      transport.close();
    }
  }

  it("sends a KAM who chose it one mail the next morning listing the day's alerts, once, and nothing to a KAM mailed at once", async () => {
    const digestKam = await createUser(db, { role: 'kam', email: 'karin@loop.example', name: 'Karin' });
    const eachKam = await createUser(db, { role: 'kam', email: 'erik@loop.example', name: 'Erik' });
    await updateAlertMailOfUser(db, digestKam.id, 'daily', DAY1(8));
    await negativeAnswer(digestKam.id, 'Acme <Nordic> AB', 3, DAY1(9));
    await negativeAnswer(digestKam.id, 'Beta ApS', 1, DAY1(15));
    await negativeAnswer(eachKam.id, 'Gamma Oy', 2, DAY1(10));

    // During the day only the KAM who wants each alert at once is mailed.
    await runSchedulerTick(db, ctx, DAY1(20));
    expect(await deliver(DAY1(20))).toBe(1);
    expect(sink.accepted.map((m) => m.to)).toEqual([['erik@loop.example']]);

    // The next morning's tick sends the digest; later ticks send nothing more.
    await runSchedulerTick(db, ctx, DAY2(6));
    await runSchedulerTick(db, ctx, DAY2(7));
    await runSchedulerTick(db, ctx, DAY2(23));
    expect(await deliver(DAY2(23))).toBe(1);
    expect(sink.accepted.map((m) => m.to)).toEqual([['erik@loop.example'], ['karin@loop.example']]);

    const { simpleParser } = await import('mailparser');
    const mail = await simpleParser(sink.accepted[1]!.raw);
    expect(mail.subject).toBe('2 new negative answers from your accounts');
    expect(mail.text).toContain('Acme <Nordic> AB: Contact of Acme <Nordic> AB');
    expect(mail.text).toContain('Recommend us?: 3 (0–10)');
    expect(mail.text).toContain('Beta ApS');
    expect(mail.text).toContain('Recommend us?: 1 (0–10)');
    expect(mail.text).toContain('Open your overview: http://localhost:3000/');
    expect(String(mail.html)).toContain('Acme &lt;Nordic&gt; AB');
    expect(String(mail.html)).not.toContain('Gamma Oy');
    const rows = await db.selectFrom('kam_alert').select(['mailed_at']).where('kam_user_id', '=', digestKam.id).orderBy('id').execute();
    expect(rows).toEqual([{ mailed_at: DAY2(6).toISOString() }, { mailed_at: DAY2(6).toISOString() }]);
  });

  it('waits while another instance runs the digest', async () => {
    const kam = await createUser(db, { role: 'kam' });
    await updateAlertMailOfUser(db, kam.id, 'daily', DAY1(8));
    await negativeAnswer(kam.id, 'Acme AB', 0, DAY1(9));
    expect(await claimJob(db, 'kam-alert-digest', 'another-instance', DAY2(6))).toBe(true);

    await runSchedulerTick(db, ctx, DAY2(6));
    expect(await db.selectFrom('outbox').select('id').where('kind', '=', 'kam_alert_digest').execute()).toEqual([]);
  });
});
