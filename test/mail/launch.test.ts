import type { Db } from '../../src/db/database';
import { createTestDb } from '../support/test-app';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createContact, createCustomer, createDraftCampaign, ctx, managerUser, submitResponse, testSystem } from '../support/campaign-factories';
import { closeCampaign, launchCampaign, pauseCampaign } from '../../src/campaigns/campaign.service';
import { runCampaignSchedule } from '../../src/campaigns/campaign-schedule.service';
import { setContactFrequencyDays } from '../../src/campaigns/campaign-settings.service';
import { ConflictError } from '../../src/shared/errors';
import { addDays } from '../../src/shared/time';
import { outboxRows, startChild, tempFileDb, workerFor } from './helpers';
import { createUser } from '../support/factories';

const NOW = new Date('2026-03-02T08:00:00Z');

async function invitationCount(db: Db, campaignId: number) {
  const rows = await db.selectFrom('invitation').select(['contact_id']).where('campaign_id', '=', campaignId).execute();
  return { total: rows.length, distinct: new Set(rows.map((r) => r.contact_id)).size };
}

describe('launching a campaign', () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  it('invites each contact once and queues one mail each; launching again is refused and invites nobody twice', async () => {
    const customer = await createCustomer(db);
    for (let i = 0; i < 5; i++) await createContact(db, customer);
    const id = await createDraftCampaign(db, NOW);

    expect((await launchCampaign(db, testSystem, id, ctx, NOW)).invited).toBe(5);
    await expect(launchCampaign(db, testSystem, id, ctx, NOW)).rejects.toBeInstanceOf(ConflictError);

    expect(await invitationCount(db, id)).toEqual({ total: 5, distinct: 5 });
    expect((await outboxRows(db)).filter((r) => r.kind === 'invitation')).toHaveLength(5);
    const campaign = await db.selectFrom('campaign').select(['status', 'definition']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(campaign.status).toBe('running');
    expect(JSON.parse(campaign.definition!)).toMatchObject({ definition: { slug: 'annual-pds' }, takenAt: NOW.toISOString() });
  });

  it("stores the campaign's mail text once per language and only what differs per recipient in each mail", async () => {
    const languages = ['en', 'sv', 'da'] as const;
    for (const language of languages) {
      const customer = await createCustomer(db, { name: `Kund ${language}`, language });
      for (let i = 0; i < 40; i++) await createContact(db, customer);
    }
    const id = await createDraftCampaign(db, NOW);
    await launchCampaign(db, testSystem, id, ctx, NOW);

    const texts = await db.selectFrom('outbox_template').select(['key', 'ref_type', 'ref_id']).orderBy('key').execute();
    expect(texts.map((t) => t.key.replace(/:[0-9a-f]{16}$/, ''))).toEqual(['da', 'en', 'sv'].map((l) => `campaign:${id}:invitation:${l}`));
    expect(texts.every((t) => t.ref_type === 'campaign' && t.ref_id === id)).toBe(true);
    const rows = await outboxRows(db);
    expect(rows).toHaveLength(120);
    // A full invitation was about 2 kB per row; now: address, name and the names filled in.
    const storedText = (r: (typeof rows)[number]) =>
      [r.kind, r.to_email, r.to_name, r.subject, r.text_body, r.html_body, r.headers, r.ref_type, r.fields].reduce((n, v) => n + (v?.length ?? 0), 0);
    expect(Math.max(...rows.map(storedText))).toBeLessThan(150);
  });

  it('invites each contact once when two processes launch the same campaign at the same time', async () => {
    const file = await tempFileDb();
    const fdb = file.open();
    try {
      const customer = await createCustomer(fdb);
      for (let i = 0; i < 200; i++) await createContact(fdb, customer);
      const id = await createDraftCampaign(fdb, NOW);
      const children = [0, 1].map(() => startChild(['launch', file.file, String(id), NOW.toISOString()]));
      await Promise.all(children.map((c) => c.ready));
      children.forEach((c) => c.go());
      const results = await Promise.all(children.map((c) => c.result));
      expect(results.filter((r) => r.invited === 200)).toHaveLength(1);
      expect(results.filter((r) => r.error === 'ConflictError')).toHaveLength(1);
      expect(await invitationCount(fdb, id)).toEqual({ total: 200, distinct: 200 });
      expect((await outboxRows(fdb)).length).toBe(200);
    } finally {
      await fdb.destroy();
      await file.cleanup();
    }
    // Two child processes compile the sources on start: slow on a busy machine.
  }, 90_000);

  it('commits a large launch in chunks that others see as they come, and the scheduler finishes a launch killed half-way', async () => {
    const file = await tempFileDb();
    const fdb = file.open();
    try {
      const customer = await createCustomer(fdb);
      await fdb.transaction().execute(async (trx) => {
        // More than two chunks of LAUNCH_CHUNK (5,000).
        for (let i = 0; i < 12_000; i++) await createContact(trx, customer);
      });
      const id = await createDraftCampaign(fdb, NOW);
      const launcher = startChild(['launch', file.file, String(id), NOW.toISOString()]);
      const killed = launcher.result.catch(() => 'killed');
      await launcher.ready;
      launcher.go();
      // Another connection sees the first invitations while the launch is still writing.
      let seen = 0;
      while (seen === 0) {
        seen = (await invitationCount(fdb, id)).total;
        if (seen === 0) await new Promise((r) => setTimeout(r, 5));
      }
      launcher.kill();
      expect(await killed).toBe('killed');
      const interrupted = await invitationCount(fdb, id);
      expect(interrupted.total).toBeGreaterThan(0);
      expect(interrupted.total).toBeLessThan(12_000);
      expect((await outboxRows(fdb)).length).toBe(interrupted.total);

      // The killed process's claim on the launch lapses; then a tick invites the rest.
      await runCampaignSchedule(fdb, ctx, new Date(NOW.getTime() + 11 * 60_000));

      expect(await invitationCount(fdb, id)).toEqual({ total: 12_000, distinct: 12_000 });
      const mails = await outboxRows(fdb);
      expect(mails).toHaveLength(12_000);
      expect(new Set(mails.map((m) => m.invitation_id)).size).toBe(12_000);
      const campaign = await fdb.selectFrom('campaign').select(['status', 'launch_finished_at']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(campaign.status).toBe('running');
      expect(campaign.launch_finished_at).not.toBeNull();
    } finally {
      await fdb.destroy();
      await file.cleanup();
    }
  }, 120_000);

  it('skips a contact invited by another campaign inside the contact-frequency window, with the reason, and invites it after the window', async () => {
    const customer = await createCustomer(db);
    const contact = await createContact(db, customer);
    const first = await createDraftCampaign(db, NOW, { name: 'Spring' });
    await launchCampaign(db, testSystem, first, ctx, NOW);

    const second = await createDraftCampaign(db, addDays(NOW, 89), { name: 'Summer' });
    const r = await launchCampaign(db, testSystem, second, ctx, addDays(NOW, 89));
    expect(r).toEqual({ invited: 0, skipped: { frequency_window: 1, opted_out: 0, suppressed: 0, no_address: 0 } });
    const skip = await db.selectFrom('campaign_skip').selectAll().where('campaign_id', '=', second).executeTakeFirstOrThrow();
    expect(skip).toMatchObject({ contact_id: contact.id, reason: 'frequency_window' });

    const third = await createDraftCampaign(db, addDays(NOW, 91), { name: 'Autumn' });
    expect((await launchCampaign(db, testSystem, third, ctx, addDays(NOW, 91))).invited).toBe(1);
  });

  it('invites a contact mailed by another campaign the same day when an admin turned the window off (0 days)', async () => {
    const customer = await createCustomer(db);
    await createContact(db, customer);
    await launchCampaign(db, testSystem, await createDraftCampaign(db, NOW, { name: 'Spring' }), ctx, NOW);
    await setContactFrequencyDays(db, { ...managerUser, role: 'admin' }, 0);
    const r = await launchCampaign(db, testSystem, await createDraftCampaign(db, NOW, { name: 'Summer' }), ctx, NOW);
    expect(r).toEqual({ invited: 1, skipped: { frequency_window: 0, opted_out: 0, suppressed: 0, no_address: 0 } });
  });

  it('uses the contact-frequency window set by an admin', async () => {
    const customer = await createCustomer(db);
    await createContact(db, customer);
    await launchCampaign(db, testSystem, await createDraftCampaign(db, NOW), ctx, NOW);
    await setContactFrequencyDays(db, { ...managerUser, role: 'admin' }, 10);
    expect((await launchCampaign(db, testSystem, await createDraftCampaign(db, NOW), ctx, addDays(NOW, 11))).invited).toBe(1);
  });

  it('never invites or mails opted-out or suppressed contacts, and records why', async () => {
    const customer = await createCustomer(db);
    await createContact(db, customer, { email: 'ok@example.com' });
    const out = await createContact(db, customer, { email: 'out@example.com', optedOut: true });
    const bounced = await createContact(db, customer, { email: 'bounced@example.com' });
    await db.insertInto('suppression').values({ email: 'bounced@example.com', reason: '550', created_at: NOW.toISOString() }).execute();
    const id = await createDraftCampaign(db, NOW);

    const r = await launchCampaign(db, testSystem, id, ctx, NOW);
    expect(r).toEqual({ invited: 1, skipped: { frequency_window: 0, opted_out: 1, suppressed: 1, no_address: 0 } });
    expect((await outboxRows(db)).map((m) => m.to_email)).toEqual(['ok@example.com']);
    const skips = await db.selectFrom('campaign_skip').select(['contact_id', 'reason']).where('campaign_id', '=', id).orderBy('contact_id').execute();
    expect(skips).toEqual([
      { contact_id: out.id, reason: 'opted_out' },
      { contact_id: bounced.id, reason: 'suppressed' },
    ]);
  });

  it('leaves out customers evaluated within "not evaluated in the last N days"', async () => {
    const evaluated = await createCustomer(db);
    await createContact(db, evaluated);
    const fresh = await createCustomer(db);
    await createContact(db, fresh);
    const old = await createDraftCampaign(db, addDays(NOW, -200));
    await launchCampaign(db, testSystem, old, ctx, addDays(NOW, -200));
    const inv = await db.selectFrom('invitation').innerJoin('contact', 'contact.id', 'invitation.contact_id').select('invitation.id').where('contact.customer_id', '=', evaluated).executeTakeFirstOrThrow();
    await submitResponse(db, inv.id, addDays(NOW, -190));
    await db.deleteFrom('invitation').where('campaign_id', '=', old).where('id', '<>', inv.id).execute();

    const id = await createDraftCampaign(db, NOW, { audience: { notEvaluatedDays: 365 } });
    expect((await launchCampaign(db, testSystem, id, ctx, NOW)).invited).toBe(1);
  });

  it("invites only the contacts of the customers its segment, region and KAM select, each mail with its customer's KAM", async () => {
    const kam = await createUser(db, { email: 'kam-one@example.com' });
    const otherKam = await createUser(db, { email: 'kam-two@example.com' });
    const chosen = await createCustomer(db, { segment: 'S1', region: 'R1', kamUserId: kam.id });
    const chosenToo = await createCustomer(db, { segment: 'S1', region: 'R1', kamUserId: kam.id });
    const left = [
      await createCustomer(db, { segment: 'S2', region: 'R1', kamUserId: kam.id }),
      await createCustomer(db, { segment: 'S1', region: 'R2', kamUserId: kam.id }),
      await createCustomer(db, { segment: 'S1', region: 'R1', kamUserId: otherKam.id }),
    ];
    const invitedEmails = [(await createContact(db, chosen)).email, (await createContact(db, chosenToo)).email, (await createContact(db, chosen)).email];
    for (const customer of left) await createContact(db, customer);

    const id = await createDraftCampaign(db, NOW, {
      audience: { segment: 'S1', region: 'R1', kamUserId: kam.id, notEvaluatedDays: 0 },
      sender: { name: 'Karin', replyTo: 'kam', replyToAddress: null },
    });
    expect((await launchCampaign(db, testSystem, id, ctx, NOW)).invited).toBe(3);

    const mails = (await outboxRows(db)).filter((r) => r.kind === 'invitation');
    expect(mails.map((m) => m.to_email).sort()).toEqual([...invitedEmails].sort());
    for (const mail of mails) expect(JSON.parse(mail.fields!)).toEqual({ reply_to: 'kam-one@example.com' });
  });

  it('launches a scheduled campaign in the tick when its start has come, and closes it at its close date', async () => {
    const customer = await createCustomer(db);
    await createContact(db, customer);
    const id = await createDraftCampaign(db, NOW, { startsAt: addDays(NOW, 2), closesAt: addDays(NOW, 10) });
    expect((await db.selectFrom('campaign').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('scheduled');

    expect((await runCampaignSchedule(db, ctx, addDays(NOW, 1))).launched).toBe(0);
    expect((await runCampaignSchedule(db, ctx, addDays(NOW, 2))).launched).toBe(1);
    expect((await runCampaignSchedule(db, ctx, addDays(NOW, 3))).launched).toBe(0);
    expect((await invitationCount(db, id)).total).toBe(1);
    expect((await runCampaignSchedule(db, ctx, addDays(NOW, 10))).closed).toBe(1);
    expect((await db.selectFrom('campaign').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('closed');
  });
});

describe('reminders', () => {
  let db: Db;
  let sink: SmtpSink;
  let close: () => void;
  beforeEach(async () => {
    db = await createTestDb();
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    close?.();
    await sink.close();
    await db.destroy();
  });

  async function setUp(o: { reminderMax?: number } = {}) {
    const customer = await createCustomer(db);
    const answered = await createContact(db, customer, { email: 'answered@example.com' });
    const silent = await createContact(db, customer, { email: 'silent@example.com' });
    const id = await createDraftCampaign(db, NOW, { reminderAfterDays: 7, reminderMax: o.reminderMax ?? 2, closesAt: addDays(NOW, 60) });
    await launchCampaign(db, testSystem, id, ctx, NOW);
    const w = workerFor(db, sink.url);
    close = () => w.transport.close();
    await w.worker.drain(NOW);
    const invitationOf = async (contactId: number) =>
      (await db.selectFrom('invitation').select('id').where('contact_id', '=', contactId).executeTakeFirstOrThrow()).id;
    return { id, worker: w.worker, answered: await invitationOf(answered.id), silent: await invitationOf(silent.id) };
  }

  const delivered = (to: string) => sink.accepted.filter((m) => m.to[0] === to).length;

  it('go only to contacts without a submitted response, after the configured days, at most M times, with the same personal link', async () => {
    const { worker, answered } = await setUp({ reminderMax: 2 });
    await submitResponse(db, answered, addDays(NOW, 1));

    for (const day of [6, 7, 8, 14, 21, 28, 35]) {
      await runCampaignSchedule(db, ctx, addDays(NOW, day));
      await worker.drain(addDays(NOW, day));
    }
    expect(delivered('answered@example.com')).toBe(1);
    expect(delivered('silent@example.com')).toBe(3);
    const silentMails = sink.accepted.filter((m) => m.to[0] === 'silent@example.com').map((m) => /\/s\/([A-Za-z0-9_-]+)/.exec(m.raw)![1]);
    expect(new Set(silentMails).size).toBe(1);
    expect(sink.accepted.filter((m) => m.to[0] === 'silent@example.com')[1]!.raw).toMatch(/Subject: Reminder:/);
  });

  it('of every round share one text per language, stored once', async () => {
    const { worker } = await setUp({ reminderMax: 3 });
    for (const day of [7, 14]) {
      expect((await runCampaignSchedule(db, ctx, addDays(NOW, day))).reminders).toBe(2);
      await worker.drain(addDays(NOW, day));
    }
    const keys = (await db.selectFrom('outbox_template').select('key').execute()).map((t) => t.key.split(':')[2]);
    expect(keys.sort()).toEqual(['invitation', 'reminder']);
    expect(delivered('silent@example.com')).toBe(3);
  });

  it('stop once the contact submits', async () => {
    const { worker, silent } = await setUp({ reminderMax: 3 });
    await runCampaignSchedule(db, ctx, addDays(NOW, 7));
    await worker.drain(addDays(NOW, 7));
    expect(delivered('silent@example.com')).toBe(2);
    await submitResponse(db, silent, addDays(NOW, 8));
    await runCampaignSchedule(db, ctx, addDays(NOW, 14));
    await worker.drain(addDays(NOW, 14));
    expect(delivered('silent@example.com')).toBe(2);
  });

  it('stop while the campaign is paused and after it is closed', async () => {
    const { worker, id } = await setUp({ reminderMax: 3 });
    const user = { ...managerUser, id: 1 };
    await pauseCampaign(db, user, id, addDays(NOW, 6));
    expect((await runCampaignSchedule(db, ctx, addDays(NOW, 8))).reminders).toBe(0);
    await closeCampaign(db, user, id, addDays(NOW, 9));
    expect((await runCampaignSchedule(db, ctx, addDays(NOW, 20))).reminders).toBe(0);
    await worker.drain(addDays(NOW, 20));
    expect(delivered('silent@example.com')).toBe(1);
  });
});
