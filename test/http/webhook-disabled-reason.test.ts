import type { Db } from '../../src/db/database';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { insertEndpoint } from '../../src/webhooks/webhook-endpoint.repository';
import { recordDeliveryFailure } from '../../src/webhooks/webhook.service';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');

describe('why a webhook endpoint was turned off, in the reader’s language', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function turnedOffEndpoint() {
    const endpointId = await insertEndpoint(db, { url: 'https://hooks.example.com/in', description: 'CRM', events: ['ticket.created'], secretSalt: 'salt', createdBy: null }, NOW);
    const delivery = { id: 0, endpointId, url: 'https://hooks.example.com/in', secretSalt: 'salt', messageId: 'msg_1', eventType: 'ticket.created', payload: '{}', attempts: 1 };
    const outcome = await recordDeliveryFailure(db, 'w', delivery, { responseStatus: 503, error: 'HTTP 503', now: NOW }, { maxAttempts: 8, retrySeconds: 30, disableAfter: 1, baseUrl: 'http://loop.test' });
    expect(outcome.disabled).toBe(true);
    return endpointId;
  }

  async function pageAs(language: string, endpointId: number) {
    const admin = await createUser(db, { role: 'admin' });
    await db.updateTable('user').set({ language }).where('id', '=', admin.id).execute();
    return (await (await signedInAgent(createTestApp(db, { clock: () => NOW }), admin)).get(`/admin/webhooks/${endpointId}`).expect(200)).text;
  }

  it('names the failures in Swedish, Danish and English', async () => {
    const id = await turnedOffEndpoint();
    expect(await pageAs('sv', id)).toContain('1 misslyckade försök i rad; senast: HTTP 503');
    expect(await pageAs('da', id)).toContain('1 mislykkede forsøg i træk; senest: HTTP 503');
    expect(await pageAs('en', id)).toContain('1 failed attempts in a row; last: HTTP 503');
  });

  it('shows the free text of an endpoint turned off before reasons had keys as it is', async () => {
    const id = await turnedOffEndpoint();
    await db.updateTable('webhook_endpoint').set({ disabled_reason: '15 failed attempts in a row; last: timeout & "reset"' }).where('id', '=', id).execute();
    expect(await pageAs('sv', id)).toContain('15 failed attempts in a row; last: timeout &amp; &#34;reset&#34;');
  });
});
