import type { Express } from 'express';
import type request from 'supertest';
import type { Db } from '../../src/db/database';
import { csrfOf, signedInAgent } from '../support/test-app';
import { postNewQuestionnaire } from '../support/questionnaire-form';
import { createUser } from '../support/factories';
import { createCategories } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

async function storedQuestion(db: Db, questionnaireId: number, questionId: string) {
  const row = await db.selectFrom('questionnaire_version').select('definition').where('questionnaire_id', '=', questionnaireId).orderBy('number', 'desc').executeTakeFirstOrThrow();
  const definition = JSON.parse(row.definition) as { sections: { questions: Record<string, unknown>[] }[] };
  return definition.sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
}

// What the editor's script sends when a question's texts are edited on the overview (the browser test drives the script).
describe('editing a question’s texts in place on the editor overview', () => {
  let db: Db;
  let app: Express;
  let agent: request.Agent;
  let id: number;
  const questionId = 'how_satisfied_are_you_with';
  const textsUrl = () => `/questionnaires/${id}/questions/${questionId}/texts`;

  eachTestGets({ app: true }, (w) => ({ db, app } = w));
  beforeEach(async () => {
    await createCategories(db);
    agent = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    id = await postNewQuestionnaire(agent, { 'title[en]': 'Partner survey', start: 'empty' });
    const addUrl = `/questionnaires/${id}/sections/section_1/questions`;
    await agent
      .post(addUrl)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=rating`), type: 'rating', 'text[en]': 'How satisfied are you with delivery?', scale: '7', 'labels[low][en]': 'Not at all', 'labels[high][en]': 'Very', touchpoint: 'delivery' })
      .expect(303);
  });

  it('offers a small form per question on the overview, and the Edit link for browsers without JavaScript', async () => {
    const page = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(page.text).toMatch(new RegExp(`<form method="post" action="${textsUrl()}" class="form inline-edit" novalidate hidden data-inline-edit`));
    expect(page.text).toContain(`id="inline-${questionId}-text-sv" name="text[sv]"`);
    expect(page.text).toContain(`value="How satisfied are you with delivery?"`);
    expect(page.text).toContain(`href="/questionnaires/${id}/questions/${questionId}" data-inline-link>Edit`);
  });

  it('saves the texts in every language, the help text and "required", and keeps the other fields', async () => {
    const res = await agent
      .post(textsUrl())
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'text[en]': 'How satisfied are you with our deliveries?', 'text[sv]': 'Hur nöjd är du med våra leveranser?', 'text[da]': '', 'help[en]': 'Think of the last year.', required: 'yes' })
      .expect(200);
    expect(res.body).toEqual({ saved: true, text: 'How satisfied are you with our deliveries?', required: true, missing: 'Missing: Danish' });
    const question = await storedQuestion(db, id, questionId);
    expect(question).toMatchObject({
      text: { en: 'How satisfied are you with our deliveries?', sv: 'Hur nöjd är du med våra leveranser?', da: '' },
      help: { en: 'Think of the last year.' },
      required: true,
      scale: 7,
      touchpoint: 'delivery',
      labels: { low: { en: 'Not at all' }, high: { en: 'Very' } },
    });
    const page = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(page.text).toContain('<strong data-question-text>How satisfied are you with our deliveries?</strong>');
    expect(page.text).toContain('Rating scale, required · Delivery');

    // Unticked, "required" goes again.
    await agent.post(textsUrl()).type('form').set('Accept', 'application/json').send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'text[en]': 'How satisfied are you with our deliveries?' }).expect(200);
    expect((await storedQuestion(db, id, questionId))?.required).toBeUndefined();
  });

  it('refuses a bad value with a message per field in the reader’s language, and stores nothing', async () => {
    const before = await storedQuestion(db, id, questionId);
    const res = await agent
      .post(textsUrl())
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'text[en]': ' ', required: 'yes' })
      .expect(422);
    expect(res.body).toEqual({ saved: false, errors: { text: ['Write this text in at least one language'] } });
    const tooLong = await agent
      .post(textsUrl())
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'text[en]': 'Fine', 'help[sv]': 'x'.repeat(5001) })
      .expect(422);
    expect(tooLong.body).toEqual({ saved: false, errors: { help: ['Use at most 5000 characters.'] } });
    expect(await storedQuestion(db, id, questionId)).toEqual(before);
  });

  it('without JavaScript, shows the question form with the message beside the field and what was typed', async () => {
    const res = await agent
      .post(textsUrl())
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'text[en]': '', 'help[en]': 'Typed help that must stay' })
      .expect(422);
    expect(res.text).toContain('<h1>Edit question</h1>');
    expect(res.text).toMatch(/id="text-error"><span class="visually-hidden">Error:<\/span> Write this text in at least one language/);
    expect(res.text).toContain('>Typed help that must stay</textarea>');
    expect(res.text).toContain('value="7"');
    const ok = await agent.post(textsUrl()).type('form').set('Accept', 'text/html').send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'text[en]': 'Delivery?' }).expect(303);
    expect(ok.headers.location).toBe(`/questionnaires/${id}#question-${questionId}`);
  });

  it('answers in the reader’s language and refuses a post without the CSRF token', async () => {
    const me = await db.selectFrom('user').select('id').executeTakeFirstOrThrow();
    await db.updateTable('user').set({ language: 'da' }).where('id', '=', me.id).execute();
    const res = await agent.post(textsUrl()).type('form').set('Accept', 'application/json').send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), 'text[en]': '' }).expect(422);
    expect(res.body.errors.text).toEqual(['Skriv teksten på mindst ét sprog']);
    await agent.post(textsUrl()).type('form').set('Accept', 'application/json').send({ 'text[en]': 'No token' }).expect(403);
    expect((await storedQuestion(db, id, questionId))?.text).toMatchObject({ en: 'How satisfied are you with delivery?' });
  });
});
