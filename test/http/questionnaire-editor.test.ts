import type { Express } from 'express';
import type request from 'supertest';
import type { Db } from '../../src/db/database';
import { csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCategories } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

async function storedDefinition(db: Db, questionnaireId: number) {
  const row = await db
    .selectFrom('questionnaire_version')
    .select(['number', 'status', 'definition'])
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('number', 'desc')
    .executeTakeFirstOrThrow();
  return { ...row, definition: JSON.parse(row.definition) };
}

describe('the questionnaire editor without JavaScript', () => {
  let db: Db;
  let app: Express;
  let agent: request.Agent;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));
  beforeEach(async () => {
    await createCategories(db);
    agent = await signedInAgent(app, await createUser(db, { role: 'manager' }));
  });

  async function post(url: string, form: Record<string, string>, from = url) {
    return agent.post(url).type('form').send({ _csrf: await csrfOf(agent, from), ...form });
  }

  async function newQuestionnaire(): Promise<number> {
    const res = await post('/questionnaires/new', { 'title[en]': 'Partner survey', 'title[sv]': 'Partnerenkät', 'title[da]': 'Partnerundersøgelse', start: 'empty' }).then((r) => r);
    expect(res.status).toBe(303);
    return Number(/\/questionnaires\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
  }

  it('builds, translates, reorders and publishes a questionnaire with plain forms', async () => {
    const id = await newQuestionnaire();
    const editor = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(editor.text).toContain('Partner survey');
    expect(editor.text).toContain('name="_csrf"');

    // Add a rating question in English only: Swedish and Danish are marked missing.
    const sectionId = (await storedDefinition(db, id)).definition.sections[0].id;
    const addUrl = `/questionnaires/${id}/sections/${sectionId}/questions`;
    const form = await agent.get(`${addUrl}/new?type=rating`).expect(200);
    expect(form.text).toContain('name="labels[low][sv]"');
    await agent
      .post(addUrl)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=rating`), type: 'rating', 'text[en]': 'How satisfied are you with delivery?', scale: '5', 'labels[low][en]': 'Not at all', 'labels[high][en]': 'Very', required: 'yes' })
      .expect(303);
    await post(addUrl, { type: 'text', 'text[en]': 'Anything else?', 'text[sv]': 'Något mer?', 'text[da]': 'Andet?', maxLength: '500' }, `${addUrl}/new?type=text`).then((r) => expect(r.status).toBe(303));
    let stored = await storedDefinition(db, id);
    expect(stored.definition.sections[0].questions.map((q: { id: string }) => q.id)).toEqual(['how_satisfied_are_you_with', 'anything_else']);
    const page = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(page.text).toMatch(/Missing: Swedish, Danish/);

    // Reorder: the text question moves up.
    await post(`/questionnaires/${id}/questions/anything_else/move`, { direction: 'up' }, `/questionnaires/${id}`).then((r) => expect(r.status).toBe(303));
    stored = await storedDefinition(db, id);
    expect(stored.definition.sections[0].questions.map((q: { id: string }) => q.id)).toEqual(['anything_else', 'how_satisfied_are_you_with']);

    // A validation error keeps everything typed.
    const bad = await post(`/questionnaires/${id}/questions/how_satisfied_are_you_with`, { type: 'rating', 'text[en]': 'How satisfied are you with delivery?', 'text[sv]': 'Hur nöjd är du med leveransen?', scale: '42', 'labels[low][en]': 'Not at all', 'labels[high][en]': 'Very' }, `/questionnaires/${id}/questions/how_satisfied_are_you_with`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="Hur nöjd är du med leveransen?"');
    expect(bad.text).toContain('value="42"');

    // Translate.
    await post(
      `/questionnaires/${id}/questions/how_satisfied_are_you_with`,
      {
        type: 'rating',
        'text[en]': 'How satisfied are you with delivery?',
        'text[sv]': 'Hur nöjd är du med leveransen?',
        'text[da]': 'Hvor tilfreds er du med leveringen?',
        scale: '5',
        'labels[low][en]': 'Not at all',
        'labels[low][sv]': 'Inte alls',
        'labels[low][da]': 'Slet ikke',
        'labels[high][en]': 'Very',
        'labels[high][sv]': 'Mycket',
        'labels[high][da]': 'Meget',
        required: 'yes',
      },
      `/questionnaires/${id}/questions/how_satisfied_are_you_with`,
    ).then((r) => expect(r.status).toBe(303));
    expect((await agent.get(`/questionnaires/${id}`)).text).toContain('Every text is written in every language.');

    // Preview in Danish, then publish.
    const preview = await agent.get(`/questionnaires/${id}/preview?lang=da`).expect(200);
    expect(preview.text).toContain('Hvor tilfreds er du med leveringen?');
    const review = await agent.get(`/questionnaires/${id}/publish`).expect(200);
    expect(review.text).toContain('Publish version 1');
    await post(`/questionnaires/${id}/publish`, {}, `/questionnaires/${id}/publish`).then((r) => expect(r.status).toBe(303));
    stored = await storedDefinition(db, id);
    expect(stored.status).toBe('published');

    // The campaign form now offers it by title.
    const campaignForm = await agent.get('/campaigns/new').expect(200);
    expect(campaignForm.text).toContain('>Partner survey (version 1)</option>');

    // Editing after publishing starts version 2 as a draft; version 1 stays.
    await post(`/questionnaires/${id}/questions/anything_else/remove`, {}, `/questionnaires/${id}`).then((r) => expect(r.status).toBe(303));
    stored = await storedDefinition(db, id);
    expect(stored).toMatchObject({ number: 2, status: 'draft' });
    const changes = await agent.get(`/questionnaires/${id}/changes`).expect(200);
    expect(changes.text).toMatch(/Removed \(1\)[\s\S]*Anything else\?/);

    // A removed id is never given to another question.
    await post(addUrl, { type: 'text', 'text[en]': 'Anything else?', maxLength: '500' }, `${addUrl}/new?type=text`).then((r) => expect(r.status).toBe(303));
    stored = await storedDefinition(db, id);
    expect(stored.definition.sections[0].questions.map((q: { id: string }) => q.id)).toEqual(['how_satisfied_are_you_with', 'anything_else_2']);
  });

  it('starts from a shipped template and exports it', async () => {
    const res = await post('/questionnaires/new', { 'title[en]': 'PDS 2027', start: 'template:pds' });
    expect(res.status).toBe(303);
    const id = Number(/\/questionnaires\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
    const exported = await agent.get(`/questionnaires/${id}/versions/1/export`).expect(200);
    expect(exported.headers['content-disposition']).toContain('pds-2027-v1.json');
    expect(JSON.parse(exported.text)).toMatchObject({ slug: 'pds-2027', version: 1, title: { en: 'PDS 2027', sv: '', da: '' } });
    const page = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(page.text).toMatch(/Swedish 1/);
  });

  it('answers 403 to people who are not quality managers', async () => {
    const kam = await signedInAgent(app, await createUser(db, { role: 'kam' }));
    await kam.get('/questionnaires').expect(403);
    await kam.get('/questionnaires/new').expect(403);
  });
});

describe('conditions in the editor', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));

  it('asks "why?" only after a low recommendation, and the preview notes it', async () => {
    const agent = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    const post = async (url: string, form: Record<string, string | string[]>, from: string) => agent.post(url).type('form').send({ _csrf: await csrfOf(agent, from), ...form });
    const created = await post('/questionnaires/new', { 'title[en]': 'Short survey', start: 'empty' }, '/questionnaires/new');
    const id = Number(/\/questionnaires\/(\d+)/.exec(created.headers.location ?? '')?.[1]);
    const sectionId = (await storedDefinition(db, id)).definition.sections[0].id;
    const addUrl = `/questionnaires/${id}/sections/${sectionId}/questions`;
    await post(addUrl, { type: 'nps', 'text[en]': 'Would you recommend us?' }, `${addUrl}/new?type=nps`).then((r) => expect(r.status).toBe(303));
    const form = await agent.get(`${addUrl}/new?type=text`).expect(200);
    expect(form.text).toContain('Only after an answer to “Would you recommend us?”');
    const bad = await post(addUrl, { type: 'text', 'text[en]': 'Why?', maxLength: '500', showIfQuestion: 'would_you_recommend_us' }, `${addUrl}/new?type=text`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Give the lowest or highest answer');
    await post(addUrl, { type: 'text', 'text[en]': 'Why?', maxLength: '500', showIfQuestion: 'would_you_recommend_us', showIfMin: '0', showIfMax: '6' }, `${addUrl}/new?type=text`).then((r) => expect(r.status).toBe(303));
    const stored = await storedDefinition(db, id);
    expect(stored.definition.sections[0].questions[1]).toMatchObject({ id: 'why', showIf: { question: 'would_you_recommend_us', min: 0, max: 6 } });
    const preview = await agent.get(`/questionnaires/${id}/preview?lang=en`).expect(200);
    expect(preview.text).toContain('Answer this if your answer to “Would you recommend us?” was 0–6.');
  });
});
