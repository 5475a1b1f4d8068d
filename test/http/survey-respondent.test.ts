import request from 'supertest';
import { linkCsrfToken } from '../../src/shared/link-csrf';
import { testConfig } from '../../src/config';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { addDays } from '../../src/shared/time';
import { fieldName } from '../../src/surveys/answer';
import type { SubmissionHook } from '../../src/surveys/response.service';
import { createTestApp, createTestDb, csrfFrom, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCategories, createInvitation, validForm, type InvitationFixture } from '../support/survey-factories';

/** GETs the link with a fresh agent (cookie jar) and returns the agent and its CSRF token. */
async function openLink(app: Express, token: string, query = '') {
  const agent = request.agent(app);
  const page = await agent.get(`/s/${token}${query}`).expect(200);
  return { agent, csrf: csrfFrom(page.text), page };
}

async function responseOf(db: Db, invitationId: number) {
  return db.selectFrom('response').selectAll().where('invitation_id', '=', invitationId).executeTakeFirst();
}

describe('respondent survey pages', () => {
  let db: Db;
  let app: Express;
  let categories: number[];
  beforeEach(async () => {
    db = await createTestDb();
    app = createTestApp(db);
    categories = await createCategories(db);
  });
  afterEach(() => db.destroy());

  describe('GET /s/<token>', () => {
    it('shows the survey in the contact’s language with the page language set and a language switch', async () => {
      const inv = await createInvitation(db, { contactLanguage: 'sv', customerLanguage: 'da' });
      const res = await request(app).get(`/s/${inv.token}`).expect(200);
      expect(res.text).toContain('<html lang="sv">');
      expect(res.text).toContain('Årlig kundundersökning');
      expect(res.text).toContain('Skicka mina svar');
      expect(res.text).toMatch(/href="\/s\/[^"]+\?lang=da" hreflang="da"/);
      expect(res.text).not.toContain('q__error');
      expect(res.text).not.toContain('aria-invalid');
    });

    it('falls back to the customer’s language, then to English', async () => {
      const danish = await createInvitation(db, { contactLanguage: null, customerLanguage: 'da' });
      expect((await request(app).get(`/s/${danish.token}`).expect(200)).text).toContain('<html lang="da">');
      const other = await createInvitation(db, { contactLanguage: null, customerLanguage: 'fi' });
      const res = await request(app).get(`/s/${other.token}`).expect(200);
      expect(res.text).toContain('<html lang="en">');
      expect(res.text).toContain('Annual customer survey');
    });

    it('switches language with ?lang= and ignores an unknown language', async () => {
      const inv = await createInvitation(db, { contactLanguage: 'en' });
      const res = await request(app).get(`/s/${inv.token}?lang=da`).expect(200);
      expect(res.text).toContain('<html lang="da">');
      expect(res.text).toContain('Årlig kundeundersøgelse');
      expect((await request(app).get(`/s/${inv.token}?lang=xx`).expect(200)).text).toContain('<html lang="en">');
    });

    it('never creates or changes a response, however often the link is opened, and records only the first opening', async () => {
      const inv = await createInvitation(db);
      await request(app).get(`/s/${inv.token}`).expect(200);
      const first = await db.selectFrom('invitation').select('opened_at').where('id', '=', inv.invitationId).executeTakeFirstOrThrow();
      expect(first.opened_at).not.toBeNull();
      await request(app).get(`/s/${inv.token}?action=submit&edit=1`).expect(200);
      const second = await db.selectFrom('invitation').select('opened_at').where('id', '=', inv.invitationId).executeTakeFirstOrThrow();
      expect(second.opened_at).toBe(first.opened_at);
      expect(await responseOf(db, inv.invitationId)).toBeUndefined();
    });

    it('shows no staff navigation, even to a signed-in manager, and is not cached', async () => {
      const inv = await createInvitation(db);
      const manager = await createUser(db, { role: 'manager' });
      const agent = await signedInAgent(app, manager);
      expect((await agent.get('/').expect(200)).text).toContain('Sign out');
      const res = await agent.get(`/s/${inv.token}`).expect(200);
      expect(res.text).not.toContain('Sign out');
      expect(res.text).not.toContain('href="/customers"');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('uses fieldsets with legends for rating scales and a label for every control', async () => {
      const inv = await createInvitation(db);
      const html = (await request(app).get(`/s/${inv.token}`).expect(200)).text;
      expect(html).toMatch(/<fieldset class="q" id="a__overall_satisfaction-group"[^>]*>\s*<legend/);
      const ids = [...html.matchAll(/<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThan(50);
      for (const id of ids) expect(html).toContain(`for="${id}"`);
    });

    it('lists the snapshot’s catalogue problems to pick from and to rate', async () => {
      const inv = await createInvitation(db, { contactLanguage: 'sv' });
      const html = (await request(app).get(`/s/${inv.token}`).expect(200)).text;
      expect(html).toContain(`<option value="${categories[0]}">Sena leveranser</option>`);
      expect(html).toContain(`name="${fieldName('problem_rating', categories[1]!, 'bother')}"`);
    });
  });

  describe('saving and resuming', () => {
    it('stores every value entered as a partial response, even invalid ones, and the same link resumes it', async () => {
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(app, inv.token);
      await agent
        .post(`/s/${inv.token}`)
        .type('form')
        .send({
          _csrf: csrf,
          action: 'save',
          lang: 'en',
          [fieldName('overall_satisfaction')]: '2',
          [fieldName('problems', 0, 'text')]: 'Deliveries come late',
          [fieldName('problems', 0, 'rank')]: 'first',
          [fieldName('comments')]: 'x'.repeat(2500),
        })
        .expect(303)
        .expect('Location', `/s/${inv.token}?saved=1`);
      const saved = await responseOf(db, inv.invitationId);
      expect(saved?.status).toBe('partial');
      expect(saved?.submitted_at).toBeNull();
      expect(JSON.parse(saved!.answers)).toEqual({
        overall_satisfaction: '2',
        problems: [{ text: 'Deliveries come late', pick: '', rank: 'first' }],
        comments: 'x'.repeat(2500),
      });
      expect(await db.selectFrom('answer_value').selectAll().execute()).toHaveLength(0);

      const resumed = await request(app).get(`/s/${inv.token}`).expect(200);
      expect(resumed.text).toContain('Welcome back');
      expect(resumed.text).toMatch(/id="a__overall_satisfaction__2" name="a__overall_satisfaction" value="2" checked/);
      expect(resumed.text).toContain('>Deliveries come late</textarea>');
      expect(resumed.text).toContain('value="first"');
    });

    it('confirms the save after the redirect', async () => {
      const inv = await createInvitation(db);
      const res = await request(app).get(`/s/${inv.token}?saved=1`).expect(200);
      expect(res.text).toContain('Your answers are saved');
    });
  });

  describe('submitting', () => {
    it('re-renders with 422, an error summary naming each question and linking to its label, the message beside the field and every value kept', async () => {
      const inv = await createInvitation(db, { contactLanguage: 'sv' });
      const { agent, csrf } = await openLink(app, inv.token);
      const form = validForm(inv.snapshot, {
        overrides: {
          [fieldName('overall_satisfaction')]: undefined,
          [fieldName('problems', 0, 'rank')]: '1',
          [fieldName('problems', 1, 'rank')]: '1',
          [fieldName('comments')]: 'y'.repeat(2001),
        },
      });
      const res = await agent.post(`/s/${inv.token}`).type('form').send({ ...form, _csrf: csrf, action: 'submit', lang: 'sv' }).expect(422);
      expect(res.text).toContain('<html lang="sv">');
      expect(res.text).toContain('Kontrollera de här svaren');
      expect(res.text).toContain('<a href="#a__overall_satisfaction-label">Svara på: Hur nöjd är du totalt sett med oss som leverantör?</a>');
      expect(res.text).toContain('<a href="#a__problems-label">Vilka problem upplever du i samarbetet med oss? – Två problem har samma nummer.');
      // A long question is shortened at a word.
      expect(res.text).toContain('<a href="#a__comments-label">Är det något mer du vill berätta för oss – om vad vi gör… – Använd högst 2000 tecken. Du har skrivit 2001.</a>');
      // Each link's target is the question's label or legend, which can take the focus.
      expect(res.text).toContain('<legend class="q__text" id="a__overall_satisfaction-label" tabindex="-1">Hur nöjd är du totalt sett med oss som leverantör?');
      expect(res.text).toContain('<label class="q__text" for="a__comments" id="a__comments-label" tabindex="-1">');
      expect(res.text).toContain('Besvara den här frågan.');
      expect(res.text).toContain('id="a__overall_satisfaction__1-error"');
      expect(res.text).toContain('id="a__problems__1__rank-error"');
      expect(res.text).toMatch(/aria-describedby="[^"]*a__problems__1__rank-error[^"]*"[^>]*aria-invalid="true"/);
      expect(res.text).toMatch(/aria-describedby="[^"]*a__comments-error"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('y'.repeat(2001));
      expect(res.text).toContain('>Deliveries arrive late</textarea>');
      expect(res.text).toMatch(/id="a__nps__9" name="a__nps" value="9" checked/);
      expect(await responseOf(db, inv.invitationId)).toBeUndefined();
    });

    it('stores a valid submission with its answer rows and shows the thank-you page on the same link', async () => {
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(app, inv.token);
      const form = validForm(inv.snapshot, {
        problems: ['Deliveries arrive late', 'Invoices are hard to read'],
        overrides: {
          [fieldName('rating_support')]: 'na',
          [fieldName('problems', 2, 'pick')]: String(categories[2]),
          [fieldName('problems', 2, 'rank')]: '1',
          [fieldName('problems', 0, 'rank')]: '2',
          [fieldName('problems', 1, 'rank')]: '3',
          [fieldName('problem_rating', categories[0]!, 'frequency')]: '5',
          [fieldName('problem_rating', categories[0]!, 'bother')]: '3',
          [fieldName('problem_rating', categories[1]!, 'frequency')]: undefined,
          [fieldName('problem_rating', categories[1]!, 'bother')]: undefined,
        },
      });
      await agent.post(`/s/${inv.token}`).type('form').send({ ...form, _csrf: csrf, action: 'submit', lang: 'en' }).expect(303).expect('Location', `/s/${inv.token}`);

      const saved = await responseOf(db, inv.invitationId);
      expect(saved).toMatchObject({ status: 'submitted', language: 'en', campaign_id: inv.campaignId, customer_id: inv.customerId });
      expect(saved?.submitted_at).not.toBeNull();

      const values = await db.selectFrom('answer_value').select(['question_id', 'value', 'choice', 'text']).where('response_id', '=', saved!.id).orderBy('id').execute();
      expect(values).toEqual(
        expect.arrayContaining([
          { question_id: 'overall_satisfaction', value: 4, choice: null, text: null },
          { question_id: 'nps', value: 9, choice: null, text: null },
          { question_id: 'rating_support', value: null, choice: 'na', text: null },
          { question_id: 'problems', value: 3, choice: null, text: null },
          { question_id: 'comments', value: null, choice: null, text: 'Keep up the good work.' },
        ]),
      );
      expect(values).toHaveLength(11);

      const mentions = await db.selectFrom('problem_mention').select(['rank', 'text', 'language', 'category_id', 'question_id']).orderBy('rank').execute();
      expect(mentions).toEqual([
        { rank: 1, text: 'Slow answers from support', language: 'en', category_id: categories[2], question_id: 'problems' },
        { rank: 2, text: 'Deliveries arrive late', language: 'en', category_id: null, question_id: 'problems' },
        { rank: 3, text: 'Invoices are hard to read', language: 'en', category_id: null, question_id: 'problems' },
      ]);

      const ratings = await db
        .selectFrom('problem_rating_answer')
        .select(['category_id', 'frequency', 'bother', 'is_frequent', 'is_bothersome'])
        .orderBy('category_id')
        .execute();
      expect(ratings).toEqual([
        { category_id: categories[0], frequency: 5, bother: 3, is_frequent: 1, is_bothersome: 0 },
        { category_id: categories[2], frequency: 4, bother: 2, is_frequent: 1, is_bothersome: 0 },
      ]);

      const thanks = await request(app).get(`/s/${inv.token}`).expect(200);
      expect(thanks.text).toContain('Thank you for your answers');
      expect(thanks.text).toContain('Change my answers');
    });

    it('ranks problems without JavaScript by their rank fields, closing gaps, in any slot order', async () => {
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(app, inv.token);
      const form = validForm(inv.snapshot, {
        problems: ['A', 'B', 'C'],
        overrides: { [fieldName('problems', 0, 'rank')]: '5', [fieldName('problems', 1, 'rank')]: '2', [fieldName('problems', 2, 'rank')]: '4' },
      });
      await agent.post(`/s/${inv.token}`).type('form').send({ ...form, _csrf: csrf, action: 'submit' }).expect(303);
      const mentions = await db.selectFrom('problem_mention').select(['rank', 'text']).orderBy('rank').execute();
      expect(mentions).toEqual([
        { rank: 1, text: 'B' },
        { rank: 2, text: 'C' },
        { rank: 3, text: 'A' },
      ]);
    });

    it('lets the respondent change submitted answers, replacing the rows and keeping a coded, unchanged problem', async () => {
      const inv = await createInvitation(db);
      const manager = await db
        .insertInto('user')
        .values({ email: 'qm@example.com', name: 'QM', role: 'manager', password_hash: 'x', created_at: '2026-01-01', updated_at: '2026-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { agent, csrf } = await openLink(app, inv.token);
      await agent
        .post(`/s/${inv.token}`)
        .type('form')
        .send({ ...validForm(inv.snapshot, { problems: ['Late trucks', 'Invoices are wrong'] }), _csrf: csrf, action: 'submit' })
        .expect(303);
      const before = await db.selectFrom('problem_mention').select(['id', 'text']).orderBy('rank').execute();
      await db.updateTable('problem_mention').set({ category_id: categories[0], coded_by: manager.id, coded_at: '2026-01-02' }).where('id', '=', before[0]!.id).execute();

      const edit = await agent.get(`/s/${inv.token}?edit=1`).expect(200);
      expect(edit.text).toContain('>Late trucks</textarea>');
      expect(edit.text).toContain('Send my changed answers');
      expect(edit.text).not.toContain('Save and continue later');
      await agent
        .post(`/s/${inv.token}`)
        .type('form')
        .send({
          ...validForm(inv.snapshot, { problems: ['Nobody answers the phone', 'Late trucks'], overrides: { [fieldName('overall_satisfaction')]: '1' } }),
          _csrf: csrfFrom(edit.text),
          action: 'submit',
        })
        .expect(303);

      expect(await db.selectFrom('response').selectAll().execute()).toHaveLength(1);
      const after = await db.selectFrom('problem_mention').select(['id', 'text', 'rank', 'category_id', 'coded_by']).orderBy('rank').execute();
      expect(after).toEqual([
        expect.objectContaining({ text: 'Nobody answers the phone', rank: 1, category_id: null }),
        { id: before[0]!.id, text: 'Late trucks', rank: 2, category_id: categories[0], coded_by: manager.id },
      ]);
      const overall = await db.selectFrom('answer_value').select('value').where('question_id', '=', 'overall_satisfaction').execute();
      expect(overall).toEqual([{ value: 1 }]);
    });

    it('keeps exactly one response and one set of answer rows under two concurrent submits', async () => {
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(app, inv.token);
      const body = { ...validForm(inv.snapshot), _csrf: csrf, action: 'submit' };
      const results = await Promise.all([
        agent.post(`/s/${inv.token}`).type('form').send(body),
        agent.post(`/s/${inv.token}`).type('form').send(body),
        agent.post(`/s/${inv.token}`).type('form').send({ ...body, action: 'save' }),
      ]);
      expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
      expect(await db.selectFrom('response').selectAll().execute()).toEqual([expect.objectContaining({ status: 'submitted' })]);
      expect(await db.selectFrom('problem_mention').selectAll().execute()).toHaveLength(2);
      const counts = await db.selectFrom('answer_value').select('question_id').where('question_id', '=', 'nps').execute();
      expect(counts).toHaveLength(1);
    });

    it('refuses a form with a field the survey does not have and stores nothing', async () => {
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(app, inv.token);
      await agent
        .post(`/s/${inv.token}`)
        .type('form')
        .send({ ...validForm(inv.snapshot), [fieldName('favourite_colour')]: 'blue', _csrf: csrf, action: 'submit' })
        .expect(400);
      await agent
        .post(`/s/${inv.token}`)
        .type('form')
        .send({ ...validForm(inv.snapshot), [fieldName('problems', 5, 'text')]: 'a sixth problem', _csrf: csrf, action: 'save' })
        .expect(400);
      expect(await responseOf(db, inv.invitationId)).toBeUndefined();
    });

    it('rejects out-of-range scale values, unknown catalogue picks and the same problem picked twice', async () => {
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(app, inv.token);
      const res = await agent
        .post(`/s/${inv.token}`)
        .type('form')
        .send({
          ...validForm(inv.snapshot, {
            problems: [],
            overrides: {
              [fieldName('nps')]: '11',
              [fieldName('problems', 0, 'pick')]: '99999',
              [fieldName('problems', 0, 'rank')]: '1',
              [fieldName('problems', 1, 'pick')]: String(categories[0]),
              [fieldName('problems', 1, 'rank')]: '2',
              [fieldName('problems', 2, 'pick')]: String(categories[0]),
              [fieldName('problems', 2, 'rank')]: '3',
              [fieldName('problem_rating', categories[0]!, 'bother')]: '7',
            },
          }),
          _csrf: csrf,
          action: 'submit',
        })
        .expect(422);
      expect(res.text).toMatch(/<a href="#a__nps-label">[^<]+ – Choose one of the numbers from 0 to 10.<\/a>/);
      expect(res.text).toMatch(/<a href="#a__problems-label">What problems do you experience when working with us\? – Pick a problem from the list. You have picked this problem twice./);
      expect(res.text).toMatch(/<a href="#a__problem_rating-label">[^<]+ – Choose one of the numbers from 1 to 5.<\/a>/);
      // Beside the fields, each message is where it was.
      expect(res.text).toContain('id="a__problems__0__pick-error"');
      expect(res.text).toContain('id="a__problems__2__pick-error"');
      expect(res.text).toContain(`id="a__problem_rating__${categories[0]}__frequency__1-error"`);
      expect(await responseOf(db, inv.invitationId)).toBeUndefined();
    });

    it('requires at least one problem in a required problem list', async () => {
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(app, inv.token);
      const res = await agent.post(`/s/${inv.token}`).type('form').send({ ...validForm(inv.snapshot, { problems: [] }), _csrf: csrf, action: 'submit' }).expect(422);
      expect(res.text).toContain('<a href="#a__problems-label">Answer: What problems do you experience when working with us?</a>');
    });

    it('refuses a post without the CSRF token', async () => {
      const inv = await createInvitation(db);
      await request(app).post(`/s/${inv.token}`).type('form').send({ ...validForm(inv.snapshot), action: 'submit' }).expect(403);
      expect(await responseOf(db, inv.invitationId)).toBeUndefined();
    });

    it('refuses a body larger than 200 kB', async () => {
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(app, inv.token);
      await agent
        .post(`/s/${inv.token}`)
        .type('form')
        .send({ _csrf: csrf, action: 'save', [fieldName('comments')]: 'z'.repeat(210_000) })
        .expect(413);
      expect(await responseOf(db, inv.invitationId)).toBeUndefined();
    });

    it('runs submission hooks inside the transaction with the validated answers', async () => {
      const seen: unknown[] = [];
      const hook: SubmissionHook = async (trx, submitted) => {
        const row = await trx.selectFrom('response').select('status').where('id', '=', submitted.responseId).executeTakeFirstOrThrow();
        seen.push({ status: row.status, nps: submitted.answers.nps, isResubmission: submitted.isResubmission });
      };
      const hooked = createTestApp(db, { deps: { submissionHooks: [hook] } as never });
      const inv = await createInvitation(db);
      const { agent, csrf } = await openLink(hooked, inv.token);
      await agent.post(`/s/${inv.token}`).type('form').send({ ...validForm(inv.snapshot), _csrf: csrf, action: 'submit' }).expect(303);
      expect(seen).toEqual([{ status: 'submitted', nps: { type: 'nps', value: 9 }, isResubmission: false }]);
    });
  });

  describe('closed, unknown and revoked links', () => {
    async function expectClosed(inv: InvitationFixture) {
      const res = await request(app).get(`/s/${inv.token}`).expect(200);
      expect(res.text).toContain('This survey is closed');
      expect(res.text).not.toContain('name="_csrf"');
      const agent = request.agent(app);
      // The closed page has no form; the link's own form token is what a stale open form would carry.
      const csrf = linkCsrfToken(testConfig().sessionSecret!, inv.token);
      const refused = await agent.post(`/s/${inv.token}`).type('form').send({ ...validForm(inv.snapshot), _csrf: csrf, action: 'submit' }).expect(409);
      expect(refused.text).toContain('This survey is closed');
      expect(await responseOf(db, inv.invitationId)).toBeUndefined();
    }

    it('shows a closed page when the campaign is closed', async () => {
      await expectClosed(await createInvitation(db, { campaignStatus: 'closed' }));
    });

    it('shows a closed page once closes_at has passed, and then accepts no more changes', async () => {
      let now = new Date('2026-03-01T10:00:00Z');
      const clocked = createTestApp(db, { clock: () => now });
      const inv = await createInvitation(db, { now, closesAt: new Date('2026-03-10T00:00:00Z') });
      const { agent, csrf } = await openLink(clocked, inv.token);
      await agent.post(`/s/${inv.token}`).type('form').send({ ...validForm(inv.snapshot), _csrf: csrf, action: 'submit' }).expect(303);
      now = addDays(now, 10);
      const closed = await agent.get(`/s/${inv.token}`).expect(200);
      expect(closed.text).toContain('The survey closed on 10 March 2026');
      expect(closed.text).toContain('Your answers were received');
      await agent
        .post(`/s/${inv.token}`)
        .type('form')
        .send({ ...validForm(inv.snapshot, { overrides: { [fieldName('nps')]: '0' } }), _csrf: csrf, action: 'submit' })
        .expect(409);
      const nps = await db.selectFrom('answer_value').select('value').where('question_id', '=', 'nps').execute();
      expect(nps).toEqual([{ value: 9 }]);
    });

    it('answers an unknown token with 404 and a page that names no customer or campaign, even one character off a real link', async () => {
      const inv = await createInvitation(db);
      const customer = await db.selectFrom('customer').select('name').where('id', '=', inv.customerId).executeTakeFirstOrThrow();
      const campaign = await db.selectFrom('campaign').select('name').where('id', '=', inv.campaignId).executeTakeFirstOrThrow();
      const nearMiss = inv.token.slice(0, -1) + (inv.token.endsWith('A') ? 'B' : 'A');
      const res = await request(app).get(`/s/${nearMiss}`).expect(404);
      expect(res.text).toContain('This link does not work');
      expect(res.text).toContain('Länken fungerar inte');
      expect(res.text).not.toContain(customer.name);
      expect(res.text).not.toContain(campaign.name);
      expect(res.text).not.toContain('Annual customer survey');
      const opened = await db.selectFrom('invitation').select('opened_at').where('id', '=', inv.invitationId).executeTakeFirstOrThrow();
      expect(opened.opened_at).toBeNull();
    });

    it('answers a revoked invitation with a page that says the link is no longer valid', async () => {
      const inv = await createInvitation(db, { isRevoked: true });
      const res = await request(app).get(`/s/${inv.token}`).expect(410);
      expect(res.text).toContain('This link is no longer valid');
      expect(res.text).not.toContain('Annual customer survey');
    });

    it('throttles repeated guessing from one address with 429, while a real link keeps opening there', async () => {
      const inv = await createInvitation(db);
      for (let i = 0; i < 20; i++) await request(app).get(`/s/guess${String(i).padStart(20, '0')}`).expect(404);
      const res = await request(app).get('/s/guessAAAAAAAAAAAAAAAAAAAAAAA').expect(429);
      expect(res.text).toContain('Too many attempts');
      await request(app).get(`/s/${inv.token}`).expect(200);
    });

    it('does not count a respondent’s own pages towards the limit', async () => {
      const inv = await createInvitation(db);
      for (let i = 0; i < 25; i++) await request(app).get(`/s/${inv.token}`).expect(200);
    });
  });
});

describe('respondent forms without a session', () => {
  it('accept a submission days later with the form token of the link, and refuse a token of another link', async () => {
    const db = await createTestDb();
    const app = createTestApp(db);
    const inv = await createInvitation(db);
    const other = await createInvitation(db);
    const page = await request(app).get(`/s/${inv.token}`).expect(200);
    // No session cookie is needed: the browser may have dropped it long ago.
    expect(([] as string[]).concat(page.headers['set-cookie'] ?? []).join()).not.toContain('pds.sid');
    const token = csrfFrom(page.text);
    await request(app).post(`/s/${inv.token}`).type('form').send({ ...validForm(inv.snapshot), _csrf: csrfFrom((await request(app).get(`/s/${other.token}`)).text), action: 'submit' }).expect(403);
    await request(app).post(`/s/${inv.token}`).type('form').send({ ...validForm(inv.snapshot), _csrf: token, action: 'submit' }).expect(303);
    const saved = await db.selectFrom('response').select('status').where('invitation_id', '=', inv.invitationId).executeTakeFirstOrThrow();
    expect(saved.status).toBe('submitted');
    await db.destroy();
  });
});
