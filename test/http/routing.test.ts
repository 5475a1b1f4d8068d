import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { categoryNamesOf } from '../support/survey-factories';
import { createTeam, createUser } from '../support/factories';
import { createApiKey, createCampaign, createCategory, createReporter } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');

describe('routing top problems to teams', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  /** Invoicing (3 reporters, points 15) > Delivery (2, 9) > Support (no team, 1, 5) > Packaging (1, 3). */
  async function setup() {
    const billing = await createTeam(db, { name: 'Billing', email: 'billing@example.com' });
    const logistics = await createTeam(db, { name: 'Logistics', email: 'logistics@example.com' });
    const campaign = await createCampaign(db, { name: 'Annual 2026', shape: { maxItems: 5 } });
    const invoicing = await createCategory(db, { en: 'Invoicing', teamId: billing.id });
    const delivery = await createCategory(db, { en: 'Delivery', teamId: logistics.id });
    const support = await createCategory(db, { en: 'Support', teamId: null });
    const packaging = await createCategory(db, { en: 'Packaging', teamId: logistics.id });
    await createReporter(db, campaign.id, { segment: 'Retail', mentions: [{ categoryId: invoicing.id, rank: 1, text: 'Invoices are always wrong and late' }, { categoryId: delivery.id, rank: 2 }] });
    await createReporter(db, campaign.id, { segment: 'Retail', mentions: [{ categoryId: invoicing.id, rank: 1, text: 'late invoices' }, { categoryId: support.id, rank: 1 }] });
    await createReporter(db, campaign.id, { segment: 'Industry', mentions: [{ categoryId: invoicing.id, rank: 1 }, { categoryId: delivery.id, rank: 1 }, { categoryId: packaging.id, rank: 3 }] });
    const manager = await createUser(db, { role: 'manager' });
    const app = createTestApp(db, { clock: () => NOW });
    return { billing, logistics, campaign, invoicing, delivery, support, packaging, manager, app };
  }

  it('previews the tickets it would create without changing anything', async () => {
    const { campaign, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const page = await agent.get(`/campaigns/${campaign.id}/route?top=3`).expect(200);
    // The problem no team owns comes first, with a way to choose its team, then the table in the same order.
    expect(page.text).toMatch(/No team owns this problem yet[\s\S]*Team for <strong>Support<\/strong>[\s\S]*<tbody>\s*<tr>[\s\S]*?Support[\s\S]*?No owning team[\s\S]*Invoicing[\s\S]*New ticket[\s\S]*Delivery[\s\S]*New ticket/);
    expect(await db.selectFrom('ticket').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('outbox').selectAll().execute()).toHaveLength(0);
  });

  it('creates one ticket per category for its owning team with fixed evidence, mails the team, and lists categories without a team', async () => {
    const { campaign, invoicing, delivery, billing, logistics, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const _csrf = await csrfOf(agent, `/campaigns/${campaign.id}/route?top=3`);

    await agent.post(`/campaigns/${campaign.id}/route`).type('form').send({ _csrf, top: '3' }).expect(303).expect('Location', `/tickets?campaignId=${campaign.id}`);

    const tickets = await db.selectFrom('ticket').selectAll().orderBy('id').execute();
    expect(tickets.map((t) => [t.category_id, t.team_id, t.status, t.due_date])).toEqual([
      [invoicing.id, billing.id, 'open', '2026-05-10'],
      [delivery.id, logistics.id, 'open', '2026-05-10'],
    ]);
    const evidence = JSON.parse(tickets[0]!.evidence);
    expect(evidence).toMatchObject({ rank: 1, points: 15, respondents: 3, accounts: 3, share: 1, analysisUrl: `/campaigns/${campaign.id}/problems` });
    expect(evidence.verbatims[0].text).toBe('Invoices are always wrong and late');
    const mails = await db.selectFrom('outbox').select(['kind', 'to_email', 'ref_id']).orderBy('id').execute();
    expect(mails).toEqual([
      { kind: 'ticket_created', to_email: 'billing@example.com', ref_id: tickets[0]!.id },
      { kind: 'ticket_created', to_email: 'logistics@example.com', ref_id: tickets[1]!.id },
    ]);

    // Evidence is fixed: later answers do not change it.
    await createReporter(db, campaign.id, { mentions: [{ categoryId: invoicing.id, rank: 5 }] });
    const page = await agent.get(`/tickets/${tickets[0]!.id}`).expect(200);
    expect(page.text).toMatch(/Points <strong>15<\/strong>/);
  });

  it('is idempotent: routing the same campaign again makes no second ticket and no second mail', async () => {
    const { campaign, manager, app } = await setup();
    const key = await createApiKey(db, manager.id);

    const first = await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({ top: 2 }).expect(201);
    expect(first.body.created).toHaveLength(2);
    const second = await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({ top: 4 }).expect(201);

    expect(second.body.created.map((c: { category: string }) => c.category)).toEqual(['Packaging']);
    expect(second.body.skipped).toEqual([
      expect.objectContaining({ category: 'Invoicing', reason: 'already_routed', ticketId: first.body.created[0].ticketId }),
      expect.objectContaining({ category: 'Delivery', reason: 'already_routed', ticketId: first.body.created[1].ticketId }),
      expect.objectContaining({ category: 'Support', reason: 'no_owning_team', ticketId: null }),
    ]);
    const third = await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({ top: 4 }).expect(200);
    expect(third.body.created).toEqual([]);
    expect(await db.selectFrom('ticket').selectAll().execute()).toHaveLength(3);
    expect(await db.selectFrom('outbox').selectAll().execute()).toHaveLength(3);
  });

  it('routes every category at or above a score for a segment, with the due date from the setting', async () => {
    const { campaign, invoicing, manager, app } = await setup();
    await db.insertInto('setting').values({ key: 'ticket_due_days', value: '14' }).execute();
    const key = await createApiKey(db, manager.id);

    const res = await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({ minScore: 6, segment: 'Retail' }).expect(201);

    // Retail: Invoicing 10 points, Support 5 (below), Delivery 4 (below).
    expect(res.body.created).toEqual([expect.objectContaining({ categoryId: invoicing.id, rank: 1 })]);
    const ticket = await db.selectFrom('ticket').selectAll().executeTakeFirstOrThrow();
    expect(ticket.due_date).toBe('2026-04-24');
    expect(JSON.parse(ticket.evidence)).toMatchObject({ points: 10, respondents: 2, filter: { segment: ['Retail'] } });
  });

  it('asks for either top or minScore', async () => {
    const { campaign, manager, app } = await setup();
    const key = await createApiKey(db, manager.id);
    await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({}).expect(422);
    await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({ top: 2, minScore: 1 }).expect(422);
    expect(await db.selectFrom('ticket').selectAll().execute()).toHaveLength(0);
  });

  it('re-renders the routing form with 422, the message beside the field and the typed value', async () => {
    const { campaign, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const _csrf = await csrfOf(agent, `/campaigns/${campaign.id}/route`);
    const res = await agent.post(`/campaigns/${campaign.id}/route`).type('form').send({ _csrf, top: '0' }).expect(422);
    expect(res.text).toMatch(/id="top-error"[^>]*>.*At least 1/s);
    expect(res.text).toContain('name="top" type="number" min="1" value="0"');
    expect(await db.selectFrom('ticket').selectAll().execute()).toHaveLength(0);
  });

  it('lets only quality managers and admins route', async () => {
    const { campaign, billing, app } = await setup();
    const member = await createUser(db, { role: 'member', teamId: billing.id });
    const key = await createApiKey(db, member.id);
    await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({ top: 2 }).expect(403);
    expect(await db.selectFrom('ticket').selectAll().execute()).toHaveLength(0);
  });

  it('lets a quality manager choose the owning team of an unowned problem on the routing page, which makes it the owner and routable', async () => {
    const { campaign, support, billing, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const page = await agent.get(`/campaigns/${campaign.id}/route?top=3`).expect(200);

    await agent
      .post(`/campaigns/${campaign.id}/route/owner`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), categoryId: String(support.id), teamId: String(billing.id), top: '3' })
      .expect(303)
      .expect('Location', `/campaigns/${campaign.id}/route?top=3`);

    const category = await db.selectFrom('problem_category').select(['team_id', 'is_active']).where('id', '=', support.id).executeTakeFirstOrThrow();
    expect(category).toEqual({ team_id: billing.id, is_active: 1 });
    expect((await categoryNamesOf(db, support.id)).en).toBe('Support');
    const after = await agent.get(`/campaigns/${campaign.id}/route?top=3`).expect(200);
    expect(after.text).toContain('Billing now owns Support.');
    expect(after.text).not.toContain('No owning team');
    expect(after.text).toMatch(/Support<\/td>[\s\S]*?Billing<\/td>\s*<td>New ticket/);
    expect(await db.selectFrom('ticket').selectAll().execute()).toHaveLength(0);
  });

  it('asks for a team when none was chosen, with the message beside the field, and changes nothing', async () => {
    const { campaign, support, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const _csrf = await csrfOf(agent, `/campaigns/${campaign.id}/route?top=3`);
    const res = await agent.post(`/campaigns/${campaign.id}/route/owner`).type('form').send({ _csrf, categoryId: String(support.id), teamId: '', top: '3' }).expect(422);
    expect(res.text).toMatch(new RegExp(`id="team-${support.id}-error"[^>]*>.*Choose a team`, 's'));
    expect(res.text).toContain(`<a href="#team-${support.id}">`);
    expect((await db.selectFrom('problem_category').select('team_id').where('id', '=', support.id).executeTakeFirstOrThrow()).team_id).toBeNull();
  });

  it('lets nobody but quality managers and admins set a problem\'s team from the routing page', async () => {
    const { campaign, support, billing, app } = await setup();
    const member = await createUser(db, { role: 'member', teamId: billing.id });
    const agent = await signedInAgent(app, member);
    await agent.post(`/campaigns/${campaign.id}/route/owner`).type('form').send({ _csrf: await csrfOf(agent, '/tickets'), categoryId: String(support.id), teamId: String(billing.id) }).expect(403);
    expect((await db.selectFrom('problem_category').select('team_id').where('id', '=', support.id).executeTakeFirstOrThrow()).team_id).toBeNull();
  });

  it('says after routing which problems were not routed and why, and when fewer were reported than asked', async () => {
    const { campaign, manager, app } = await setup();
    const key = await createApiKey(db, manager.id);
    const first = await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({ top: 1 }).expect(201);
    expect(first.body.found).toBe(1);
    const agent = await signedInAgent(app, manager);
    const preview = await agent.get(`/campaigns/${campaign.id}/route?top=6`).expect(200);
    expect(preview.text).toContain('You asked for the top 6, but only 4 problems were reported.');

    await agent.post(`/campaigns/${campaign.id}/route`).type('form').send({ _csrf: csrfFrom(preview.text), top: '6' }).expect(303);

    const list = await agent.get(`/tickets?campaignId=${campaign.id}`).expect(200);
    expect(list.text).toContain('2 tickets created, each team mailed.');
    expect(list.text).toContain(
      '2 problems were not routed: Invoicing (it already has a ticket from this campaign); Support (no team owns it yet; choose its team on the routing page).',
    );
    expect(list.text).toContain('You asked for the top 6, but only 4 problems were reported.');
    expect(await db.selectFrom('ticket').selectAll().execute()).toHaveLength(3);
  });

  it('lists the teams through the API', async () => {
    const { manager, app } = await setup();
    const key = await createApiKey(db, manager.id);
    const res = await request(app).get('/api/v1/teams').set('Authorization', key).expect(200);
    expect(res.body.teams.map((t: { name: string }) => t.name)).toEqual(['Billing', 'Logistics']);
  });
});

describe('the default due date of new tickets (admin ticket settings)', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const stored = async () => (await db.selectFrom('setting').select('value').where('key', '=', 'ticket_due_days').executeTakeFirst())?.value;

  it('shows 30 days until an admin changes it, and routing then dates new tickets with the saved number', async () => {
    const team = await createTeam(db);
    const campaign = await createCampaign(db);
    const category = await createCategory(db, { en: 'Invoicing', teamId: team.id });
    await createReporter(db, campaign.id, { mentions: [{ categoryId: category.id, rank: 1 }] });
    const admin = await createUser(db, { role: 'admin' });
    const app = createTestApp(db, { clock: () => NOW });
    const agent = await signedInAgent(app, admin);

    const page = await agent.get('/admin/ticket-settings').expect(200);
    expect(page.text).toContain('name="dueDays" type="number" min="1" max="365" value="30"');

    await agent.post('/admin/ticket-settings').type('form').send({ _csrf: csrfFrom(page.text), dueDays: '7' }).expect(303).expect('Location', '/admin/ticket-settings');
    expect(await stored()).toBe('7');
    const saved = await agent.get('/admin/ticket-settings').expect(200);
    expect(saved.text).toContain('value="7"');
    expect(saved.text).toContain('Ticket settings saved.');

    const key = await createApiKey(db, admin.id);
    await request(app).post(`/api/v1/campaigns/${campaign.id}/route`).set('Authorization', key).send({ top: 1 }).expect(201);
    expect((await db.selectFrom('ticket').select('due_date').executeTakeFirstOrThrow()).due_date).toBe('2026-04-17');
  });

  it.each([
    ['0', 'At least 1 day'],
    ['366', 'At most 365 days'],
    ['2.5', 'Enter a whole number'],
    ['soon', 'Enter a number of days'],
  ])('refuses %s with 422, the message beside the field and the typed value kept', async (typed, message) => {
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(createTestApp(db, { clock: () => NOW }), admin);
    const _csrf = await csrfOf(agent, '/admin/ticket-settings');

    const res = await agent.post('/admin/ticket-settings').type('form').send({ _csrf, dueDays: typed }).expect(422);

    expect(res.text).toMatch(new RegExp(`id="dueDays-error"[^>]*>.*${message}`, 's'));
    expect(res.text).toContain(`value="${typed}" aria-describedby="dueDays-error dueDays-hint" aria-invalid="true"`);
    expect(await stored()).toBeUndefined();
  });

  it('is for admins only: a quality manager gets 403 and changes nothing', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db, { clock: () => NOW }), manager);
    await agent.get('/admin/ticket-settings').expect(403);
    const _csrf = await csrfOf(agent, '/tickets');
    await agent.post('/admin/ticket-settings').type('form').send({ _csrf, dueDays: '5' }).expect(403);
    expect(await stored()).toBeUndefined();
  });
});
