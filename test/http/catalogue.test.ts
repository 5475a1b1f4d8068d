import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createApiKey, createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { rankProblems } from '../../src/analysis/ranking.service';
import { createTicket } from '../support/ticket-factories';
import { categoryNamesOf } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

describe('problem catalogue', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('merges a category: mentions and problem ratings move, the old id redirects and resolves to the survivor', async () => {
    const survivor = await createCategory(db, { en: 'Late delivery' });
    const merged = await createCategory(db, { en: 'Delivery delays' });
    const earlier = await createCategory(db, { en: 'Slow shipping' });
    await db.updateTable('problem_category').set({ merged_into_id: merged.id, is_active: 0 }).where('id', '=', earlier.id).execute();
    const campaign = await createCampaign(db, { shape: { maxItems: 3, rating: { scale: 'yes_no', categories: [survivor.id, merged.id] } } });
    const c = await createCustomer(db);
    await createResponse(db, campaign.id, c.id, { problems: [{ categoryId: merged.id, rank: 1 }, { categoryId: survivor.id, rank: 2 }], rated: { [merged.id]: [1, 1], [survivor.id]: [0, 0] } });
    await createResponse(db, campaign.id, c.id, { problems: [{ categoryId: merged.id, rank: 2 }], rated: { [merged.id]: [1, 0] } });
    const manager = await createUser(db, { role: 'manager' });
    const app = createTestApp(db);
    const agent = await signedInAgent(app, manager);

    await agent
      .post(`/catalogue/${merged.id}/merge`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/catalogue/${merged.id}`), intoId: survivor.id })
      .expect(303);

    const left = await db.selectFrom('problem_mention').select('id').where('category_id', '=', merged.id).execute();
    const leftRatings = await db.selectFrom('problem_rating_answer').select('id').where('category_id', '=', merged.id).execute();
    expect(left).toEqual([]);
    expect(leftRatings).toEqual([]);
    const rows = await db.selectFrom('problem_category').select(['id', 'merged_into_id', 'is_active']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: survivor.id, merged_into_id: null, is_active: 1 },
      { id: merged.id, merged_into_id: survivor.id, is_active: 0 },
      { id: earlier.id, merged_into_id: survivor.id, is_active: 0 },
    ]);
    // The respondent who listed both keeps one mention at the better rank; the one who rated both keeps the survivor's rating.
    const [ranked] = await rankProblems(db, campaign.id);
    expect(ranked).toMatchObject({ categoryId: survivor.id, respondents: 2, points: 3 + 2, shareFrequent: 0.5, shareBothersome: 0 });
    await agent.get(`/catalogue/${merged.id}`).expect(301).expect('Location', `/catalogue/${survivor.id}`);
    const auth = await createApiKey(db, manager.id);
    const api = await request(app).get(`/api/v1/categories/${earlier.id}`).set('Authorization', auth).expect(200);
    expect(api.body.category).toMatchObject({ id: survivor.id, names: { en: 'Late delivery' } });
  });

  it('merges a category: its tickets move to the survivor, unless the survivor already has one in that campaign', async () => {
    const team = await createTeam(db);
    const survivor = await createCategory(db, { en: 'Late delivery', teamId: team.id });
    const merged = await createCategory(db, { en: 'Delivery delays', teamId: team.id });
    const waveA = await createCampaign(db);
    const waveB = await createCampaign(db);
    const moving = await createTicket(db, { teamId: team.id, campaignId: waveA.id, categoryId: merged.id });
    const survivorsOwn = await createTicket(db, { teamId: team.id, campaignId: waveB.id, categoryId: survivor.id });
    const clashing = await createTicket(db, { teamId: team.id, campaignId: waveB.id, categoryId: merged.id });
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    await agent
      .post(`/catalogue/${merged.id}/merge`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/catalogue/${merged.id}`), intoId: survivor.id })
      .expect(303);

    const tickets = await db.selectFrom('ticket').select(['id', 'category_id']).orderBy('id').execute();
    expect(tickets).toEqual([
      { id: moving.id, category_id: survivor.id },
      { id: survivorsOwn.id, category_id: survivor.id },
      // One ticket per campaign and category: this one stays on the merged id, which resolves to the survivor.
      { id: clashing.id, category_id: merged.id },
    ]);
  });

  it('refuses to merge a category into itself with 422 beside the field', async () => {
    const cat = await createCategory(db, { en: 'Alone' });
    const agent = await signedInAgent(createTestApp(db), await createUser(db));

    const res = await agent.post(`/catalogue/${cat.id}/merge`).type('form').send({ _csrf: await csrfOf(agent, `/catalogue/${cat.id}`), intoId: cat.id }).expect(422);

    expect(res.text).toContain('id="intoId-error"');
    const saved = await db.selectFrom('problem_category').select(['merged_into_id', 'is_active', 'updated_at']).where('id', '=', cat.id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ merged_into_id: null, is_active: 1, updated_at: '2026-03-01T10:00:00.000Z' });
  });

  it('refuses to merge into a category that was merged itself and moves nothing', async () => {
    const survivor = await createCategory(db, { en: 'Survivor' });
    const gone = await createCategory(db, { en: 'Gone' });
    const cat = await createCategory(db, { en: 'Still here' });
    await db.updateTable('problem_category').set({ merged_into_id: survivor.id, is_active: 0 }).where('id', '=', gone.id).execute();
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });
    await createResponse(db, campaign.id, (await createCustomer(db)).id, { problems: [{ categoryId: cat.id, rank: 1 }] });
    const agent = await signedInAgent(createTestApp(db), await createUser(db));

    const res = await agent.post(`/catalogue/${cat.id}/merge`).type('form').send({ _csrf: await csrfOf(agent, `/catalogue/${cat.id}`), intoId: gone.id }).expect(422);

    expect(res.text).toContain('Choose a category that has not been merged');
    const saved = await db.selectFrom('problem_category').select(['merged_into_id', 'is_active']).where('id', '=', cat.id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ merged_into_id: null, is_active: 1 });
    const mentions = await db.selectFrom('problem_mention').select('category_id').execute();
    expect(mentions).toEqual([{ category_id: cat.id }]);
  });

  it('renames and retires a category while keeping its id', async () => {
    const team = await createTeam(db);
    const cat = await createCategory(db, { en: 'Old name' });
    const agent = await signedInAgent(createTestApp(db), await createUser(db));

    await agent
      .post(`/catalogue/${cat.id}`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/catalogue/${cat.id}`), name_en: 'New name', name_sv: 'Nytt namn', name_da: 'Nyt navn', keywords: 'a, b ,, a', teamId: team.id })
      .expect(303);

    const row = await db.selectFrom('problem_category').selectAll().where('id', '=', cat.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ keywords: 'a, b', team_id: team.id, is_active: 0 });
    expect(await categoryNamesOf(db, cat.id)).toEqual({ en: 'New name', sv: 'Nytt namn', da: 'Nyt navn' });
  });

  it('keeps the typed values and shows the message beside an empty name (422)', async () => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db));

    const res = await agent
      .post('/catalogue/new')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/catalogue/new'), name_en: 'Broken pallets', name_sv: '', name_da: 'Ødelagte paller' })
      .expect(422);

    expect(res.text).toContain('id="name_sv-error"');
    expect(res.text).toContain('value="Ødelagte paller"');
    expect(await db.selectFrom('problem_category').select('id').execute()).toEqual([]);
  });

  it('refuses a name another category has in that language, beside the field, on the form, on an edit and in the API', async () => {
    const manager = await createUser(db);
    const app = createTestApp(db);
    const agent = await signedInAgent(app, manager);
    const invoice = await createCategory(db, { en: 'Invoice errors', sv: 'Fel på fakturor', da: 'Fejl i fakturaer' });
    const late = await createCategory(db, { en: 'Late deliveries', sv: 'Sena leveranser', da: 'Forsinkede leverancer' });

    const res = await agent
      .post('/catalogue/new')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/catalogue/new'), name_en: ' invoice ERRORS ', name_sv: 'Fakturafel', name_da: 'Fejl i fakturaer' })
      .expect(422);
    expect(res.text).toContain('id="name_en-error"');
    expect(res.text).toContain('id="name_da-error"');
    expect(res.text).not.toContain('id="name_sv-error"');
    expect(res.text).toContain('Another category already has this name');
    expect(res.text).toContain('value="Fakturafel"');

    // An edit may keep its own names, not take another's.
    const editUrl = `/catalogue/${late.id}`;
    await agent.post(editUrl).type('form').send({ _csrf: await csrfOf(agent, editUrl), name_en: 'Late deliveries', name_sv: 'Sena leveranser', name_da: 'Forsinkede leverancer', isActive: 'on' }).expect(303);
    await agent.post(editUrl).type('form').send({ _csrf: await csrfOf(agent, editUrl), name_en: 'Late deliveries', name_sv: 'Fel på fakturor', name_da: 'Forsinkede leverancer', isActive: 'on' }).expect(422);

    const api = await request(app).post('/api/v1/categories').set('Authorization', await createApiKey(db, manager.id)).send({ names: { en: 'Invoice errors', sv: 'x', da: 'y' } }).expect(422);
    expect(api.body.error.fields).toHaveProperty('name_en');
    expect((await categoryNamesOf(db, late.id)).sv).toBe('Sena leveranser');
    expect((await db.selectFrom('problem_category').select('id').execute()).map((c) => c.id).sort()).toEqual([invoice.id, late.id].sort());
  });

  it('keeps the typed values and the saved row when an edit names an unknown team (422)', async () => {
    const cat = await createCategory(db, { en: 'Old name' });
    const agent = await signedInAgent(createTestApp(db), await createUser(db));

    const res = await agent
      .post(`/catalogue/${cat.id}`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/catalogue/${cat.id}`), name_en: 'New name', name_sv: 'Nytt namn', name_da: 'Nyt navn', teamId: 999, isActive: 'on' })
      .expect(422);

    expect(res.text).toContain('id="teamId-error"');
    expect(res.text).toContain('value="New name"');
    const saved = await db.selectFrom('problem_category').select(['team_id', 'is_active']).where('id', '=', cat.id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ team_id: null, is_active: 1 });
    expect((await categoryNamesOf(db, cat.id)).en).toBe('Old name');
  });

  it('lists and creates categories through the API with names per language, keywords and owning team', async () => {
    const team = await createTeam(db);
    const manager = await createUser(db);
    const auth = await createApiKey(db, manager.id);
    const app = createTestApp(db);

    const created = await request(app)
      .post('/api/v1/categories')
      .set('Authorization', auth)
      .send({ names: { en: 'Damaged goods', sv: 'Skadat gods', da: 'Beskadigede varer' }, keywords: ['trasig', 'damaged'], teamId: team.id })
      .expect(201);
    const list = await request(app).get('/api/v1/categories').set('Authorization', auth).expect(200);
    await request(app).post('/api/v1/categories').set('Authorization', auth).send({ names: { en: 'x' } }).expect(422);

    expect(created.body.category).toMatchObject({ names: { en: 'Damaged goods', sv: 'Skadat gods', da: 'Beskadigede varer' }, keywords: ['trasig', 'damaged'], teamId: team.id, isActive: true });
    expect(list.body.categories).toEqual([created.body.category]);
  });

  it('keeps the catalogue from KAMs and members', async () => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'kam' }));

    await agent.get('/catalogue').expect(403);
  });

  it('refuses a KAM\'s edit and merge and leaves both categories as they were', async () => {
    const cat = await createCategory(db, { en: 'Kept' });
    const other = await createCategory(db, { en: 'Other' });
    const kam = await signedInAgent(createTestApp(db), await createUser(db, { role: 'kam' }));
    const kamCsrf = await csrfOf(kam, '/analysis');

    await kam.post(`/catalogue/${cat.id}`).type('form').send({ _csrf: kamCsrf, name_en: 'Renamed', name_sv: 'x', name_da: 'x' }).expect(403);
    await kam.post(`/catalogue/${cat.id}/merge`).type('form').send({ _csrf: kamCsrf, intoId: other.id }).expect(403);
    await kam.post('/catalogue/new').type('form').send({ _csrf: kamCsrf, name_en: 'New', name_sv: 'New', name_da: 'New' }).expect(403);

    const rows = await db.selectFrom('problem_category').select(['id', 'merged_into_id', 'is_active']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: cat.id, merged_into_id: null, is_active: 1 },
      { id: other.id, merged_into_id: null, is_active: 1 },
    ]);
    expect((await categoryNamesOf(db, cat.id)).en).toBe('Kept');
    expect((await categoryNamesOf(db, other.id)).en).toBe('Other');
  });
});
