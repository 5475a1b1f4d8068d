import request from 'supertest';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Db } from '../../src/db/database';
import { MailWorker } from '../../src/jobs/mail-worker';
import { smtpTransport, type MailTransport } from '../../src/mail/transport';
import { createTestApp, csrfFrom, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import type { SmtpSink } from '../support/smtp-sink';
import { createApiKey, createCampaign, createCategory, createReporter, createTeamWithTwoCategories, createTicket } from '../support/ticket-factories';
import { updateFollowupAnswer } from '../../src/tickets/followup.repository';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');
// http: an https BASE_URL turns on Secure cookies, which supertest's plain-http agent would not send back.
const BASE_URL = 'http://loop.example.com';
const NOTE = { en: 'We rebuilt the invoice run.', sv: 'Vi har byggt om fakturakörningen.', da: 'Vi har bygget fakturakørslen om.' };

describe('closing the loop: "you said, we did" follow-ups', () => {
  let db: Db;
  let sink: SmtpSink;
  let transport: MailTransport;
  eachTestGets({ sink: true }, (w) => ({ db, sink } = w));
  beforeEach(() => {
    transport = smtpTransport(sink.url, { maxConnections: 1, timeoutMs: 5000 });
  });
  afterEach(async () => {
    transport.close();
  });

  const deliver = () =>
    new MailWorker({ db, transport, secret: 'test', from: { name: 'PDS Loop', address: 'loop@example.com' }, rate: 1000, retrySeconds: 60 }).drain(NOW);
  const received = async (): Promise<ParsedMail[]> => Promise.all(sink.accepted.map((m) => simpleParser(m.raw)));
  const tokenIn = (mail: ParsedMail) => /\/f\/([A-Za-z0-9_-]+)\?answer=yes/.exec(mail.text ?? '')![1]!;

  async function setup() {
    const { team, member, campaign, invoicing, delivery } = await createTeamWithTwoCategories(db);
    const swede = await createReporter(db, campaign.id, {
      language: 'sv',
      email: 'anna@kund.se',
      name: 'Anna',
      mentions: [
        { categoryId: invoicing.id, rank: 1, text: 'Fakturan <b>alltid</b> fel & sen' },
        { categoryId: invoicing.id, rank: 3, text: 'Kreditnotor saknas' },
      ],
    });
    const dane = await createReporter(db, campaign.id, { language: 'da', email: 'bo@kunde.dk', mentions: [{ categoryId: invoicing.id, rank: 2, text: 'Fakturaen er forkert' }] });
    await createReporter(db, campaign.id, { language: 'en', email: 'gone@example.com', optedOut: true, mentions: [{ categoryId: invoicing.id, rank: 1, text: 'Opted out' }] });
    const suppressed = await createReporter(db, campaign.id, { language: 'en', email: 'bounced@example.com', mentions: [{ categoryId: invoicing.id, rank: 1 }] });
    await db.insertInto('suppression').values({ email: suppressed.email, reason: '550 no such user', created_at: NOW.toISOString() }).execute();
    await createReporter(db, campaign.id, { language: 'en', email: 'other@example.com', mentions: [{ categoryId: delivery.id, rank: 1, text: 'Trucks late' }] });
    const ticket = await createTicket(db, { teamId: team.id, campaignId: campaign.id, categoryId: invoicing.id, status: 'in_progress' });
    const app = createTestApp(db, { clock: () => NOW, config: { baseUrl: BASE_URL } });
    const key = await createApiKey(db, member.id);
    return { app, key, ticket, swede, dane };
  }

  it('mails exactly the contacts who mentioned the category, once each, in their language, never opted-out or suppressed ones', async () => {
    const { app, key, ticket } = await setup();

    await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status: 'resolved', resolutionNote: NOTE }).expect(200);
    await deliver();

    const mails = await received();
    expect(mails.map((m) => (m.to as { value: { address: string }[] }).value[0]!.address).sort()).toEqual(['anna@kund.se', 'bo@kunde.dk']);
    const anna = mails.find((m) => m.text?.includes('Anna'))!;
    expect(anna.subject).toBe('Du tyckte till – så här har vi gjort');
    expect(anna.text).toContain('Fakturan <b>alltid</b> fel & sen');
    expect(anna.text).toContain('Kreditnotor saknas');
    expect(anna.text).toContain(NOTE.sv);
    expect(anna.text).toMatch(new RegExp(`${BASE_URL}/f/[A-Za-z0-9_-]{22,}\\?answer=yes`));
    expect(anna.html).toContain('Fakturan &lt;b&gt;alltid&lt;/b&gt; fel &amp; sen');
    expect(anna.html).not.toContain('<b>alltid</b>');
    // "Did this help?" as two buttons, yes then no.
    expect(anna.html).toMatch(/Hjälpte det\?<\/p>.*<a class="btn-link" href="[^"]+\?answer=yes"[^>]*>Ja<\/a>.*<a class="btn-link" href="[^"]+\?answer=no"[^>]*>Nej<\/a>/s);
    const bo = mails.find((m) => m.text?.includes('Fakturaen er forkert'))!;
    expect(bo.subject).toBe('Du sagde det – det har vi gjort');
    expect(bo.text).toContain(NOTE.da);
    expect(bo.text).not.toContain('Fakturan');

    // Only the hash of each link token is stored.
    const stored = await db.selectFrom('followup').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(tokenIn(anna));
    // The outbox keeps the placeholder, never the link.
    const bodies = await db.selectFrom('outbox').select(['text_body', 'html_body']).where('kind', '=', 'followup').execute();
    expect(JSON.stringify(bodies)).not.toContain(tokenIn(anna));
    expect(bodies[0]!.text_body).toContain('/f/[[pds-token]]?answer=yes');

    // Resolving again mails nobody again.
    for (const status of ['reopened', 'in_progress', 'resolved']) {
      await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status }).expect(200);
    }
    await deliver();
    expect(sink.accepted).toHaveLength(2);

    const detail = await request(app).get(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).expect(200);
    expect(detail.body.followups).toEqual({ sent: 2, answered: 0, helpful: 0 });
  });

  it('shows the helpfulness form on GET without recording anything, and records the answer on POST', async () => {
    const { app, key, ticket } = await setup();
    await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status: 'resolved', resolutionNote: NOTE }).expect(200);
    await deliver();
    const anna = (await received()).find((m) => m.text?.includes('Anna'))!;
    const token = tokenIn(anna);
    const before = await db.selectFrom('followup').selectAll().orderBy('id').execute();

    const agent = request.agent(app);
    const page = await agent.get(`/f/${token}?answer=yes`).expect(200);
    await agent.get(`/f/${token}?answer=no`).expect(200);
    expect(page.text).toContain('Hjälpte det?');
    expect(page.text).toContain(NOTE.sv);
    expect(page.text).toMatch(/value="yes" checked/);
    expect(await db.selectFrom('followup').selectAll().orderBy('id').execute()).toEqual(before);

    await agent.post(`/f/${token}`).type('form').send({ answer: 'yes' }).expect(403);
    expect(await db.selectFrom('followup').selectAll().orderBy('id').execute()).toEqual(before);

    await agent.post(`/f/${token}`).type('form').send({ _csrf: csrfFrom(page.text), answer: 'yes' }).expect(303).expect('Location', `/f/${token}?done=1`);
    const answered = await db.selectFrom('followup').innerJoin('contact', 'contact.id', 'followup.contact_id').select(['contact.email', 'followup.is_helpful', 'followup.answered_at']).where('followup.answered_at', 'is not', null).execute();
    expect(answered).toEqual([{ email: 'anna@kund.se', is_helpful: 1, answered_at: NOW.toISOString() }]);

    const detail = await request(app).get(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).expect(200);
    expect(detail.body.followups).toEqual({ sent: 2, answered: 1, helpful: 1 });
  });

  it('answers 404 to an unknown follow-up link', async () => {
    const { app } = await setup();
    await request(app).get('/f/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
  });

  it('shows follow-ups sent and answers received on the ticket page', async () => {
    const { app, key, ticket } = await setup();
    await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status: 'resolved', resolutionNote: NOTE }).expect(200);
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(app, manager);
    const page = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(page.text).toContain('2 sent, 0 answered, 0 said it helped.');
    expect(page.text).toMatch(/<td>Anna<\/td><td>Swedish<\/td>/);
  });

  describe('"No, it did not help"', () => {
    /** Resolves the ticket through the API, delivers the follow-ups and returns each reporter's link token, read from their mail. */
    async function resolved() {
      const s = await setup();
      await createUser(db, { role: 'manager', email: 'quality@example.com' });
      const retired = await createUser(db, { role: 'manager', email: 'retired@example.com' });
      await db.updateTable('user').set({ is_active: 0 }).where('id', '=', retired.id).execute();
      await request(s.app).patch(`/api/v1/tickets/${s.ticket.id}`).set('Authorization', s.key).send({ status: 'resolved', resolutionNote: NOTE }).expect(200);
      await deliver();
      const mails = await received();
      const tokenOf = (email: string) => tokenIn(mails.find((m) => (m.to as { value: { address: string }[] }).value[0]!.address === email)!);
      return { ...s, annaToken: tokenOf('anna@kund.se'), boToken: tokenOf('bo@kunde.dk') };
    }
    const alerts = () => db.selectFrom('outbox').select(['to_email', 'subject', 'text_body']).where('kind', '=', 'followup_not_helpful').orderBy('to_email').execute();
    const saved = () => db.selectFrom('followup').select(['is_helpful', 'comment', 'answered_at']).where('answered_at', 'is not', null).execute();

    it('asks for a comment after "No" without changing anything on GET, and on POST saves it and alerts the team and the quality managers', async () => {
      const { app, ticket, annaToken } = await resolved();
      const agent = request.agent(app);
      const before = await db.selectFrom('followup').selectAll().orderBy('id').execute();
      const outboxBefore = await db.selectFrom('outbox').selectAll().execute();

      const page = await agent.get(`/f/${annaToken}?answer=no`).expect(200);
      expect(page.text).toMatch(/value="no" checked/);
      expect(page.text).toMatch(/<label for="comment">Vad är fortfarande inte bra\?<\/label>/);
      expect(page.text).toContain('<textarea id="comment" name="comment"');
      expect(await db.selectFrom('followup').selectAll().orderBy('id').execute()).toEqual(before);
      expect(await db.selectFrom('outbox').selectAll().execute()).toEqual(outboxBefore);

      const _csrf = csrfFrom(page.text);
      await agent.post(`/f/${annaToken}`).type('form').send({ _csrf, answer: 'no', comment: 'Fakturan är <b>fortfarande</b> fel' }).expect(303).expect('Location', `/f/${annaToken}?done=1`);

      expect(await saved()).toEqual([{ is_helpful: 0, comment: 'Fakturan är <b>fortfarande</b> fel', answered_at: NOW.toISOString() }]);
      const mailed = await alerts();
      const team = await db.selectFrom('team').select('email').executeTakeFirstOrThrow();
      expect(mailed.map((m) => m.to_email)).toEqual(['quality@example.com', team.email].sort());
      expect(mailed[0]!.subject).toBe(`Did not help: ${(await db.selectFrom('ticket').select('title').executeTakeFirstOrThrow()).title}`);
      expect(mailed[0]!.text_body).toContain('Anna <anna@kund.se>');
      expect(mailed[0]!.text_body).toContain('Fakturan är <b>fortfarande</b> fel');
      expect(mailed[0]!.text_body).toContain(`${BASE_URL}/tickets/${ticket.id}`);

      const thanks = await agent.get(`/f/${annaToken}?done=1`).expect(200);
      expect(thanks.text).toContain('Tack. Vi har lämnat ditt svar vidare till teamet som arbetar med detta.');
      expect(thanks.text).toContain('Fakturan är &lt;b&gt;fortfarande&lt;/b&gt; fel</textarea>');

      // Sending the same answer again alerts nobody again.
      await agent.post(`/f/${annaToken}`).type('form').send({ _csrf, answer: 'no', comment: 'Fakturan är <b>fortfarande</b> fel' }).expect(303);
      expect(await alerts()).toHaveLength(2);

      const manager = await createUser(db, { role: 'manager' });
      const staff = await signedInAgent(app, manager);
      const ticketPage = await staff.get(`/tickets/${ticket.id}`).expect(200);
      expect(ticketPage.text).toMatch(/&#34;No, it did not help&#34;[\s\S]*<strong>Anna<\/strong>: <q>Fakturan är &lt;b&gt;fortfarande&lt;\/b&gt; fel<\/q>/);
      expect(ticketPage.text).toContain('a customer said it did not help');
    });

    it('alerts nobody for "Yes", and keeps no comment with it', async () => {
      const { app, annaToken } = await resolved();
      const agent = request.agent(app);
      const page = await agent.get(`/f/${annaToken}?answer=yes`).expect(200);
      await agent.post(`/f/${annaToken}`).type('form').send({ _csrf: csrfFrom(page.text), answer: 'yes', comment: 'Bra' }).expect(303);
      expect(await saved()).toEqual([{ is_helpful: 1, comment: null, answered_at: NOW.toISOString() }]);
      expect(await alerts()).toEqual([]);
    });

    it('re-renders a too long comment with 422 in the contact\'s language, keeping what was typed and saving nothing', async () => {
      const { app, boToken } = await resolved();
      const agent = request.agent(app);
      const page = await agent.get(`/f/${boToken}?answer=no`).expect(200);
      const res = await agent.post(`/f/${boToken}`).type('form').send({ _csrf: csrfFrom(page.text), answer: 'no', comment: 'x'.repeat(2001) }).expect(422);
      expect(res.text).toMatch(/id="comment-error"[^>]*>.*Hold venligst kommentaren under 2000 tegn/s);
      expect(res.text).toMatch(/value="no" checked/);
      expect(res.text).toContain('x'.repeat(2001));
      expect(await saved()).toEqual([]);
      expect(await alerts()).toEqual([]);
    });
  });

  describe('suggesting to reopen', () => {
    async function ticketAnswered(answers: boolean[]) {
      const team = await createTeam(db);
      const campaign = await createCampaign(db);
      const category = await createCategory(db, { teamId: team.id });
      for (let i = 0; i < answers.length; i++) await createReporter(db, campaign.id, { mentions: [{ categoryId: category.id, rank: 1, text: `Problem ${i}` }] });
      const ticket = await createTicket(db, { teamId: team.id, campaignId: campaign.id, categoryId: category.id, status: 'in_progress' });
      const member = await createUser(db, { role: 'member', teamId: team.id });
      const app = createTestApp(db, { clock: () => NOW });
      await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', await createApiKey(db, member.id)).send({ status: 'resolved', resolutionNote: { en: 'Done' } }).expect(200);
      const rows = await db.selectFrom('followup').select('id').orderBy('id').execute();
      for (let i = 0; i < answers.length; i++) await updateFollowupAnswer(db, rows[i]!.id, answers[i]!, NOW);
      return { agent: await signedInAgent(app, member), ticket };
    }

    it('suggests reopening once at least 3 answers, and at least half of them, say it did not help', async () => {
      const { agent, ticket } = await ticketAnswered([false, false, false, true, true, true]);
      const page = await agent.get(`/tickets/${ticket.id}`).expect(200);
      expect(page.text).toContain('3 of 6 customers who answered say it did not help.');
      expect(page.text).toMatch(/Consider reopening[\s\S]*name="status" value="reopened">\s*<button class="button" type="submit">Reopen the ticket<\/button>/);
      await agent.post(`/tickets/${ticket.id}/status`).type('form').send({ _csrf: csrfFrom(page.text), status: 'reopened' }).expect(303);
      expect((await db.selectFrom('ticket').select('status').executeTakeFirstOrThrow()).status).toBe('reopened');
    });

    it.each([
      ['two "No" answers', [false, false]],
      ['three "No" of seven', [false, false, false, true, true, true, true]],
    ])('does not suggest it for %s', async (_label, answers) => {
      const { agent, ticket } = await ticketAnswered(answers);
      const page = await agent.get(`/tickets/${ticket.id}`).expect(200);
      expect(page.text).not.toContain('say it did not help');
      expect(page.text).not.toContain('Reopen the ticket');
    });
  });
});
