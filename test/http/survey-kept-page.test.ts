import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { hashToken, newToken, storedTokenHash } from '../../src/shared/tokens';
import { createTestApp, createTestDb, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCategories, createInvitation, validForm } from '../support/survey-factories';

/** A second personal link to the same campaign as `campaignId`, for a new contact of a new customer. */
async function anotherLink(db: Db, campaignId: number): Promise<{ token: string; invitationId: number }> {
  const stamp = new Date().toISOString();
  const customer = await db.insertInto('customer').values({ name: 'Other Customer', language: 'en', created_at: stamp, updated_at: stamp }).returning('id').executeTakeFirstOrThrow();
  const contact = await db
    .insertInto('contact')
    .values({ customer_id: customer.id, email: `other-${Date.now()}@example.com`, name: 'Other Contact', language: null, created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = newToken();
  const invitation = await db
    .insertInto('invitation')
    .values({ campaign_id: campaignId, contact_id: contact.id, token_hash: storedTokenHash(hashToken(token)), is_revoked: 0, created_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, invitationId: invitation.id };
}

describe('the blank survey page of a campaign, shared by its respondents', () => {
  let db: Db;
  let app: Express;
  beforeEach(async () => {
    db = await createTestDb();
    app = createTestApp(db);
    await createCategories(db);
  });
  afterEach(() => db.destroy());

  it('shows each respondent the page with their own link and form token, and nothing of another respondent’s', async () => {
    const first = await createInvitation(db);
    const second = await anotherLink(db, first.campaignId);
    const firstPage = (await request(app).get(`/s/${first.token}`).expect(200)).text;
    const secondPage = (await request(app).get(`/s/${second.token}`).expect(200)).text;

    expect(secondPage).not.toContain(first.token);
    expect(secondPage).toContain(`action="/s/${second.token}"`);
    expect(secondPage).toContain(`href="/s/${second.token}?lang=sv"`);
    // The same page otherwise, byte for byte.
    const firstCsrf = csrfFrom(firstPage);
    const secondCsrf = csrfFrom(secondPage);
    expect(secondCsrf).not.toBe(firstCsrf);
    expect(secondPage).toBe(firstPage.split(first.token).join(second.token).split(firstCsrf).join(secondCsrf));

    // Each form submits with its own token.
    await request(app).post(`/s/${second.token}`).type('form').send({ ...validForm(first.snapshot), _csrf: secondCsrf, action: 'submit' }).expect(303);
    await request(app).post(`/s/${first.token}`).type('form').send({ ...validForm(first.snapshot), _csrf: secondCsrf, action: 'submit' }).expect(403);
    const submitted = await db.selectFrom('response').select('invitation_id').where('status', '=', 'submitted').execute();
    expect(submitted.map((r) => r.invitation_id)).toEqual([second.invitationId]);
  });

  it('shows the other language and a changed organisation name at once', async () => {
    const inv = await createInvitation(db);
    const before = (await request(app).get(`/s/${inv.token}`).expect(200)).text;
    expect(before).toContain('<html lang="en">');
    expect((await request(app).get(`/s/${inv.token}?lang=sv`).expect(200)).text).toContain('<html lang="sv">');

    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(app, admin);
    let save = agent.post('/admin/organisation').field('_csrf', await csrfOf(agent, '/admin/organisation'));
    for (const [k, v] of Object.entries({ name: 'Nordvik Kept AB', brandColour: '#c8102e', timeZone: 'Europe/Stockholm' })) save = save.field(k, v);
    await save.expect(303);

    const after = (await request(app).get(`/s/${inv.token}`).expect(200)).text;
    expect(before).not.toContain('Nordvik Kept AB');
    expect(after).toContain('Nordvik Kept AB');
  });
});
