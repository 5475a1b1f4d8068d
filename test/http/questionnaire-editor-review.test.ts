import type { Express } from 'express';
import type request from 'supertest';
import type { Db } from '../../src/db/database';
import { SURVEYS_DIR } from '../../src/paths';
import { importQuestionnaireFiles } from '../../src/questionnaires/questionnaire-import.service';
import { csrfOf, signedInAgent } from '../support/test-app';
import { postNewQuestionnaire } from '../support/questionnaire-form';
import { eachTestGets } from '../support/per-test';
import { createUser } from '../support/factories';
import { createCategories } from '../support/survey-factories';
import { testSystem } from '../support/campaign-factories';

// What a new quality manager met when trying the builder in Swedish and Danish: the shipped
// templates told apart, the list in their language, every field error read out as an error,
// an imported file's problems one per line, and move buttons ready for the script to renumber.
describe('the questionnaire editor as a new quality manager meets it', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));
  beforeEach(() => createCategories(db));

  async function managerIn(language: 'en' | 'sv' | 'da'): Promise<request.Agent> {
    const user = await createUser(db, { role: 'manager' });
    await db.updateTable('user').set({ language }).where('id', '=', user.id).execute();
    return signedInAgent(app, user);
  }

  const options = (html: string) => [...html.matchAll(/<label class="check"><input type="radio" name="start" value="([^"]+)"[^>]*> ([^<]+)<\/label>/g)].map((m) => [m[1], m[2]]);

  it.each([
    ['en', ['The shipped template “Annual customer survey”', 'The shipped template “Annual satisfaction survey”', 'The shipped template “Which problems should we solve first?”']],
    ['sv', ['Den medföljande mallen ”Årlig kundundersökning”', 'Den medföljande mallen ”Årlig nöjdhetsundersökning”', 'Den medföljande mallen ”Vilka problem ska vi lösa först?”']],
    ['da', ['Den medfølgende skabelon »Årlig kundeundersøgelse«', 'Den medfølgende skabelon »Årlig tilfredshedsundersøgelse«', 'Den medfølgende skabelon »Hvilke problemer skal vi løse først?«']],
  ] as const)('offers the shipped templates by distinct titles in %s', async (language, expected) => {
    const agent = await managerIn(language);
    const page = await agent.get('/questionnaires/new').expect(200);
    const templates = options(page.text).filter(([value]) => value!.startsWith('template:'));
    expect(templates.map(([, label]) => label!.replace(/&#34;/g, '"'))).toEqual(expected);
  });

  it('lists the questionnaires by their title in the reader’s language, in that language’s order', async () => {
    await importQuestionnaireFiles(db, testSystem, SURVEYS_DIR, new Date());
    const titles = async (language: 'en' | 'sv' | 'da') => {
      const page = await (await managerIn(language)).get('/questionnaires').expect(200);
      return [...page.text.matchAll(/<td><a href="\/questionnaires\/\d+">([^<]+)<\/a><\/td>/g)].map((m) => m[1]);
    };
    expect(await titles('sv')).toEqual(['Vilka problem ska vi lösa först?', 'Årlig kundundersökning', 'Årlig nöjdhetsundersökning']);
    expect(await titles('da')).toEqual(['Hvilke problemer skal vi løse først?', 'Årlig kundeundersøgelse', 'Årlig tilfredshedsundersøgelse']);
    expect(await titles('en')).toEqual(['Annual customer survey', 'Annual satisfaction survey', 'Which problems should we solve first?']);
    // The copies on the new-questionnaire page are in the same order.
    const start = await (await managerIn('sv')).get('/questionnaires/new').expect(200);
    expect(options(start.text).filter(([value]) => value!.startsWith('copy:')).map(([, label]) => label)).toEqual([
      'En kopia av ”Vilka problem ska vi lösa först?”',
      'En kopia av ”Årlig kundundersökning”',
      'En kopia av ”Årlig nöjdhetsundersökning”',
    ]);
  });

  async function emptyQuestionnaire(agent: request.Agent): Promise<{ id: number; addUrl: string }> {
    const id = await postNewQuestionnaire(agent, { 'title[en]': 'Partner survey', start: 'empty' });
    const row = await db.selectFrom('questionnaire_version').select('definition').where('questionnaire_id', '=', id).executeTakeFirstOrThrow();
    return { id, addUrl: `/questionnaires/${id}/sections/${JSON.parse(row.definition).sections[0].id}/questions` };
  }

  it('reads out every field error of the question form as an error, the scale’s too', async () => {
    const agent = await managerIn('en');
    const { addUrl } = await emptyQuestionnaire(agent);
    const rating = await agent
      .post(addUrl)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=rating`), type: 'rating', 'text[en]': 'How satisfied are you?', scale: '11', 'labels[low][en]': 'Not at all', 'labels[high][en]': 'Very' })
      .expect(422);
    expect(rating.text).toContain('<p class="field-error" id="scale-error"><span class="visually-hidden">Error: </span>Must be at most 10</p>');
    expect(rating.text).toContain('aria-describedby="scale-error"');
    const list = await agent
      .post(addUrl)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=problem_list`), type: 'problem_list', 'text[en]': 'Which problems?', maxItems: '99', allowOwnWords: 'yes' })
      .expect(422);
    expect(list.text).toMatch(/<p class="field-error" id="maxItems-error"><span class="visually-hidden">Error: <\/span>[^<]+<\/p>/);
    // No field error on the form without its hidden "Error:".
    for (const html of [rating.text, list.text]) {
      for (const [error] of html.matchAll(/<p class="field-error"[^>]*>(?!<span class="visually-hidden">Error: )/g)) expect(error).toBe('');
    }
  });

  it('lists each problem of an imported file on its own line, with its place', async () => {
    const agent = await managerIn('sv');
    const res = await agent
      .post('/questionnaires/import')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/questionnaires'), json: JSON.stringify({ slug: 'partner', version: 1, title: { en: 'Partner' }, sections: [] }) })
      .expect(422);
    const summary = res.text.slice(res.text.indexOf('class="error-summary"'), res.text.indexOf('</ul>', res.text.indexOf('class="error-summary"')));
    expect([...summary.matchAll(/<li><a href="#json">([^<]+)<\/a><\/li>/g)].map((m) => m[1])).toContain('Enkäten, avsnitt: Måste ha minst 1 avsnitt');
  });

  it('has a move button for every direction, those that cannot move hidden, so the script can renumber them', async () => {
    const agent = await managerIn('en');
    const { id, addUrl } = await emptyQuestionnaire(agent);
    for (const text of ['First?', 'Second?']) {
      await agent.post(addUrl).type('form').send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=text`), type: 'text', 'text[en]': text }).expect(303);
    }
    const page = await agent.get(`/questionnaires/${id}`).expect(200);
    const forms = [...page.text.matchAll(/<form method="post" action="\/questionnaires\/\d+\/questions\/(\w+)\/move" data-move="(up|down)"( hidden)?>.*?<\/form>/g)].map((m) => `${m[1]} ${m[2]}${m[3] ? ' hidden' : ''}`);
    expect(forms).toEqual(['first up hidden', 'first down', 'second up', 'second down hidden']);
    expect(page.text).toContain('Move down<span class="visually-hidden"> <span data-question-n>question 1 of section 1</span></span>');
    expect(page.text).toContain('<p data-no-question hidden>');
  });

  it('says on the overview which question a conditional question follows', async () => {
    const agent = await managerIn('en');
    const { id, addUrl } = await emptyQuestionnaire(agent);
    await agent.post(addUrl).type('form').send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=nps`), type: 'nps', 'text[en]': 'Would you recommend us?', required: 'yes' }).expect(303);
    await agent
      .post(addUrl)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=text`), type: 'text', 'text[en]': 'Why that score?', showIfQuestion: 'would_you_recommend_us', showIfMin: '0', showIfMax: '6' })
      .expect(303);
    const page = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(page.text).toContain('data-rest=" · Only after an answer to “Would you recommend us?”">Free text · Only after an answer to “Would you recommend us?”</span>');
    expect(page.text).toContain('data-rest="">Recommendation (0–10), required</span>');
  });
});
