import request from 'supertest';
import { simpleParser } from 'mailparser';
import type { Db } from '../../src/db/database';
import { ensureFirstAdmin } from '../../src/accounts/account.service';
import { upsertSetting } from '../../src/settings/setting.repository';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createContact, createCustomer, createDraftCampaign } from '../support/campaign-factories';
import type { SmtpSink } from '../support/smtp-sink';
import { deliverOutbox } from '../mail/helpers';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

/** The steps of the checklist as the page shows them: key and badge, in order. */
function stepsOf(html: string): string[] {
  return [...html.matchAll(/data-step="([a-z]+)"[^>]*>\s*<h3>[^<]*<span class="badge">([^<]+)<\/span>/g)].map((m) => `${m[1]}: ${m[2]}`);
}

describe('first start', () => {
  let db: Db;
  let sink: SmtpSink;
  eachTestGets({ sink: true }, (w) => ({ db, sink } = w));

  it('shows an admin of an empty installation the five steps in order, and ticks each off as it is done', async () => {
    const app = createTestApp(db, { clock: () => NOW });
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(app, admin);

    let page = await agent.get('/').expect(200);
    expect(page.text).toContain('0 of 5 steps done');
    expect(stepsOf(page.text)).toEqual(['organisation: Next', 'teams: To do', 'contacts: To do', 'questionnaire: To do', 'campaign: To do']);
    for (const href of ['/admin/organisation', '/admin/teams/new', '/customers/import', '/questionnaires', '/campaigns/new']) expect(page.text).toContain(`href="${href}"`);

    await upsertSetting(db, 'organisation_name', 'Nordic Parts AB');
    await createTeam(db, { name: 'Logistics' });
    page = await agent.get('/').expect(200);
    expect(page.text).toContain('2 of 5 steps done');
    expect(stepsOf(page.text)).toEqual(['organisation: Done', 'teams: Done', 'contacts: Next', 'questionnaire: To do', 'campaign: To do']);

    await createContact(db, await createCustomer(db));
    await createDraftCampaign(db, NOW);
    page = await agent.get('/').expect(200);
    expect(page.text).not.toContain('Getting started');
  });

  it('tells a quality manager which steps an admin does, and shows team members no checklist', async () => {
    const app = createTestApp(db, { clock: () => NOW });
    const manager = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    const page = await manager.get('/').expect(200);
    expect(page.text).toContain('An admin does this step.');
    expect(page.text).not.toContain('href="/admin/teams/new"');
    expect(page.text).toContain('href="/campaigns/new"');
    const member = await signedInAgent(app, await createUser(db, { role: 'member' }));
    expect((await member.get('/').expect(200)).text).not.toContain('Getting started');
  });

  it('says on an empty campaign list what a campaign is and links to creating one', async () => {
    const app = createTestApp(db, { clock: () => NOW });
    const manager = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    const page = await manager.get('/campaigns').expect(200);
    expect(page.text).toContain('No campaigns yet.');
    expect(page.text).toContain('<a href="/campaigns/new">Create the first campaign</a>');
  });

  it('lets the default first admin (admin@localhost) send themselves a test mail, which arrives with a working sample link', async () => {
    const first = await ensureFirstAdmin(db, {}, NOW);
    expect(first?.email).toBe('admin@localhost');
    const app = createTestApp(db, { clock: () => NOW });
    const agent = await signedInAgent(app, { email: 'admin@localhost', password: first!.generatedPassword! });
    const id = await createDraftCampaign(db, NOW);

    await agent.post(`/campaigns/${id}/test-mail`).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${id}`), language: 'en' }).expect(303);
    await deliverOutbox(db, sink, NOW);
    expect(sink.accepted.map((m) => m.to)).toEqual([['admin@localhost']]);
    const mail = await simpleParser(sink.accepted[0]!.raw);
    expect(mail.subject).toMatch(/^\[Test\] /);
    const link = /http:\/\/localhost:3000(\/preview\/[^\s]+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();

    // Opened by someone not signed in (a phone's mail app): the questionnaire, in preview mode.
    const preview = await request(app).get(link!).expect(200);
    expect(preview.text).toContain('Nothing you enter here is stored or sent.');
    expect(preview.text).not.toMatch(/<form[^>]+method="post"[^>]+action="\/s\//);
  });

  it('keeps admin@localhost valid on the profile page', async () => {
    const first = await ensureFirstAdmin(db, {}, NOW);
    const app = createTestApp(db, { clock: () => NOW });
    const agent = await signedInAgent(app, { email: 'admin@localhost', password: first!.generatedPassword! });
    await agent.post('/account').type('form').send({ _csrf: await csrfOf(agent, '/account'), name: 'Ada Admin', email: 'admin@localhost' }).expect(303);
    const user = await db.selectFrom('user').select(['name', 'email']).executeTakeFirstOrThrow();
    expect(user).toEqual({ name: 'Ada Admin', email: 'admin@localhost' });
  });
});
