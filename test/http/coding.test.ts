import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { categoryIdsNamed } from '../support/survey-factories';
import { createUser } from '../support/factories';
import { createApiKey, createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('coding problem mentions', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function setup() {
    const delivery = await createCategory(db, { en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering', keywords: 'leverans, levering, delivery' });
    const invoice = await createCategory(db, { en: 'Invoice errors', sv: 'Fel på fakturan', da: 'Fejl i fakturaen', keywords: 'faktura, invoice' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });
    const customer = await createCustomer(db, { name: 'Kund AB' });
    const r = await createResponse(db, campaign.id, customer.id, {
      problems: [
        { categoryId: null, rank: 1, text: 'Leveranserna kommer alltid för sent', language: 'sv' },
        { categoryId: null, rank: 2, text: 'Fakturaerne er forkerte', language: 'da' },
        { categoryId: null, rank: 3, text: 'leveringerne er forsinkede', language: 'da' },
      ],
    });
    const manager = await createUser(db, { role: 'manager' });
    return { delivery, invoice, campaign, mentionIds: r.mentionIds, manager, app: createTestApp(db) };
  }

  it('suggests the right category first for inflected Swedish and Danish words, on the page and in the API', async () => {
    const { delivery, invoice, campaign, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const auth = await createApiKey(db, manager.id);

    const page = await agent.get(`/campaigns/${campaign.id}/coding`).expect(200);
    const api = await request(app).get(`/api/v1/campaigns/${campaign.id}/mentions?coded=false`).set('Authorization', auth).expect(200);

    expect(api.body.mentions.map((m: { suggestions: { categoryId: number }[] }) => m.suggestions[0]?.categoryId)).toEqual([delivery.id, invoice.id, delivery.id]);
    expect(api.body.mentions[0]).toMatchObject({ text: 'Leveranserna kommer alltid för sent', language: 'sv', rank: 1, categoryId: null });
    expect(page.text).toMatch(new RegExp(`name="accept" value="\\d+:${delivery.id}"`));
  });

  it('accepts a suggestion, records who coded it and when, and undoes it', async () => {
    const { delivery, campaign, mentionIds, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const csrf = await csrfOf(agent, `/campaigns/${campaign.id}/coding`);

    await agent.post(`/campaigns/${campaign.id}/coding`).type('form').send({ _csrf: csrf, accept: `${mentionIds[0]}:${delivery.id}` }).expect(303);

    const coded = await db.selectFrom('problem_mention').selectAll().where('id', '=', mentionIds[0]!).executeTakeFirstOrThrow();
    expect(coded).toMatchObject({ category_id: delivery.id, coded_by: manager.id });
    const event = await db.selectFrom('coding_event').selectAll().executeTakeFirstOrThrow();
    expect(event).toMatchObject({ mention_id: mentionIds[0], from_category_id: null, to_category_id: delivery.id, user_id: manager.id });

    const page = await agent.get(`/campaigns/${campaign.id}/coding`).expect(200);
    expect(page.text).not.toContain('Leveranserna kommer alltid för sent</label>');
    await agent.post(`/campaigns/${campaign.id}/coding/undo`).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${campaign.id}/coding`), batchId: event.batch_id }).expect(303);

    const undone = await db.selectFrom('problem_mention').selectAll().where('id', '=', mentionIds[0]!).executeTakeFirstOrThrow();
    expect(undone).toMatchObject({ category_id: null, coded_by: null, coded_at: null });
    expect((await db.selectFrom('coding_event').select('undone_by').executeTakeFirstOrThrow()).undone_by).toBe(manager.id);
  });

  it('accepts a suggestion and codes with "Other category" when the whole form is posted as a browser sends it', async () => {
    const { delivery, invoice, campaign, mentionIds, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const page = await agent.get(`/campaigns/${campaign.id}/coding`).expect(200);
    expect(page.text).toContain(`name="category_${mentionIds[1]}"`);
    // A browser posts every row's select (empty when untouched) together with the clicked button.
    const rows = (choice: Record<number, number>) => mentionIds.map((id) => `category_${id}=${choice[id] ?? ''}`).join('&');
    const csrf = await csrfOf(agent, `/campaigns/${campaign.id}/coding`);
    await agent.post(`/campaigns/${campaign.id}/coding`).type('form').send(`_csrf=${encodeURIComponent(csrf)}&${rows({})}&accept=${mentionIds[0]}:${delivery.id}`).expect(303);
    const csrf2 = await csrfOf(agent, `/campaigns/${campaign.id}/coding`);
    const rest = mentionIds.slice(1);
    await agent
      .post(`/campaigns/${campaign.id}/coding`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf2)}&${rest.map((id) => `category_${id}=${id === mentionIds[1] ? invoice.id : ''}`).join('&')}&apply=${mentionIds[1]}`)
      .expect(303);
    const coded = await db.selectFrom('problem_mention').select(['id', 'category_id']).orderBy('id').execute();
    expect(coded.map((r) => r.category_id)).toEqual([delivery.id, invoice.id, null]);
  });

  it('codes several selected mentions at once to another category', async () => {
    const { invoice, campaign, mentionIds, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const csrf = await csrfOf(agent, `/campaigns/${campaign.id}/coding`);

    await agent
      .post(`/campaigns/${campaign.id}/coding`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&bulk=1&bulkCategoryId=${invoice.id}&mentionIds=${mentionIds[0]}&mentionIds=${mentionIds[2]}`)
      .expect(303);

    const rows = await db.selectFrom('problem_mention').select(['id', 'category_id']).orderBy('id').execute();
    expect(rows.map((r) => r.category_id)).toEqual([invoice.id, null, invoice.id]);
    const batches = await db.selectFrom('coding_event').select('batch_id').distinct().execute();
    expect(batches).toHaveLength(1);
  });

  it('re-renders with 422, the message beside the field and the selection kept when no category is chosen', async () => {
    const { campaign, mentionIds, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const csrf = await csrfOf(agent, `/campaigns/${campaign.id}/coding`);

    const res = await agent
      .post(`/campaigns/${campaign.id}/coding`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&bulk=1&bulkCategoryId=&mentionIds=${mentionIds[1]}`)
      .expect(422);

    expect(res.text).toContain('id="bulkCategoryId-error"');
    expect(res.text).toMatch(new RegExp(`value="${mentionIds[1]}" id="select-${mentionIds[1]}" checked`));
    const saved = await db.selectFrom('problem_mention').select(['category_id', 'coded_by', 'coded_at']).where('id', '=', mentionIds[1]!).executeTakeFirstOrThrow();
    expect(saved).toEqual({ category_id: null, coded_by: null, coded_at: null });
    expect(await db.selectFrom('coding_event').select('id').execute()).toEqual([]);
  });

  it('re-renders with 422 beside the row and codes nothing when a row is coded to a retired category', async () => {
    const { delivery, campaign, mentionIds, manager, app } = await setup();
    await db.updateTable('problem_category').set({ is_active: 0 }).where('id', '=', delivery.id).execute();
    const agent = await signedInAgent(app, manager);
    const csrf = await csrfOf(agent, `/campaigns/${campaign.id}/coding`);

    const res = await agent
      .post(`/campaigns/${campaign.id}/coding`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&category_${mentionIds[0]}=${delivery.id}&apply=${mentionIds[0]}`)
      .expect(422);

    expect(res.text).toContain(`id="category-${mentionIds[0]}-error"`);
    expect(res.text).toContain('This category is retired; choose an active one');
    const saved = await db.selectFrom('problem_mention').select(['category_id', 'coded_by', 'coded_at']).where('id', '=', mentionIds[0]!).executeTakeFirstOrThrow();
    expect(saved).toEqual({ category_id: null, coded_by: null, coded_at: null });
    expect(await db.selectFrom('coding_event').select('id').execute()).toEqual([]);
  });

  it('refuses a row of a page shown before another manager coded it, tells why and keeps that coding', async () => {
    const { delivery, invoice, campaign, mentionIds, manager, app } = await setup();
    const colleague = await createUser(db, { role: 'manager' });
    const url = `/campaigns/${campaign.id}/coding`;
    const mine = await signedInAgent(app, manager);
    const theirs = await signedInAgent(app, colleague);
    const myCsrf = await csrfOf(mine, url); // the page is open, the mention uncoded
    await theirs.post(url).type('form').send({ _csrf: await csrfOf(theirs, url), apply: String(mentionIds[0]), [`category_${mentionIds[0]}`]: String(delivery.id) }).expect(303);

    const res = await mine.post(url).type('form').send({ _csrf: myCsrf, apply: String(mentionIds[0]), [`category_${mentionIds[0]}`]: String(invoice.id) }).expect(422);

    expect(res.text).toContain('Someone else coded this mention meanwhile, so nothing was changed');
    const saved = await db.selectFrom('problem_mention').select(['category_id', 'coded_by']).where('id', '=', mentionIds[0]!).executeTakeFirstOrThrow();
    expect(saved).toEqual({ category_id: delivery.id, coded_by: colleague.id });
  });

  it('creates a new category from a mention and codes the mention to it', async () => {
    const { campaign, mentionIds, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const form = await agent.get(`/catalogue/new?fromMention=${mentionIds[1]}`).expect(200);
    expect(form.text).toContain('value="Fakturaerne er forkerte"');
    const csrf = await csrfOf(agent, `/catalogue/new?fromMention=${mentionIds[1]}`);

    await agent
      .post('/catalogue/new')
      .type('form')
      .send({ _csrf: csrf, fromMention: mentionIds[1], name_en: 'Wrong invoices', name_sv: 'Felaktiga fakturor', name_da: 'Forkerte fakturaer', keywords: 'forkert' })
      .expect(303)
      .expect('Location', `/campaigns/${campaign.id}/coding`);

    const [createdId] = await categoryIdsNamed(db, 'Wrong invoices');
    const created = { id: createdId! };
    const mention = await db.selectFrom('problem_mention').select('category_id').where('id', '=', mentionIds[1]!).executeTakeFirstOrThrow();
    expect(mention.category_id).toBe(created.id);
    expect((await agent.get(`/campaigns/${campaign.id}/coding`).expect(200)).text).toContain('Category Wrong invoices added and the mention coded to it.');
  });

  it('says how many mentions a new category from a mention coded, when others were written the same', async () => {
    const { campaign, manager, app } = await setup();
    const customer = await createCustomer(db, { name: 'Other AB' });
    const twin = await createResponse(db, campaign.id, customer.id, { problems: [{ categoryId: null, rank: 1, text: 'Fakturaerne er forkerte', language: 'da' }] });
    const agent = await signedInAgent(app, manager);
    const from = twin.mentionIds[0]!;
    const csrf = await csrfOf(agent, `/catalogue/new?fromMention=${from}`);

    await agent.post('/catalogue/new').type('form').send({ _csrf: csrf, fromMention: from, name_en: 'Wrong invoices', name_sv: 'Felaktiga fakturor', name_da: 'Forkerte fakturaer' }).expect(303);

    const [createdId] = await categoryIdsNamed(db, 'Wrong invoices');
    expect(await db.selectFrom('problem_mention').select('id').where('category_id', '=', createdId!).execute()).toHaveLength(2);
    expect((await agent.get(`/campaigns/${campaign.id}/coding`).expect(200)).text).toContain('Category Wrong invoices added and 2 mentions coded to it');
  });

  it('codes a mention through PUT /api/v1/mentions/:id/category and refuses a retired category', async () => {
    const { invoice, delivery, mentionIds, manager, app } = await setup();
    const auth = await createApiKey(db, manager.id);
    await db.updateTable('problem_category').set({ is_active: 0 }).where('id', '=', delivery.id).execute();

    const ok = await request(app).put(`/api/v1/mentions/${mentionIds[0]}/category`).set('Authorization', auth).send({ categoryId: invoice.id }).expect(200);
    const refused = await request(app).put(`/api/v1/mentions/${mentionIds[1]}/category`).set('Authorization', auth).send({ categoryId: delivery.id }).expect(422);

    expect(ok.body.mention).toEqual({ id: mentionIds[0], categoryId: invoice.id });
    expect(refused.body.error).toMatchObject({ code: 'invalid', fields: { categoryId: ['This category is retired; choose an active one'] } });
    const untouched = await db.selectFrom('problem_mention').select(['category_id', 'coded_by', 'coded_at']).where('id', '=', mentionIds[1]!).executeTakeFirstOrThrow();
    expect(untouched).toEqual({ category_id: null, coded_by: null, coded_at: null });
    const coded = await request(app).get(`/api/v1/campaigns/${(await db.selectFrom('campaign').select('id').executeTakeFirstOrThrow()).id}/mentions?coded=true`).set('Authorization', auth).expect(200);
    expect(coded.body.mentions.map((m: { id: number }) => m.id)).toEqual([mentionIds[0]]);
  });

  it('does not let a KAM code mentions', async () => {
    const { invoice, mentionIds, app } = await setup();
    const kam = await createUser(db, { role: 'kam' });
    const auth = await createApiKey(db, kam.id);

    await request(app).put(`/api/v1/mentions/${mentionIds[0]}/category`).set('Authorization', auth).send({ categoryId: invoice.id }).expect(403);

    const saved = await db.selectFrom('problem_mention').select(['category_id', 'coded_by', 'coded_at']).where('id', '=', mentionIds[0]!).executeTakeFirstOrThrow();
    expect(saved).toEqual({ category_id: null, coded_by: null, coded_at: null });
    expect(await db.selectFrom('coding_event').select('id').execute()).toEqual([]);
  });

  it('answers the API with the one error body when the category is missing from the body', async () => {
    const { mentionIds, manager, app } = await setup();
    const auth = await createApiKey(db, manager.id);

    const res = await request(app).put(`/api/v1/mentions/${mentionIds[0]}/category`).set('Authorization', auth).send({}).expect(422);

    expect(res.body.error).toMatchObject({ code: 'invalid', fields: { categoryId: [expect.any(String)] } });
    const saved = await db.selectFrom('problem_mention').select('category_id').where('id', '=', mentionIds[0]!).executeTakeFirstOrThrow();
    expect(saved.category_id).toBeNull();
  });

  it('tells that a coding was already undone and leaves the mention as the later coding left it', async () => {
    const { delivery, invoice, campaign, mentionIds, manager, app } = await setup();
    const agent = await signedInAgent(app, manager);
    const codeTo = async (categoryId: number) =>
      agent
        .post(`/campaigns/${campaign.id}/coding`)
        .type('form')
        .send({ _csrf: await csrfOf(agent, `/campaigns/${campaign.id}/coding`), accept: `${mentionIds[0]}:${categoryId}` })
        .expect(303);
    await codeTo(delivery.id);
    const [first] = await db.selectFrom('coding_event').select('batch_id').execute();
    const undo = async () =>
      agent
        .post(`/campaigns/${campaign.id}/coding/undo`)
        .type('form')
        .send({ _csrf: await csrfOf(agent, `/campaigns/${campaign.id}/coding`), batchId: first!.batch_id })
        .expect(303);
    await undo();
    await db.updateTable('problem_mention').set({ category_id: invoice.id, coded_by: manager.id, coded_at: '2026-03-02T00:00:00.000Z' }).where('id', '=', mentionIds[0]!).execute();

    await undo();

    const page = await agent.get(`/campaigns/${campaign.id}/coding`).expect(200);
    expect(page.text).toContain('That coding was already undone.');
    const saved = await db.selectFrom('problem_mention').select(['category_id', 'coded_at']).where('id', '=', mentionIds[0]!).executeTakeFirstOrThrow();
    expect(saved).toEqual({ category_id: invoice.id, coded_at: '2026-03-02T00:00:00.000Z' });
  });
});
