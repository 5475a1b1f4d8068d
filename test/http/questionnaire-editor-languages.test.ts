import type { Express } from 'express';
import type request from 'supertest';
import type { Db } from '../../src/db/database';
import { csrfOf, signedInAgent } from '../support/test-app';
import { postNewQuestionnaire } from '../support/questionnaire-form';
import { createUser } from '../support/factories';
import { createCategories } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

// The questionnaire editor in the reader's own language: pages, question types, flashes and validation messages.
describe('the questionnaire editor in Swedish and Danish', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));
  beforeEach(async () => {
    await createCategories(db);
  });

  async function editorIn(language: 'sv' | 'da'): Promise<{ agent: request.Agent; id: number; sectionId: string }> {
    const user = await createUser(db, { role: 'manager' });
    await db.updateTable('user').set({ language }).where('id', '=', user.id).execute();
    const agent = await signedInAgent(app, user);
    const id = await postNewQuestionnaire(agent, { 'title[en]': 'Partner survey', 'title[sv]': 'Partnerenkät', 'title[da]': 'Partnerundersøgelse', start: 'empty' });
    const row = await db.selectFrom('questionnaire_version').select('definition').where('questionnaire_id', '=', id).executeTakeFirstOrThrow();
    const sectionId = JSON.parse(row.definition).sections[0].id as string;
    const addUrl = `/questionnaires/${id}/sections/${sectionId}/questions`;
    await agent
      .post(addUrl)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=rating`), type: 'rating', 'text[en]': 'How satisfied are you with delivery?', scale: '5', 'labels[low][en]': 'Not at all', 'labels[high][en]': 'Very', touchpoint: 'delivery', required: 'yes' })
      .expect(303);
    return { agent, id, sectionId };
  }

  it('shows the overview, the question form and a validation error in Swedish', async () => {
    const { agent, id, sectionId } = await editorIn('sv');
    const flash = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(flash.text).toContain('Frågan är tillagd.');

    const overview = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(overview.text).toContain('<html lang="sv">');
    expect(overview.text).toContain('<h1>Partnerenkät</h1>');
    expect(overview.text).toContain('Version 1, inte publicerad än.');
    expect(overview.text).toContain('Förhandsgranska på danska');
    expect(overview.text).toContain('Avsnitt och frågor');
    // Question types and touchpoints by their names, languages by theirs: no keys or codes.
    expect(overview.text).toContain('Betygsskala, obligatorisk · Leverans');
    expect(overview.text).toContain('Saknas: svenska, danska');
    expect(overview.text).toContain('<option value="problem_rating">Bedömning av problem ur katalogen</option>');
    expect(overview.text).not.toContain('Sections and questions');
    expect(overview.text).not.toMatch(/>\s*rating\s*</);
    // The script's messages come from the page, in the reader's language.
    expect(overview.text).toContain('Inte sparat – försöker igen');

    const form = await agent.get(`/questionnaires/${id}/questions/how_satisfied_are_you_with`).expect(200);
    expect(form.text).toContain('<h1>Redigera fråga</h1>');
    expect(form.text).toContain('Antal steg (2–10)');
    expect(form.text).toContain('<option value="delivery" selected>Leverans</option>');
    expect(form.text).toContain('Spara fråga');

    const addUrl = `/questionnaires/${id}/sections/${sectionId}/questions`;
    const bad = await agent
      .post(addUrl)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `${addUrl}/new?type=text`), type: 'text', 'help[sv]': 'En hjälptext', maxLength: '500' })
      .expect(422);
    expect(bad.text).toContain('<h1>Ny fråga: Fritext</h1>');
    expect(bad.text).toContain('Något behöver rättas');
    expect(bad.text).toContain('<a href="#text">Skriv texten på minst ett språk</a>');
    expect(bad.text).toMatch(/id="text-error"><span class="visually-hidden">Fel:<\/span> Skriv texten på minst ett språk/);
    expect(bad.text).toContain('>En hjälptext</textarea>');
    expect(bad.text).not.toContain('Write this text in at least one language');
  });

  it('shows the schema’s problems in Swedish: an out-of-range scale beside its field, and every problem of an imported file by its place', async () => {
    const { agent, id } = await editorIn('sv');
    const questionUrl = `/questionnaires/${id}/questions/how_satisfied_are_you_with`;
    const bad = await agent
      .post(questionUrl)
      .type('form')
      .send({ _csrf: await csrfOf(agent, questionUrl), type: 'rating', 'text[en]': 'How satisfied are you with delivery?', 'text[sv]': 'Hur nöjd är du med leveransen?', scale: '11', 'labels[low][en]': 'Not at all', 'labels[high][en]': 'Very' })
      .expect(422);
    expect(bad.text).toContain('id="scale-error"><span class="visually-hidden">Fel: </span>Får vara högst 10</p>');
    expect(bad.text).not.toContain('Too big');
    expect(bad.text).toContain('value="11"');

    const L = (en: string, sv: string) => ({ en, sv, da: en });
    const file = {
      slug: 'supplier-survey',
      version: 1,
      title: L('Supplier survey', 'Leverantörsenkät'),
      colour: 'blue',
      sections: [
        {
          id: 'delivery',
          title: L('Delivery', 'Leverans'),
          questions: [
            { id: 'on_time', type: 'rating', text: L('Do we deliver on time?', 'Levererar vi i tid?'), scale: 12, labels: { low: L('Never', 'Aldrig'), high: L('Always', 'Alltid') } },
            { id: 'which', type: 'choice', text: { en: 'Which?', sv: '', da: 'Hvilken?' }, options: [{ id: 'a', text: L('A', 'A') }] },
          ],
        },
      ],
    };
    const imported = await agent
      .post('/questionnaires/import')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/questionnaires'), json: JSON.stringify(file) })
      .expect(422);
    expect(imported.text).toContain('<li>Avsnittet ”Leverans”, frågan ”Levererar vi i tid?”, antal steg: Får vara högst 10</li>');
    expect(imported.text).toContain('<li>Avsnittet ”Leverans”, frågan ”Which?”, text, Svenska: Får inte vara tom</li>');
    expect(imported.text).toContain('<li>Avsnittet ”Leverans”, frågan ”Which?”, alternativ: Måste ha minst 2 alternativ</li>');
    expect(imported.text).toContain('<li>Enkäten: Okänt fält ”colour”</li>');
    expect(imported.text).not.toMatch(/sections\[0\]|Too big|Unknown field|Must not be empty/);
    // The pasted JSON stays in its field.
    expect(imported.text).toContain('supplier-survey');
    const notJson = await agent
      .post('/questionnaires/import')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/questionnaires'), json: '{"slug":"x",}' })
      .expect(422);
    expect(notJson.text).toContain('<li>Det här är inte JSON: kontrollera rad 1, kolumn 13</li>');
    expect(notJson.text).not.toContain('Expected double-quoted property name');

    // Show-if targets are named in the reader's language (English where no Swedish is written).
    const sectionRow = await db.selectFrom('questionnaire_version').select('definition').where('questionnaire_id', '=', id).executeTakeFirstOrThrow();
    const sectionId = JSON.parse(sectionRow.definition).sections[0].id as string;
    const newUrl = `/questionnaires/${id}/sections/${sectionId}/questions/new?type=text`;
    await agent.post(questionUrl).type('form').send({ _csrf: await csrfOf(agent, questionUrl), type: 'rating', 'text[en]': 'How satisfied are you with delivery?', 'text[sv]': 'Hur nöjd är du med leveransen?', scale: '5', 'labels[low][en]': 'Not at all', 'labels[high][en]': 'Very' }).expect(303);
    const form = await agent.get(newUrl).expect(200);
    expect(form.text).toContain('Hur nöjd är du med leveransen?');
    expect(form.text).not.toContain('How satisfied are you with delivery?');

    // A question shown only after that rating cannot be moved before it: the refusal names both in Swedish.
    await agent
      .post(`/questionnaires/${id}/sections/${sectionId}/questions`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, newUrl), type: 'text', 'text[en]': 'What went wrong?', 'text[sv]': 'Vad gick fel?', maxLength: '500', showIfQuestion: 'how_satisfied_are_you_with', showIfMax: '2' })
      .expect(303);
    const refused = await agent
      .post(`/questionnaires/${id}/order`)
      .set('X-Autosave', '1')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/questionnaires/${id}`), order: JSON.stringify([{ id: sectionId, questions: ['what_went_wrong', 'how_satisfied_are_you_with'] }]) })
      .expect(422);
    expect(refused.body.errors.order).toEqual(['”Vad gick fel?” visas bara efter ett svar på ”Hur nöjd är du med leveransen?”, så den måste stå efter den frågan.']);

    // What changed names the questions in Swedish too.
    const changes = await agent.get(`/questionnaires/${id}/changes`).expect(200);
    expect(changes.text).toContain('<li>Hur nöjd är du med leveransen?</li>');
    expect(changes.text).toContain('<li>Vad gick fel?</li>');
    expect(changes.text).not.toContain('What went wrong?');

    // A new questionnaire starts from a template or a copy, each by its Swedish title.
    const start = await agent.get('/questionnaires/new').expect(200);
    expect(start.text).toContain('Årlig kundundersökning');
    expect(start.text).toContain('Partnerenkät');
    expect(start.text).not.toContain('Annual customer survey');
    expect(start.text).not.toContain('Partner survey');
  });

  it('shows the overview, the question form and a validation error in Danish', async () => {
    const { agent, id } = await editorIn('da');
    const overview = await agent.get(`/questionnaires/${id}`).expect(200);
    expect(overview.text).toContain('<html lang="da">');
    expect(overview.text).toContain('<h1>Partnerundersøgelse</h1>');
    expect(overview.text).toContain('Spørgsmålet er tilføjet.');
    expect(overview.text).toContain('Vurderingsskala, obligatorisk · Levering');
    expect(overview.text).toContain('Mangler: svensk, dansk');
    expect(overview.text).toContain('Gennemse og offentliggør');

    const form = await agent.get(`/questionnaires/${id}/questions/how_satisfied_are_you_with`).expect(200);
    expect(form.text).toContain('<h1>Redigér spørgsmål</h1>');
    expect(form.text).toContain('Etiket for laveste trin');

    const bad = await agent
      .post(`/questionnaires/${id}/questions/how_satisfied_are_you_with`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/questionnaires/${id}/questions/how_satisfied_are_you_with`), type: 'rating', 'help[da]': 'Tænk på det seneste år', scale: '5' })
      .expect(422);
    expect(bad.text).toContain('Noget skal rettes');
    expect(bad.text).toContain('<a href="#text">Skriv teksten på mindst ét sprog</a>');
    expect(bad.text).toMatch(/id="text-error"><span class="visually-hidden">Fejl:<\/span> Skriv teksten på mindst ét sprog/);
    expect(bad.text).toContain('>Tænk på det seneste år</textarea>');

    const publish = await agent.get(`/questionnaires/${id}/publish`).expect(200);
    expect(publish.text).toContain('<h1>Offentliggør version 1</h1>');
    expect(publish.text).toContain('<h3>Svensk: 3 mangler</h3>');
    // The section by its Danish title; the question has only its English text, so it is named by that.
    expect(publish.text).toContain('<li>Afsnittet »Spørgsmål«, spørgsmålet »How satisfied are you with delivery?«, tekst</li>');
    expect(publish.text).toContain('Fortsæt med at redigere');

    // A draft the schema refuses (a scale out of range, written by hand): the problem in Danish, by place, and no Publish.
    const row = await db.selectFrom('questionnaire_version').select(['id', 'definition']).where('questionnaire_id', '=', id).executeTakeFirstOrThrow();
    const definition = JSON.parse(row.definition);
    definition.sections[0].questions[0].scale = 12;
    await db.updateTable('questionnaire_version').set({ definition: JSON.stringify(definition) }).where('id', '=', row.id).execute();
    const refused = await agent.get(`/questionnaires/${id}/publish`).expect(200);
    expect(refused.text).toContain('<li>Afsnittet »Spørgsmål«, spørgsmålet »How satisfied are you with delivery?«, antal trin: Må højst være 10</li>');
    expect(refused.text).not.toMatch(/sections\[0\]|Too big/);
    expect(refused.text).toMatch(/<button class="button" type="submit" disabled>/);
    const preview = await agent.get(`/questionnaires/${id}/preview?lang=da`).expect(409);
    expect(preview.text).toContain('Afsnittet »Spørgsmål«, spørgsmålet »How satisfied are you with delivery?«, antal trin: Må højst være 10');
    expect(preview.text).not.toContain('Too big');
  });
});
