import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { categoryIdsNamed, categoryNamesOf } from '../support/survey-factories';
import { createUser } from '../support/factories';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('emerging problems page', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function setup() {
    await createCategory(db, { en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering', keywords: 'leverans, levering, delivery' });
    const previous = await createCampaign(db, { name: 'Spring 2025', launchedAt: '2025-03-01T10:00:00.000Z', shape: { maxItems: 3 } });
    const campaign = await createCampaign(db, { name: 'Spring 2026', shape: { maxItems: 3 } });
    const kamUser = await createUser(db, { role: 'kam' });
    const customer = await createCustomer(db, { name: 'Bygg AB', kamUserId: kamUser.id });
    const other = await createCustomer(db, { name: 'Byg A/S' });
    await createResponse(db, previous.id, customer.id, { problems: [{ categoryId: null, rank: 1, text: 'Fakturan var fel', language: 'sv' }] });
    const a = await createResponse(db, campaign.id, customer.id, {
      problems: [
        { categoryId: null, rank: 1, text: 'Appen kraschar när vi skannar streckkoder', language: 'sv' },
        { categoryId: null, rank: 2, text: 'Chauffören var otrevlig', language: 'sv' },
      ],
    });
    const b = await createResponse(db, campaign.id, other.id, {
      problems: [
        { categoryId: null, rank: 1, text: 'Jeres app crasher når vi scanner stregkoder', language: 'da' },
        { categoryId: null, rank: 2, text: 'Appen kraschar hela tiden vid skanning', language: 'sv' },
      ],
    });
    const manager = await createUser(db, { role: 'manager' });
    const crashIds = [a.mentionIds[0]!, b.mentionIds[0]!, b.mentionIds[1]!];
    return { campaign, manager, kamUser, crashIds, lead: Math.min(...crashIds), app: createTestApp(db) };
  }

  /** The world, with the manager signed in on the emerging page; `create` posts its form for the lead group with these fields. */
  async function managerOnEmergingPage() {
    const world = await setup();
    const agent = await signedInAgent(world.app, world.manager);
    const csrf = await csrfOf(agent, `/campaigns/${world.campaign.id}/emerging`);
    const create = (fields: Record<string, string | string[]>) =>
      agent.post(`/campaigns/${world.campaign.id}/emerging`).type('form').send({ _csrf: csrf, group: String(world.lead), ...fields });
    return { ...world, agent, create };
  }

  it('shows the uncoded mentions that say the same thing as one group, new this wave, reachable from the coding page', async () => {
    const { campaign, manager, crashIds, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const coding = await agent.get(`/campaigns/${campaign.id}/coding`).expect(200);
    expect(coding.text).toContain(`href="/campaigns/${campaign.id}/emerging"`);

    const page = await agent.get(`/campaigns/${campaign.id}/emerging`).expect(200);
    expect(page.text.match(/<section class="card/g)).toHaveLength(1);
    for (const id of crashIds) expect(page.text).toMatch(new RegExp(`name="mentionIds" value="${id}"[^>]* checked`));
    expect(page.text).not.toContain('Chauffören var otrevlig');
    expect(page.text).toContain('New this wave');
    expect(page.text).toContain('value="Jeres app crasher når vi scanner stregkoder"');
    expect(page.text).toContain('Spring 2025');
  });

  it('creates the category with its three names and codes the whole group in one action', async () => {
    const { campaign, manager, crashIds, agent, create } = await managerOnEmergingPage();
    const res = await create({ name_en: 'App crashes when scanning', name_sv: 'Appen kraschar vid skanning', name_da: 'Appen crasher ved scanning', keywords: 'app, skanning, scanning', mentionIds: crashIds.map(String) }).expect(303);
    expect(res.headers.location).toBe(`/campaigns/${campaign.id}/emerging`);

    const [categoryId] = await categoryIdsNamed(db, 'App crashes when scanning');
    const category = await db.selectFrom('problem_category').selectAll().where('id', '=', categoryId!).executeTakeFirstOrThrow();
    expect(category).toMatchObject({ keywords: 'app, skanning, scanning', is_active: 1 });
    expect(await categoryNamesOf(db, category.id)).toEqual({ en: 'App crashes when scanning', sv: 'Appen kraschar vid skanning', da: 'Appen crasher ved scanning' });
    const coded = await db.selectFrom('problem_mention').select(['id', 'category_id', 'coded_by']).where('id', 'in', crashIds).execute();
    expect(coded.map((m) => [m.category_id, m.coded_by])).toEqual(crashIds.map(() => [category.id, manager.id]));
    // One undoable batch on the coding page.
    const events = await db.selectFrom('coding_event').select('batch_id').execute();
    expect(new Set(events.map((e) => e.batch_id)).size).toBe(1);
    expect(events).toHaveLength(3);
    const after = await agent.get(`/campaigns/${campaign.id}/emerging`).expect(200);
    expect(after.text).toContain('Created the category and coded 3 mentions');
    expect(after.text).not.toMatch(/<section class="card/);
  });

  it('asks for every language\'s name and keeps what was typed', async () => {
    const { crashIds, create } = await managerOnEmergingPage();
    const res = await create({ name_en: 'App crashes', name_sv: '', name_da: 'Appen crasher', mentionIds: crashIds.map(String).slice(0, 2) }).expect(422);
    expect(res.text).toContain('Enter a name in this language');
    expect(res.text).toContain('id="name_sv"');
    expect(res.text).toContain('value="App crashes"');
    expect(res.text).toMatch(new RegExp(`value="${crashIds[2]}" id="mention-${crashIds[2]}">`));
    expect(await categoryIdsNamed(db, 'App crashes')).toEqual([]);
  });

  it('refuses a name that another category has, beside the field, and codes nothing', async () => {
    const { crashIds, create } = await managerOnEmergingPage();
    const res = await create({ name_en: 'App crashes', name_sv: 'sen leverans', name_da: 'Appen crasher', mentionIds: crashIds.map(String) }).expect(422);
    expect(res.text).toContain('Another category already has this name');
    expect(res.text).toContain('value="sen leverans"');
    expect(await categoryIdsNamed(db, 'App crashes')).toEqual([]);
    expect((await db.selectFrom('problem_mention').select('category_id').where('id', 'in', crashIds).execute()).map((m) => m.category_id)).toEqual([null, null, null]);
  });

  it('creates nothing when a mention of the group was coded meanwhile', async () => {
    const { manager, crashIds, create } = await managerOnEmergingPage();
    const late = await db.selectFrom('problem_category').select('id').executeTakeFirstOrThrow();
    await db.updateTable('problem_mention').set({ category_id: late.id, coded_by: manager.id }).where('id', '=', crashIds[1]!).execute();

    const res = await create({ name_en: 'App crashes', name_sv: 'Appen kraschar', name_da: 'Appen crasher', mentionIds: crashIds.map(String) }).expect(422);
    expect(res.text).toContain('coded meanwhile');
    expect(await categoryIdsNamed(db, 'App crashes')).toEqual([]);
    expect((await db.selectFrom('problem_mention').select('category_id').where('id', '=', crashIds[0]!).executeTakeFirstOrThrow()).category_id).toBeNull();
  });

  it('is for quality managers: a KAM may neither see the groups nor create from them, even of their own account', async () => {
    const { campaign, kamUser, crashIds, lead, app } = await setup();
    const agent = await signedInAgent(app, kamUser);
    await agent.get(`/campaigns/${campaign.id}/emerging`).expect(403);
    const csrf = await csrfOf(agent, '/');
    await agent
      .post(`/campaigns/${campaign.id}/emerging`)
      .type('form')
      .send({ _csrf: csrf, group: String(lead), name_en: 'X', name_sv: 'X', name_da: 'X', mentionIds: crashIds.map(String) }).expect(403);
    expect(await db.selectFrom('problem_mention').select('id').where('category_id', 'is not', null).execute()).toEqual([]);
  });

  it('answers 404 for a campaign that does not exist', async () => {
    const { manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    await agent.get('/campaigns/999999/emerging').expect(404);
  });
});
