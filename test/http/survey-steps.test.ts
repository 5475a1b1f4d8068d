import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { fieldName } from '../../src/surveys/answer';
import type { SurveyDefinition } from '../../src/surveys/survey-definition';
import { csrfFrom } from '../support/test-app';
import { createCategories, createInvitation, validForm, type InvitationFixture } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

// The annual PDS questionnaire with one section per page: 6 steps.
const stepped = { change: (d: SurveyDefinition): SurveyDefinition => ({ ...d, layout: 'section_per_page' }) };

async function responseOf(db: Db, invitationId: number) {
  return db.selectFrom('response').selectAll().where('invitation_id', '=', invitationId).executeTakeFirst();
}

/** The fields of one step (section, 1-based) of a complete valid form. */
function stepFields(inv: InvitationFixture, step: number, overrides: Record<string, string | undefined> = {}) {
  const all = validForm(inv.snapshot, { overrides });
  const ids = inv.snapshot.definition.sections[step - 1]!.questions.map((q) => q.id);
  return Object.fromEntries(Object.entries(all).filter(([name]) => ids.some((id) => name === fieldName(id) || name.startsWith(fieldName(id) + '__'))));
}

/** The hidden fields of a page (the answers carried from the other steps). */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="(a__[^"]+)" value="([^"]*)">/g)) out[m[1]!] = m[2]!;
  return out;
}

describe('one section per page', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));
  beforeEach(async () => {
    await createCategories(db);
  });

  it('shows one step at a time with "Step n of 6", saves each step, keeps answers going back and forth and thanks after the last step', async () => {
    const inv = await createInvitation(db, stepped);
    const agent = request.agent(app);
    const first = await agent.get(`/s/${inv.token}`).expect(200);
    expect(first.text).toContain('Step 1 of 6');
    expect(first.text).toContain('<progress max="6" value="1"');
    expect(first.text).toContain('name="a__overall_satisfaction"');
    expect(first.text).not.toContain('name="a__rating_delivery"');
    expect(first.text).not.toContain('Send my answers');
    expect(first.text).not.toContain('value="back"');
    const csrf = csrfFrom(first.text);
    const post = (step: number, fields: Record<string, string | string[]>, action?: string) =>
      agent.post(`/s/${inv.token}`).type('form').send({ ...fields, _csrf: csrf, lang: 'en', step: String(step), ...(action ? { action } : {}) });

    // A required question of the step is checked before the next step; nothing is lost.
    const invalid = await post(1, { [fieldName('nps')]: '3' }, 'next').expect(422);
    expect(invalid.text).toContain('Step 1 of 6');
    expect(invalid.text).toContain('<a href="#a__overall_satisfaction-label">Answer: Overall, how satisfied are you with us as a supplier?</a>');
    expect(invalid.text).toMatch(/id="a__nps__3" name="a__nps" value="3" checked/);

    // Next (also Enter, which posts no button) saves the draft and shows step 2.
    await post(1, stepFields(inv, 1)).expect(303).expect('Location', `/s/${inv.token}?step=2`);
    const saved = await responseOf(db, inv.invitationId);
    expect(saved?.status).toBe('partial');
    expect(JSON.parse(saved!.answers)).toMatchObject({ overall_satisfaction: '4', nps: '9' });

    const second = await agent.get(`/s/${inv.token}?step=2`).expect(200);
    expect(second.text).toContain('Step 2 of 6');
    expect(second.text).toContain('name="a__rating_delivery"');
    expect(second.text).not.toContain('name="a__overall_satisfaction" value="1"');
    expect(hiddenFields(second.text)).toEqual({ a__overall_satisfaction: '4', a__nps: '9' });

    // Back keeps what was typed on step 2 and shows step 1 with its answers.
    await post(2, { ...hiddenFields(second.text), [fieldName('rating_delivery')]: '2' }, 'back').expect(303).expect('Location', `/s/${inv.token}?step=1`);
    const back = await agent.get(`/s/${inv.token}?step=1`).expect(200);
    expect(back.text).toMatch(/id="a__overall_satisfaction__4" name="a__overall_satisfaction" value="4" checked/);
    expect(hiddenFields(back.text)).toMatchObject({ a__rating_delivery: '2' });

    // On to the last step; sending with a required problem list missing shows that step with its error.
    let carried = hiddenFields(back.text);
    for (let step = 1; step <= 5; step++) {
      const fields = step === 4 ? {} : stepFields(inv, step);
      const res = await post(step, { ...carried, ...fields }, 'next');
      if (step === 4) {
        expect(res.status).toBe(422);
        expect(res.text).toContain('Step 4 of 6');
        await post(4, { ...carried, ...stepFields(inv, 4) }, 'next').expect(303);
      } else {
        expect(res.status).toBe(303);
      }
      carried = hiddenFields((await agent.get(`/s/${inv.token}?step=${step + 1}`).expect(200)).text);
    }
    const last = await agent.get(`/s/${inv.token}?step=6`).expect(200);
    expect(last.text).toContain('Step 6 of 6');
    expect(last.text).toContain('Send my answers');
    expect(last.text).not.toContain('value="next"');

    // A required answer removed from an earlier step: sending shows that step with its error.
    const withoutProblems = Object.fromEntries(Object.entries(carried).filter(([k]) => !k.startsWith('a__problems__')));
    const refused = await post(6, { ...withoutProblems, ...stepFields(inv, 6) }, 'submit').expect(422);
    expect(refused.text).toContain('Step 4 of 6');
    expect(refused.text).toContain('<a href="#a__problems-label">');
    expect(refused.text).not.toContain('Step 6 of 6');

    await post(6, { ...carried, ...stepFields(inv, 6) }, 'submit').expect(303).expect('Location', `/s/${inv.token}`);
    expect((await responseOf(db, inv.invitationId))?.status).toBe('submitted');
    const values = await db.selectFrom('answer_value').select(['question_id', 'value']).where('question_id', 'in', ['overall_satisfaction', 'rating_delivery']).orderBy('question_id').execute();
    expect(values).toEqual([
      { question_id: 'overall_satisfaction', value: 4 },
      { question_id: 'rating_delivery', value: 4 },
    ]);
    expect((await agent.get(`/s/${inv.token}`).expect(200)).text).toContain('Thank you for your answers');
  });

  it('changes sent answers through the same steps; they stay as sent until sent again', async () => {
    const inv = await createInvitation(db, stepped);
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get(`/s/${inv.token}`).expect(200)).text);
    // Sent at once (every field posted from the last step).
    await agent.post(`/s/${inv.token}`).type('form').send({ ...validForm(inv.snapshot), _csrf: csrf, lang: 'en', step: '6', action: 'submit' }).expect(303);

    const edit = await agent.get(`/s/${inv.token}?edit=1`).expect(200);
    expect(edit.text).toContain('Step 1 of 6');
    expect(edit.text).not.toContain('Save and continue later');
    const next = await agent
      .post(`/s/${inv.token}`)
      .type('form')
      .send({ ...hiddenFields(edit.text), [fieldName('overall_satisfaction')]: '2', [fieldName('nps')]: '9', _csrf: csrf, lang: 'en', step: '1', action: 'next' })
      .expect(200);
    expect(next.text).toContain('Step 2 of 6');
    expect(hiddenFields(next.text)).toMatchObject({ a__overall_satisfaction: '2' });
    expect((await responseOf(db, inv.invitationId))?.status).toBe('submitted');
    expect(JSON.parse((await responseOf(db, inv.invitationId))!.answers).overall_satisfaction).toBe('4');

    const all = { ...validForm(inv.snapshot), ...hiddenFields(next.text) };
    await agent.post(`/s/${inv.token}`).type('form').send({ ...all, _csrf: csrf, lang: 'en', step: '6', action: 'submit' }).expect(303);
    const row = await db.selectFrom('answer_value').select('value').where('question_id', '=', 'overall_satisfaction').executeTakeFirstOrThrow();
    expect(row.value).toBe(2);
  });

  it('writes a text with a long limit in a text area, and help texts keep their line breaks', async () => {
    const inv = await createInvitation(db, {
      change: (d) => {
        const comments = d.sections.flatMap((s) => s.questions).find((q) => q.id === 'comments')!;
        comments.help = { en: 'First line.\nSecond line.', sv: 'Rad ett.\nRad två.', da: 'Linje et.\nLinje to.' };
        return d;
      },
    });
    const page = await request(app).get(`/s/${inv.token}`).expect(200);
    expect(page.text).toMatch(/<textarea id="a__comments" name="a__comments"/);
    expect(page.text).toContain('First line.\nSecond line.');
    // The problem list allows 500 characters per problem: each is a text area too.
    expect(page.text).toMatch(/<textarea id="a__problems__0__text" name="a__problems__0__text"/);
    expect(page.text).toContain('Send my answers');
    expect(page.text).not.toContain('Step 1 of');
  });
});
