import request from 'supertest';
import type { Db } from '../../src/db/database';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { insertSkips } from '../../src/campaigns/audience.repository';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createApiKey, createCampaign, createCategory, createContact, createCustomer, createReporter, createResponse, createTicket } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const SCOPE_NOTE = 'Figures for your accounts only.';

describe('a KAM sees only their own accounts', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  /** A campaign invited the own account (KAM Kim) and another KAM's account; each had a failed mail and a skipped contact. */
  async function campaignOfTwoAccounts() {
    const kam = await createUser(db, { role: 'kam', name: 'Kim Own' });
    const otherKam = await createUser(db, { role: 'kam', name: 'Kai Other' });
    const manager = await createUser(db, { role: 'manager' });
    const own = await createCustomer(db, { name: 'Own Account AB', segment: 'Retail', kamUserId: kam.id });
    const other = await createCustomer(db, { name: 'Other Account ApS', segment: 'Industry', kamUserId: otherKam.id });
    const campaign = await createCampaign(db, { name: 'Annual 2026', shape: { maxItems: 3 } });
    for (const [customer, prefix, invited] of [[own, 'own', 1], [other, 'other', 3]] as const) {
      for (let i = 0; i < invited; i++) {
        const contact = await createContact(db, customer.id, { email: `${prefix}${i}@${prefix}.example` });
        const invitation = await db
          .insertInto('invitation')
          .values({ campaign_id: campaign.id, contact_id: contact.id, token_hash: `${prefix}-${i}`, created_at: NOW.toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        const outboxId = await enqueueMail(db, { kind: 'invitation', to: contact.email, subject: 'Survey', text: 'x', html: 'x', invitationId: invitation.id }, NOW);
        if (i === 0) await db.updateTable('outbox').set({ status: 'failed', last_error: `${prefix} mailbox full` }).where('id', '=', outboxId).execute();
      }
      const skipped = await createContact(db, customer.id, { email: `skipped@${prefix}.example`, name: `Skipped ${prefix}` });
      await insertSkips(db, campaign.id, [{ contactId: skipped.id, reason: 'opted_out' }]);
    }
    return { kam, otherKam, manager, campaign, app: createTestApp(db, { clock: () => NOW }) };
  }

  it('lists only their accounts\' failed deliveries, skipped contacts and figures on the campaign page, and says so', async () => {
    const { kam, manager, campaign, app } = await campaignOfTwoAccounts();

    const page = await (await signedInAgent(app, kam)).get(`/campaigns/${campaign.id}`).expect(200);

    expect(page.text).toContain('own0@own.example');
    expect(page.text).toContain('skipped@own.example');
    expect(page.text).not.toContain('other.example');
    expect(page.text).not.toContain('other mailbox full');
    expect(page.text).not.toContain('Industry');
    expect(page.text).toMatch(/data-figure="invited">1</);
    expect(page.text).toContain(SCOPE_NOTE);
    // Links to what a KAM may not do are not shown.
    expect(page.text).not.toContain(`/campaigns/${campaign.id}/coding`);
    expect(page.text).not.toContain(`/campaigns/${campaign.id}/route`);

    const managerPage = await (await signedInAgent(app, manager)).get(`/campaigns/${campaign.id}`).expect(200);
    expect(managerPage.text).toContain('skipped@other.example');
    expect(managerPage.text).toMatch(/data-figure="invited">4</);
    expect(managerPage.text).not.toContain(SCOPE_NOTE);
  });

  it('counts only their accounts\' invitations in the campaign list', async () => {
    const { kam, app } = await campaignOfTwoAccounts();
    const page = await (await signedInAgent(app, kam)).get('/campaigns').expect(200);
    expect(page.text).toMatch(/<td class="num">1<\/td><td>31 December 2026<\/td>/);
    expect(page.text).toContain(SCOPE_NOTE);
  });

  it('gives a KAM\'s API key the totals and skips of their accounts only', async () => {
    const { kam, manager, campaign } = await campaignOfTwoAccounts();
    const app = createTestApp(db, { clock: () => NOW });

    const mine = await request(app).get(`/api/v1/campaigns/${campaign.id}`).set('Authorization', await createApiKey(db, kam.id)).expect(200);
    expect(mine.body).toMatchObject({ invited: 1, failed: 1, skipped: 1, accounts: 'own' });
    expect(mine.body.bySegment.map((s: { segment: string }) => s.segment)).toEqual(['Retail']);

    const all = await request(app).get(`/api/v1/campaigns/${campaign.id}`).set('Authorization', await createApiKey(db, manager.id)).expect(200);
    expect(all.body).toMatchObject({ invited: 4, failed: 2, skipped: 2, accounts: 'all' });
  });

  it('shows a KAM the closure effect over their own accounts only', async () => {
    const team = await createTeam(db);
    const kam = await createUser(db, { role: 'kam' });
    const otherKam = await createUser(db, { role: 'kam' });
    const manager = await createUser(db, { role: 'manager' });
    const y2025 = await createCampaign(db, { name: 'Annual 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape: { maxItems: 5 } });
    const y2026 = await createCampaign(db, { name: 'Annual 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape: { maxItems: 5 } });
    const invoicing = await createCategory(db, { en: 'Invoicing', teamId: team.id });
    await createReporter(db, y2025.id, { kamUserId: kam.id, mentions: [{ categoryId: invoicing.id, rank: 1 }] });
    await createReporter(db, y2025.id, { kamUserId: otherKam.id, mentions: [{ categoryId: invoicing.id, rank: 1 }] });
    // 2026: the own account no longer reports it; the other account still does.
    await createReporter(db, y2026.id, { kamUserId: kam.id, mentions: [] });
    await createReporter(db, y2026.id, { kamUserId: otherKam.id, mentions: [{ categoryId: invoicing.id, rank: 1 }] });
    const resolved = await createTicket(db, { teamId: team.id, campaignId: y2025.id, categoryId: invoicing.id, status: 'resolved' });
    await db.updateTable('ticket').set({ resolved_at: '2025-06-01T00:00:00.000Z' }).where('id', '=', resolved.id).execute();
    const app = createTestApp(db);
    const cellsOf = (html: string) => {
      const row = /<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
      return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    };

    const kamPage = await (await signedInAgent(app, kam)).get(`/campaigns/${y2026.id}/closure-effect`).expect(200);
    expect(cellsOf(kamPage.text).slice(0, 4)).toEqual(['Invoicing', 'Annual 2025', '100.0 %', '0.0 %']);
    expect(kamPage.text).toContain(SCOPE_NOTE);
    // A KAM cannot open tickets, so the problem is not a link to one.
    expect(kamPage.text).not.toContain(`/tickets/${resolved.id}`);

    const managerPage = await (await signedInAgent(app, manager)).get(`/campaigns/${y2026.id}/closure-effect`).expect(200);
    expect(cellsOf(managerPage.text).slice(0, 4)).toEqual(['Invoicing', 'Annual 2025', '100.0 %', '50.0 %']);
    expect(managerPage.text).not.toContain(SCOPE_NOTE);
  });

  it('counts only their accounts\' answers on the analysis start page', async () => {
    const kam = await createUser(db, { role: 'kam' });
    const own = await createCustomer(db, { kamUserId: kam.id });
    const other = await createCustomer(db, {});
    const campaign = await createCampaign(db, { name: 'Annual 2026' });
    await createResponse(db, campaign.id, own.id);
    await createResponse(db, campaign.id, other.id);
    await createResponse(db, campaign.id, other.id);
    const page = await (await signedInAgent(createTestApp(db), kam)).get('/analysis').expect(200);
    // The questionnaire by its title, not its file name.
    expect(page.text).toMatch(/<td>Annual 2026<\/td><td>Annual customer survey<\/td><td>[^<]*<\/td><td>1<\/td>/);
    expect(page.text).toContain(SCOPE_NOTE);
  });

  it('says on the satisfaction pages that the figures are filtered, and offers no other KAMs to filter by', async () => {
    const kam = await createUser(db, { role: 'kam', name: 'Kim Own' });
    await createUser(db, { role: 'kam', name: 'Kai Other' });
    const campaign = await createCampaign(db, { shape: { nps: true } });
    const agent = await signedInAgent(createTestApp(db), kam);
    const page = await agent.get(`/campaigns/${campaign.id}/satisfaction`).expect(200);
    expect(page.text).toContain(SCOPE_NOTE);
    expect(page.text).not.toContain('Kai Other');
    expect((await agent.get('/satisfaction/trend').expect(200)).text).toContain(SCOPE_NOTE);
  });

  it('offers a KAM only their own accounts\' segments and regions to filter by', async () => {
    const kam = await createUser(db, { role: 'kam', name: 'Kim Own' });
    await createCustomer(db, { kamUserId: kam.id, segment: 'Retail', region: 'Nordics' });
    await createCustomer(db, { segment: 'Defence', region: 'Baltics' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });

    const page = (await (await signedInAgent(createTestApp(db), kam)).get(`/campaigns/${campaign.id}/problems`).expect(200)).text;

    expect(page).toContain('<option value="Retail">Retail</option>');
    expect(page).toContain('<option value="Nordics">Nordics</option>');
    expect(page).not.toContain('Defence');
    expect(page).not.toContain('Baltics');
  });
});

describe('/api/v1/teams', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('gives every team to managers, a member only their own teams, and a KAM none (403)', async () => {
    const billing = await createTeam(db, { name: 'Billing', email: 'billing@example.com' });
    await createTeam(db, { name: 'Logistics', email: 'logistics@example.com' });
    const manager = await createUser(db, { role: 'manager' });
    const member = await createUser(db, { role: 'member', teamId: billing.id });
    const kam = await createUser(db, { role: 'kam' });
    const app = createTestApp(db);
    const teamsOf = async (userId: number, status: number) => request(app).get('/api/v1/teams').set('Authorization', await createApiKey(db, userId)).expect(status);

    expect((await teamsOf(manager.id, 200)).body.teams.map((t: { email: string }) => t.email)).toEqual(['billing@example.com', 'logistics@example.com']);
    expect((await teamsOf(member.id, 200)).body.teams.map((t: { email: string }) => t.email)).toEqual(['billing@example.com']);
    const refused = await teamsOf(kam.id, 403);
    expect(JSON.stringify(refused.body)).not.toContain('@example.com');
  });
});

describe('authorization before validation', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('refuses a member posting the new-campaign form with 403, without the form or its choices', async () => {
    await createUser(db, { role: 'kam', name: 'Kim Secret-Kam' });
    await createCustomer(db, { segment: 'Secret segment', region: 'Secret region' });
    const member = await createUser(db, { role: 'member' });
    const agent = await signedInAgent(createTestApp(db), member);
    const res = await agent.post('/campaigns/new').type('form').send({ _csrf: await csrfOf(agent, '/'), name: '' }).expect(403);
    expect(res.text).not.toMatch(/Secret|<form[^>]+campaigns\/new/);
  });

  it('refuses API writes of a role that may not make them with 403 before reading the body', async () => {
    const member = await createUser(db, { role: 'member' });
    const kam = await createUser(db, { role: 'kam' });
    const app = createTestApp(db);
    for (const user of [member, kam]) {
      const key = await createApiKey(db, user.id);
      for (const [method, path] of [['post', '/api/v1/campaigns'], ['post', '/api/v1/categories'], ['post', '/api/v1/contacts'], ['post', '/api/v1/campaigns/1/route'], ['put', '/api/v1/mentions/1/category']] as const) {
        const res = await request(app)[method](path).set('Authorization', key).send({});
        expect([path, res.status, res.body.error?.fields ?? {}]).toEqual([path, 403, {}]);
      }
    }
  });

  it('refuses a member undoing a coding with 403 whatever the form holds', async () => {
    const member = await createUser(db, { role: 'member' });
    const campaign = await createCampaign(db);
    const agent = await signedInAgent(createTestApp(db), member);
    await agent.post(`/campaigns/${campaign.id}/coding/undo`).type('form').send({ _csrf: await csrfOf(agent, '/') }).expect(403);
  });
});
