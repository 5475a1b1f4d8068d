import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp } from '../support/test-app';
import { createContact, createCustomer, createDraftCampaign, ctx, TEST_SECRET, testSystem } from '../support/campaign-factories';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { invitationToken } from '../../src/campaigns/invitation-token';
import { findInvitationTokenParts } from '../../src/campaigns/invitation.repository';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('unsubscribe links', () => {
  let db: Db;
  let token: string;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    const customer = await createCustomer(db, { language: 'sv' });
    await createContact(db, customer, { email: 'reader@example.com' });
    await launchCampaign(db, testSystem, await createDraftCampaign(db, NOW), ctx, NOW);
    const { id } = await db.selectFrom('invitation').select('id').executeTakeFirstOrThrow();
    const { salt } = (await findInvitationTokenParts(db, id))!;
    token = invitationToken(TEST_SECRET, salt);
  });

  const optedOut = async () => (await db.selectFrom('contact').select('opted_out_at').where('email', '=', 'reader@example.com').executeTakeFirstOrThrow()).opted_out_at;

  it('GET shows a confirmation page with a one-click button and changes nothing', async () => {
    const app = createTestApp(db);
    const page = await request(app).get(`/u/${token}`).expect(200);
    expect(page.text).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(page.text).toContain('Avregistrera');
    await request(app).get(`/u/${token}`).expect(200);
    expect(await optedOut()).toBeNull();
    const pending = await db.selectFrom('outbox').select('status').executeTakeFirstOrThrow();
    expect(pending.status).toBe('pending');
  });

  it('a one-click POST without a CSRF token unsubscribes with 200, cancels queued mail, and answers 200 again when repeated', async () => {
    const app = createTestApp(db);
    const first = await request(app).post(`/u/${token}`).type('form').send('List-Unsubscribe=One-Click');
    expect(first.status).toBe(200);
    expect(first.headers.location).toBeUndefined();
    expect(first.text).toContain('Du är avregistrerad. Du får inga fler enkätmejl från oss till re…@example.com.');
    expect(await optedOut()).not.toBeNull();
    const mail = await db.selectFrom('outbox').select('status').executeTakeFirstOrThrow();
    expect(mail.status).toBe('cancelled');
    const again = await request(app).post(`/u/${token}`).type('form').send('List-Unsubscribe=One-Click');
    expect(again.status).toBe(200);
  });

  it('a POST without the one-click field or with an unknown token unsubscribes nobody', async () => {
    const app = createTestApp(db);
    await request(app).post(`/u/${token}`).type('form').send('other=1').expect(403);
    await request(app).post(`/u/${'x'.repeat(43)}`).type('form').send('List-Unsubscribe=One-Click').expect(404);
    expect(await optedOut()).toBeNull();
    expect(await db.selectFrom('outbox').select('status').execute()).toEqual([{ status: 'pending' }]);
  });
});
