import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { eachTestGets } from '../support/per-test';
import { createUser } from '../support/factories';
import { createCategories, createInvitation, validForm } from '../support/survey-factories';

describe('the blank survey page of a campaign, shared by its respondents', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));
  beforeEach(() => createCategories(db));

  it('shows each respondent the page with their own link and form token, and nothing of another respondent’s', async () => {
    const first = await createInvitation(db);
    const second = await createInvitation(db, { campaignId: first.campaignId });
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
