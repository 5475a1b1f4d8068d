import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import type { Db } from '../../src/db/database';
import type { CurrentUser } from '../../src/auth/user';
import { testConfig } from '../../src/config';
import { MailWorker } from '../../src/jobs/mail-worker';
import { WebhookWorker } from '../../src/jobs/webhook-worker';
import type { OutgoingMail } from '../../src/mail/transport';
import { codeMentions } from '../../src/analysis/coding.service';
import { updateTicket } from '../../src/tickets/ticket-update.service';
import { allQuestions } from '../../src/surveys/survey-definition';
import { fieldName } from '../../src/surveys/answer';
import { systemClock } from '../../src/shared/time';
import { createWebhookEndpoint } from '../../src/webhooks/webhook.service';
import { WebhookBody, WEBHOOK_EVENT_TYPES } from '../../src/webhooks/webhook-events';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createCategory } from '../support/ticket-factories';
import { createInvitation, validForm } from '../support/survey-factories';
import { startSmtpSink } from '../support/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { smtpTransport } from '../../src/mail/transport';
import { eachTestGets } from '../support/per-test';

const SECRET = testConfig().sessionSecret!;
const T0 = new Date('2026-05-04T08:00:00.000Z');

function workerFor(db: Db, o: Partial<ConstructorParameters<typeof WebhookWorker>[0]> = {}) {
  return new WebhookWorker({ db, secret: SECRET, allowLoopback: true, baseUrl: 'http://pds.test', timeoutMs: 2000, ...o });
}

async function runUntilIdle(worker: WebhookWorker, now: Date | (() => Date)) {
  for (let i = 0; i < 20; i++) if ((await worker.runOnce(now)).claimed === 0) return;
}

const adminActor = (u: { id: number; email: string }): CurrentUser => ({ id: u.id, email: u.email, name: 'Admin', role: 'admin', teamIds: [] });

describe('webhook deliveries', () => {
  let db: Db;
  let receiver: WebhookReceiver | undefined;
  eachTestGets({}, (w) => ({ db } = w));
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('sends every event of the loop once to a loopback receiver, signed so the library verifies it, with no link or token in it', async () => {
    receiver = await startWebhookReceiver();
    const app = createTestApp(db, { config: { webhookAllowLoopback: true } });
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(app, admin);

    // The admin registers the endpoint for every event and copies the secret shown once.
    const created = await agent
      .post('/admin/webhooks')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/admin/webhooks'), url: receiver.url, description: 'CRM', events: WEBHOOK_EVENT_TYPES })
      .expect(303);
    const page = await agent.get(created.headers.location!).expect(200);
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(page.text)?.[0];
    expect(secret).toBeDefined();

    // A contact of a KAM's account answers with NPS 3 through their personal link.
    const kam = await createUser(db, { role: 'kam' });
    const inv = await createInvitation(db);
    await db.updateTable('customer').set({ kam_user_id: kam.id }).where('id', '=', inv.customerId).execute();
    const nps = allQuestions(inv.snapshot.definition).find((q) => q.type === 'nps')!;
    const respondent = request.agent(app);
    const survey = await respondent.get(`/s/${inv.token}`).expect(200);
    await respondent
      .post(`/s/${inv.token}`)
      .type('form')
      .send({ ...validForm(inv.snapshot, { problems: ['Deliveries arrive late'], overrides: { [fieldName(nps.id)]: '3' } }), _csrf: csrfFrom(survey.text), action: 'submit' })
      .expect(303);

    // The problem is coded, routed to its team, worked and resolved.
    const team = await createTeam(db, { name: 'Logistics' });
    const category = await createCategory(db, { en: 'Late deliveries', teamId: team.id });
    const mentions = await db.selectFrom('problem_mention').select('id').where('campaign_id', '=', inv.campaignId).execute();
    await codeMentions(db, adminActor(admin), { mentionIds: mentions.map((m) => m.id), categoryId: category.id }, new Date());
    await agent
      .post(`/campaigns/${inv.campaignId}/route`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/campaigns/${inv.campaignId}/route`), top: '1' })
      .expect(303);
    const ticket = await db.selectFrom('ticket').select('id').executeTakeFirstOrThrow();
    const ctx = { now: new Date(), baseUrl: 'http://pds.test' };
    await updateTicket(db, adminActor(admin), ticket.id, { status: 'in_progress' }, ctx);
    await updateTicket(db, adminActor(admin), ticket.id, { status: 'resolved', resolutionNote: { en: 'New carrier from June.' } }, ctx);

    // The follow-up mail goes out; the contact answers "no" through its link, then unsubscribes.
    const mails: OutgoingMail[] = [];
    await new MailWorker({ db, transport: { send: async (m) => void mails.push(m), close: () => undefined }, secret: SECRET, from: { name: 'PDS', address: 'pds@pds.test' }, rate: 1000, retrySeconds: 60 }).drain(systemClock);
    const followupToken = mails.map((m) => /\/f\/([A-Za-z0-9_-]+)/.exec(m.text)?.[1]).find(Boolean)!;
    expect(followupToken).toBeDefined();
    const followupPage = await respondent.get(`/f/${followupToken}`).expect(200);
    await respondent.post(`/f/${followupToken}`).type('form').send({ _csrf: csrfFrom(followupPage.text), answer: 'no', comment: 'Still late' }).expect(303);
    await request(app).post(`/u/${inv.token}`).type('form').send({ 'List-Unsubscribe': 'One-Click' }).expect(200);

    await runUntilIdle(workerFor(db), systemClock);
    // Nothing is sent twice: a second run finds nothing due.
    expect((await workerFor(db).runOnce(systemClock)).claimed).toBe(0);

    const verifier = new Webhook(secret!);
    const bodies = receiver.received.map((r) => WebhookBody.parse(verifier.verify(r.body, r.headers)));
    expect(bodies.map((b) => b.type).sort()).toEqual(
      [
        'response.submitted',
        'kam_alert.raised',
        'mention.coded',
        'ticket.created',
        'ticket.status_changed',
        'ticket.status_changed',
        'ticket.resolved',
        'followup.answered',
        'contact.unsubscribed',
      ].sort(),
    );
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(bodies.find((b) => b.type === 'kam_alert.raised')!.data).toMatchObject({ customerId: inv.customerId, kamUserId: kam.id, answers: [{ questionId: nps.id, value: 3 }] });
    expect(bodies.find((b) => b.type === 'followup.answered')!.data).toMatchObject({ ticketId: ticket.id, contactId: inv.contactId, isHelpful: false, comment: 'Still late' });
    expect(bodies.find((b) => b.type === 'contact.unsubscribed')!.data).toMatchObject({ contactId: inv.contactId, via: 'link' });

    for (const { body } of receiver.received) {
      for (const secretPart of [inv.token, followupToken, secret!, secret!.slice(6), '/s/', '/f/', '/u/', 'http']) expect(body).not.toContain(secretPart);
    }
    const deliveries = await db.selectFrom('webhook_delivery').select(['status', 'attempts', 'response_status']).execute();
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1 && d.response_status === 204)).toBe(true);
  }, 30_000);

  it('queues nothing when no endpoint receives the event, and nothing for an endpoint turned off', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const { id } = await createWebhookEndpoint(db, adminActor(admin), { url: 'http://127.0.0.1:9/x', description: '', events: ['contact.unsubscribed'] }, { serverSecret: SECRET, allowLoopback: true, now: T0 });
    const inv = await createInvitation(db);
    await db.updateTable('webhook_endpoint').set({ is_active: 0 }).where('id', '=', id).execute();
    await request(createTestApp(db)).post(`/u/${inv.token}`).type('form').send({ 'List-Unsubscribe': 'One-Click' }).expect(200);
    expect(await db.selectFrom('webhook_delivery').selectAll().execute()).toEqual([]);
  });

  async function endpointWithOneEvent(url: string) {
    const admin = await createUser(db, { role: 'admin' });
    const { id } = await createWebhookEndpoint(db, adminActor(admin), { url, description: 'Ticket system', events: ['contact.unsubscribed'] }, { serverSecret: SECRET, allowLoopback: true, now: T0 });
    return { admin, endpointId: id };
  }

  async function unsubscribeOne(at: Date) {
    const inv = await createInvitation(db, { now: at });
    await request(createTestApp(db, { clock: () => at })).post(`/u/${inv.token}`).type('form').send({ 'List-Unsubscribe': 'One-Click' }).expect(200);
  }

  it('retries a failing receiver with growing waits (30 s, 60 s, 120 s) and records the success once', async () => {
    receiver = await startWebhookReceiver((n) => (n <= 3 ? 500 : 200));
    await endpointWithOneEvent(receiver.url);
    await unsubscribeOne(T0);
    const worker = workerFor(db, { retrySeconds: 30 });
    const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

    await worker.runOnce(at(0));
    for (const [early, due] of [
      [29, 30],
      [89, 90],
      [209, 210],
    ]) {
      expect((await worker.runOnce(at(early!))).claimed).toBe(0);
      expect((await worker.runOnce(at(due!))).claimed).toBe(1);
    }
    expect((await worker.runOnce(at(100_000))).claimed).toBe(0);

    const stamps = receiver.received.map((r) => Number(r.headers['webhook-timestamp']) - T0.getTime() / 1000);
    expect(stamps).toEqual([0, 30, 90, 210]);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const delivery = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 4, response_status: 200, delivered_at: at(210).toISOString() });
    const endpoint = await db.selectFrom('webhook_endpoint').selectAll().executeTakeFirstOrThrow();
    expect(endpoint).toMatchObject({ is_active: 1, failure_count: 0 });
  });

  it('turns the endpoint off after repeated failures and mails every admin once, through the outbox to SMTP', async () => {
    receiver = await startWebhookReceiver(() => 503);
    const { admin, endpointId } = await endpointWithOneEvent(receiver.url);
    const otherAdmin = await createUser(db, { role: 'admin' });
    for (let i = 0; i < 3; i++) await unsubscribeOne(T0);
    // One at a time, so no attempt is already in flight when the endpoint is turned off.
    const worker = workerFor(db, { retrySeconds: 1, disableAfter: 5, concurrency: 1 });
    for (let s = 0; s < 60; s++) await worker.runOnce(new Date(T0.getTime() + s * 1000));

    // 5 attempts in all, then nothing more goes out: the endpoint is off.
    expect(receiver.received).toHaveLength(5);
    const endpoint = await db.selectFrom('webhook_endpoint').selectAll().where('id', '=', endpointId).executeTakeFirstOrThrow();
    expect(endpoint.is_active).toBe(0);
    expect(endpoint.disabled_reason).toContain('5 failed attempts in a row; last: HTTP 503');

    const sink = await startSmtpSink();
    try {
      const transport = smtpTransport(sink.url, { timeoutMs: 5000 });
      await new MailWorker({ db, transport, secret: SECRET, from: { name: 'PDS', address: 'pds@pds.test' }, rate: 1000, retrySeconds: 60 }).drain(systemClock);
      transport.close();
      const notices = sink.accepted.filter((m) => m.raw.includes('A webhook endpoint was turned off'));
      expect(notices.flatMap((m) => m.to).sort()).toEqual([admin.email, otherAdmin.email].sort());
      expect(notices[0]!.raw).toContain(`http://pds.test/admin/webhooks/${endpointId}`);
    } finally {
      await sink.close();
    }

    // Turned on again, the waiting deliveries go out.
    await db.updateTable('webhook_endpoint').set({ is_active: 1, failure_count: 0 }).where('id', '=', endpointId).execute();
    expect((await worker.runOnce(new Date(T0.getTime() + 3600_000))).claimed).toBeGreaterThan(0);
  });

  it('never lets two workers deliver the same event', async () => {
    receiver = await startWebhookReceiver();
    await endpointWithOneEvent(receiver.url);
    for (let i = 0; i < 12; i++) await unsubscribeOne(T0);
    const [a, b] = [workerFor(db, { workerId: 'a', concurrency: 3 }), workerFor(db, { workerId: 'b', concurrency: 3 })];
    await Promise.all([runUntilIdle(a, systemClock), runUntilIdle(b, systemClock)]);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('refuses at delivery time an endpoint whose address is loopback when loopback is not allowed', async () => {
    receiver = await startWebhookReceiver();
    await endpointWithOneEvent(receiver.url);
    await unsubscribeOne(T0);
    await workerFor(db, { allowLoopback: false }).runOnce(T0);
    expect(receiver.received).toEqual([]);
    const delivery = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'pending', response_status: null });
    expect(delivery.last_error).toMatch(/^refused/);
  });
});
