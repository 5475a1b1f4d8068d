import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { eachTestGets } from '../support/per-test';

describe('the webhooks admin pages', () => {
  let db: Db;
  let receiver: WebhookReceiver;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  async function adminAgent(config: { webhookAllowLoopback?: boolean } = {}) {
    const app = createTestApp(db, { config });
    return signedInAgent(app, await createUser(db, { role: 'admin' }));
  }

  it('adds an endpoint, shows its secret once and stores only a salt', async () => {
    const agent = await adminAgent({ webhookAllowLoopback: true });
    const res = await agent
      .post('/admin/webhooks')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/admin/webhooks'), url: receiver.url, description: 'CRM', events: ['ticket.created', 'ticket.resolved'] })
      .expect(303);
    const first = await agent.get(res.headers.location!).expect(200);
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(first.text)?.[0];
    expect(secret).toBeDefined();
    expect((await agent.get(res.headers.location!).expect(200)).text).not.toContain('whsec_');

    const [stored] = await db.selectFrom('webhook_endpoint').selectAll().execute();
    expect(stored).toMatchObject({ url: receiver.url, description: 'CRM', is_active: 1 });
    expect(JSON.parse(stored!.events)).toEqual(['ticket.created', 'ticket.resolved']);
    expect(JSON.stringify(stored)).not.toContain(secret!.slice(6));
    const list = await agent.get('/admin/webhooks').expect(200);
    expect(list.text).toContain('Ticket created, Ticket resolved');
  });

  it.each([
    ['http://hooks.example.com/x', 'must start with https://'],
    ['https://127.0.0.1/x', 'private, loopback or reserved'],
    ['https://10.1.2.3/x', 'private, loopback or reserved'],
    ['https://[::1]/x', 'private, loopback or reserved'],
    ['https://[fd00::1]/x', 'private, loopback or reserved'],
    ['https://[::ffff:192.168.0.1]/x', 'private, loopback or reserved'],
    ['https://169.254.169.254/latest/meta-data', 'private, loopback or reserved'],
    ['https://localhost/x', 'private, loopback or reserved'],
    ['https://user:pass@hooks.example.com/x', 'Leave the user name and password out'],
  ])('refuses %s beside the field, keeping what was typed, when loopback is not allowed (production)', async (url, message) => {
    const agent = await adminAgent();
    const res = await agent
      .post('/admin/webhooks')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/admin/webhooks'), url, description: 'Mine', events: 'ticket.created' })
      .expect(422);
    expect(res.text).toMatch(new RegExp(`id="url-error"[^>]*>.*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 's'));
    expect(res.text).toContain('value="Mine"');
    expect(await db.selectFrom('webhook_endpoint').selectAll().execute()).toEqual([]);
  });

  it('asks for at least one event', async () => {
    const agent = await adminAgent({ webhookAllowLoopback: true });
    const res = await agent.post('/admin/webhooks').type('form').send({ _csrf: await csrfOf(agent, '/admin/webhooks'), url: receiver.url }).expect(422);
    expect(res.text).toContain('Choose at least one event');
  });

  it('lists the deliveries and sends one again with the same webhook-id; turning the endpoint off is saved', async () => {
    const agent = await adminAgent({ webhookAllowLoopback: true });
    const created = await agent
      .post('/admin/webhooks')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/admin/webhooks'), url: receiver.url, events: 'ticket.created' })
      .expect(303);
    const id = Number(created.headers.location!.split('/').pop());
    const now = new Date().toISOString();
    const delivery = await db
      .insertInto('webhook_delivery')
      .values({ endpoint_id: id, message_id: 'msg_1', event_type: 'ticket.created', payload: '{"type":"ticket.created"}', status: 'failed', attempts: 8, next_attempt_at: now, last_attempt_at: now, response_status: 500, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const page = await agent.get(`/admin/webhooks/${id}`).expect(200);
    expect(page.text).toContain('HTTP 500');
    expect(page.text).toContain('Failed');

    await agent.post(`/admin/webhooks/${id}/deliveries/${delivery.id}/resend`).type('form').send({ _csrf: await csrfOf(agent, `/admin/webhooks/${id}`) }).expect(303);
    const rows = await db.selectFrom('webhook_delivery').select(['message_id', 'status', 'attempts']).orderBy('id').execute();
    expect(rows).toEqual([
      { message_id: 'msg_1', status: 'failed', attempts: 8 },
      { message_id: 'msg_1', status: 'pending', attempts: 0 },
    ]);
    // A delivery of another endpoint is not found through this one.
    await agent.post(`/admin/webhooks/${id + 1}/deliveries/${delivery.id}/resend`).type('form').send({ _csrf: await csrfOf(agent, `/admin/webhooks/${id}`) }).expect(404);

    await agent.post(`/admin/webhooks/${id}`).type('form').send({ _csrf: await csrfOf(agent, `/admin/webhooks/${id}`), url: receiver.url, events: ['ticket.created', 'followup.answered'] }).expect(303);
    const endpoint = await db.selectFrom('webhook_endpoint').select(['is_active', 'events']).executeTakeFirstOrThrow();
    expect({ ...endpoint, events: JSON.parse(endpoint.events) }).toEqual({ is_active: 0, events: ['ticket.created', 'followup.answered'] });
  });

  it('gives a new secret once and records it in the audit log', async () => {
    const agent = await adminAgent({ webhookAllowLoopback: true });
    const created = await agent.post('/admin/webhooks').type('form').send({ _csrf: await csrfOf(agent, '/admin/webhooks'), url: receiver.url, events: 'ticket.created' }).expect(303);
    const firstSecret = /whsec_[A-Za-z0-9+/=]+/.exec((await agent.get(created.headers.location!)).text)![0];
    await agent.post(`${created.headers.location!}/secret`).type('form').send({ _csrf: await csrfOf(agent, created.headers.location!) }).expect(303);
    const secondSecret = /whsec_[A-Za-z0-9+/=]+/.exec((await agent.get(created.headers.location!)).text)![0];
    expect(secondSecret).not.toBe(firstSecret);
    const events = await db.selectFrom('audit_log').select('event').where('event', 'like', 'webhook.%').orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['webhook.created', 'webhook.secret_rotated']);
  });
});
