import type { Express } from 'express';
import type request from 'supertest';
import type { Db } from '../../src/db/database';
import { csrfOf, signedInAgent } from '../support/test-app';
import { postNewQuestionnaire } from '../support/questionnaire-form';
import { createUser } from '../support/factories';
import { createCategories } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

type Def = { layout?: string; sections: { id: string; questions: { id: string; options?: { id: string }[] }[] }[] };

async function storedDefinition(db: Db, questionnaireId: number): Promise<Def> {
  const row = await db.selectFrom('questionnaire_version').select('definition').where('questionnaire_id', '=', questionnaireId).orderBy('number', 'desc').executeTakeFirstOrThrow();
  return JSON.parse(row.definition) as Def;
}

const orderOf = (def: Def) => def.sections.map((s) => ({ id: s.id, questions: s.questions.map((q) => q.id) }));

/** The question ids in page order, per section, as the editor page lists them. */
function pageOrder(html: string): { id: string; questions: string[] }[] {
  return html
    .split('data-section-id="')
    .slice(1)
    .map((chunk) => ({ id: chunk.slice(0, chunk.indexOf('"')), questions: [...chunk.matchAll(/data-question-id="([^"]+)"/g)].map((m) => m[1]!) }));
}

// What the editor's script (public/js/questionnaire-editor.js) sends; the browser test drives the script itself.
describe('the questionnaire editor with JavaScript: reordering and autosave', () => {
  let db: Db;
  let app: Express;
  let agent: request.Agent;
  let id: number;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));
  beforeEach(async () => {
    await createCategories(db);
    agent = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    id = await postNewQuestionnaire(agent, { 'title[en]': 'Annual 2027', 'title[sv]': 'Årlig 2027', 'title[da]': 'Årlig 2027', start: 'template:annual-pds' });
  });

  const autosave = async (url: string, form: Record<string, unknown>, status: number) => {
    const res = await agent.post(url).set('X-Autosave', '1').set('Accept', 'application/json').type('form').send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), ...form });
    expect(res.status).toBe(status);
    return res;
  };

  it('stores a question dragged into the second section at the place it was dropped, on every database engine', async () => {
    const before = orderOf(await storedDefinition(db, id));
    const [first, second] = before;
    // "nps" leaves the first section for the second place of the second one.
    const order = before.map((s) => ({ ...s, questions: [...s.questions] }));
    order[0]!.questions = first!.questions.filter((q) => q !== 'nps');
    order[1]!.questions = [second!.questions[0]!, 'nps', ...second!.questions.slice(1)];
    // And the last two sections swap places.
    order.push(...order.splice(-2, 2).reverse());
    const res = await autosave(`/questionnaires/${id}/order`, { order: JSON.stringify(order) }, 200);
    expect(res.body).toEqual({ saved: true });

    expect(orderOf(await storedDefinition(db, id))).toEqual(order);
    const page = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(pageOrder(page.text)).toEqual(order);
    expect(page.text).toMatch(/<script src="\/static\/[^"]+\/js\/questionnaire-editor.js" defer>/);
    const preview = await agent.get(`/questionnaires/${id}/preview`).expect(200);
    const positions = ['a__overall_satisfaction', 'a__rating_ordering', 'a__nps', 'a__rating_delivery'].map((name) => preview.text.indexOf(`name="${name}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('refuses an order from an out-of-date page and changes nothing', async () => {
    const before = orderOf(await storedDefinition(db, id));
    const stale = before.map((s, i) => (i === 0 ? { ...s, questions: s.questions.slice(1) } : s));
    const res = await autosave(`/questionnaires/${id}/order`, { order: JSON.stringify(stale) }, 422);
    expect(res.body.errors.order[0]).toMatch(/Reload the page/);
    expect(orderOf(await storedDefinition(db, id))).toEqual(before);
    await autosave(`/questionnaires/${id}/order`, { order: 'not json' }, 422);
  });

  it('autosaves a question as typed, answers why it cannot, and keeps new options from being added twice', async () => {
    const url = `/questionnaires/${id}/questions/overall_satisfaction`;
    const saved = await autosave(url, { type: 'rating', 'text[en]': 'Overall, how happy are you?', 'text[sv]': 'Hur nöjd?', 'text[da]': 'Hvor tilfreds?', scale: '5', 'labels[low][en]': 'Not', 'labels[high][en]': 'Very', required: 'yes' }, 200);
    expect(saved.body.saved).toBe(true);
    expect((await agent.get(url).expect(200)).text).toContain('value="Overall, how happy are you?"');

    const refused = await autosave(url, { type: 'rating', 'text[en]': '', scale: '5', 'labels[low][en]': 'Not', 'labels[high][en]': 'Very' }, 422);
    expect(refused.body.errors.text).toEqual(['Write this text in at least one language']);
    expect((await agent.get(url).expect(200)).text).toContain('value="Overall, how happy are you?"');

    // A choice question: a new option gets its id from the first autosave; the page sends it back.
    const sectionId = (await storedDefinition(db, id)).sections[0]!.id;
    await agent
      .post(`/questionnaires/${id}/sections/${sectionId}/questions`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), type: 'choice', 'text[en]': 'Which office?', 'options[0][text][en]': 'Malmö', 'options[1][text][en]': 'Oslo' })
      .expect(303);
    const choiceUrl = `/questionnaires/${id}/questions/which_office`;
    const form = { type: 'choice', 'text[en]': 'Which office?', 'options[0][id]': 'malmo', 'options[0][text][en]': 'Malmö', 'options[1][id]': 'oslo', 'options[1][text][en]': 'Oslo', 'options[2][text][en]': 'Aarhus' };
    const first = await autosave(choiceUrl, form, 200);
    expect(first.body.optionIds).toEqual(['malmo', 'oslo', 'aarhus']);
    await autosave(choiceUrl, { ...form, 'options[2][id]': 'aarhus', 'options[2][text][sv]': 'Århus' }, 200);
    const question = (await storedDefinition(db, id)).sections[0]!.questions.find((q) => q.id === 'which_office');
    expect(question?.options?.map((o) => o.id)).toEqual(['malmo', 'oslo', 'aarhus']);
  });

  it('sets one section per page in the details form; the preview then shows steps and the export carries the setting', async () => {
    const page = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(page.text).toMatch(/name="layout" value="one_page" checked/);
    await agent
      .post(`/questionnaires/${id}/details`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'title[en]': 'Annual 2027', 'title[sv]': 'Årlig 2027', 'title[da]': 'Årlig 2027', layout: 'section_per_page' })
      .expect(303);
    const def = await storedDefinition(db, id);
    expect(def.layout).toBe('section_per_page');
    expect((await agent.get(`/questionnaires/${id}`).expect(200)).text).toMatch(/name="layout" value="section_per_page" checked/);
    const first = await agent.get(`/questionnaires/${id}/preview?lang=sv`).expect(200);
    expect(first.text).toContain(`Steg 1 av ${def.sections.length}`);
    expect(first.text).toContain('Nästa');
    const second = await agent.get(`/questionnaires/${id}/preview?lang=da&step=2`).expect(200);
    expect(second.text).toContain(`Trin 2 af ${def.sections.length}`);
    expect(second.text).toContain('name="a__rating_ordering"');
    expect(second.text).not.toContain('name="a__overall_satisfaction"');
    const exported = await agent.get(`/questionnaires/${id}/versions/1/export`).expect(200);
    expect(JSON.parse(exported.text).layout).toBe('section_per_page');

    await agent.post(`/questionnaires/${id}/details`).type('form').send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'title[en]': 'Annual 2027', layout: 'sideways' }).expect(422);
  });
});
