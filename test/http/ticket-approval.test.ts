import request from 'supertest';
import { MailWorker } from '../../src/jobs/mail-worker';
import type { MailTransport, OutgoingMail } from '../../src/mail/transport';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createApiKey, createCampaign, createCategory, createReporter, createTicket, requireFollowupApproval } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');
const BASE_URL = 'http://loop.example.com';
const NOTE = { en: 'We rebuilt the invoice run.', sv: 'Vi har byggt om fakturakörningen.', da: 'Vi har bygget fakturakørslen om.' };

describe('follow-ups that need approval before they are sent', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  /** Anna (Swedish) is an account of KAM A, Bo (Danish) of KAM B, Carl (English) of an account without a KAM. */
  async function setup() {
    const team = await createTeam(db, { name: 'Billing', email: 'billing@example.com' });
    const member = await createUser(db, { role: 'member', teamId: team.id });
    const manager = await createUser(db, { role: 'manager', email: 'quality@example.com' });
    const kamA = await createUser(db, { role: 'kam', email: 'kam-a@example.com' });
    const kamB = await createUser(db, { role: 'kam', email: 'kam-b@example.com' });
    const campaign = await createCampaign(db);
    const invoicing = await createCategory(db, { en: 'Invoicing', teamId: team.id });
    await createReporter(db, campaign.id, { language: 'sv', email: 'anna@kund.se', name: 'Anna', kamUserId: kamA.id, customerName: 'Kund AB', mentions: [{ categoryId: invoicing.id, rank: 1, text: 'Fakturan fel' }] });
    await createReporter(db, campaign.id, { language: 'da', email: 'bo@kunde.dk', name: 'Bo', kamUserId: kamB.id, customerName: 'Kunde ApS', mentions: [{ categoryId: invoicing.id, rank: 1, text: 'Fakturaen er forkert' }] });
    await createReporter(db, campaign.id, { language: 'en', email: 'carl@example.com', name: 'Carl', customerName: 'Customer Ltd', mentions: [{ categoryId: invoicing.id, rank: 2, text: 'Late invoices' }] });
    const ticket = await createTicket(db, { teamId: team.id, campaignId: campaign.id, categoryId: invoicing.id, status: 'in_progress', title: 'Wrong invoices' });
    await requireFollowupApproval(db);
    const app = createTestApp(db, { clock: () => NOW, config: { baseUrl: BASE_URL } });
    return { team, member, manager, kamA, kamB, ticket, app };
  }

  const mails = async () => (await db.selectFrom('outbox').select(['kind', 'to_email']).orderBy('id').execute()).map((m) => [m.kind, m.to_email]);
  const followupMails = async () =>
    (await db.selectFrom('outbox').select(['to_email', 'text_body']).where('kind', '=', 'followup').orderBy('to_email').execute()).map((m) => m.to_email);
  const states = async () =>
    (
      await db
        .selectFrom('followup')
        .innerJoin('contact', 'contact.id', 'followup.contact_id')
        .select(['contact.email', 'followup.state', 'followup.sent_at'])
        .orderBy('contact.email')
        .execute()
    ).map((f) => [f.email, f.state, f.sent_at]);
  const digestOf = (html: string) => /name="digest" value="([^"]+)"/.exec(html)![1]!;

  async function resolveFromPage(app: ReturnType<typeof createTestApp>, member: { email: string; password: string }, ticketId: number) {
    const agent = await signedInAgent(app, member);
    await agent
      .post(`/tickets/${ticketId}/status`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/tickets/${ticketId}`), status: 'resolved', note_en: NOTE.en, note_sv: NOTE.sv, note_da: NOTE.da })
      .expect(303);
    const preview = await agent.get(`/tickets/${ticketId}/resolve`).expect(200);
    expect(preview.text).toContain('3 contacts will get this mail: 1 in English, 1 in Swedish, 1 in Danish.');
    expect(preview.text).toContain('a quality manager or the account&#39;s key account manager approves these mails before they are sent');
    await agent.post(`/tickets/${ticketId}/resolve`).type('form').send({ _csrf: csrfFrom(preview.text), digest: digestOf(preview.text) }).expect(303);
    return agent;
  }

  it('holds every follow-up until approved: no mail to a customer before, and each KAM releases exactly their accounts\' mails', async () => {
    const { member, manager, kamA, kamB, ticket, app } = await setup();

    const memberAgent = await resolveFromPage(app, member, ticket.id);

    expect(await followupMails()).toEqual([]);
    expect(await states()).toEqual([
      ['anna@kund.se', 'held', null],
      ['bo@kunde.dk', 'held', null],
      ['carl@example.com', 'held', null],
    ]);
    // The approvers are told; nobody else is mailed.
    expect((await mails()).sort()).toEqual(
      [
        ['followup_approval', 'kam-a@example.com'],
        ['followup_approval', 'kam-b@example.com'],
        ['followup_approval', 'quality@example.com'],
      ].sort(),
    );
    const ticketPage = await memberAgent.get(`/tickets/${ticket.id}`).expect(200);
    expect(ticketPage.text).toContain('3 follow-up mails wait for approval by a quality manager or the account&#39;s KAM; nothing was sent yet.');
    expect(ticketPage.text).toContain('0 sent, 0 answered, 0 said it helped.');
    expect(ticketPage.text).toContain('3 waiting for approval');

    // KAM A sees only Anna's mail and approves it.
    const a = await signedInAgent(app, kamA);
    const list = await a.get('/tickets/approvals').expect(200);
    expect(list.text).toMatch(/<a href="\/tickets\/approvals\/\d+">Wrong invoices<\/a>[\s\S]*Billing[\s\S]*<td class="num">1<\/td>/);
    const review = await a.get(`/tickets/approvals/${ticket.id}`).expect(200);
    expect(review.text).toContain('1 contact will get this mail: 1 in Swedish.');
    expect(review.text).toContain('Anna &lt;anna@kund.se&gt;');
    expect(review.text).toContain(NOTE.sv);
    expect(review.text).not.toContain('bo@kunde.dk');
    expect(review.text).not.toContain('carl@example.com');
    expect(review.text).not.toContain('Kunde ApS');
    await a.post(`/tickets/approvals/${ticket.id}/approve`).type('form').send({ _csrf: csrfFrom(review.text), digest: digestOf(review.text) }).expect(303).expect('Location', '/tickets/approvals');
    expect(await followupMails()).toEqual(['anna@kund.se']);
    expect(await states()).toEqual([
      ['anna@kund.se', 'sent', NOW.toISOString()],
      ['bo@kunde.dk', 'held', null],
      ['carl@example.com', 'held', null],
    ]);
    // Nothing of this ticket waits for KAM A any more.
    await a.get(`/tickets/approvals/${ticket.id}`).expect(404);
    expect((await a.get('/tickets/approvals').expect(200)).text).toContain('Nothing is waiting for you.');

    // The approved mail carries a working link of its own, put in when it is sent.
    const sent: OutgoingMail[] = [];
    const transport: MailTransport = { send: async (mail) => void sent.push(mail), close: () => undefined };
    await new MailWorker({ db, transport, secret: 'test', from: { name: 'PDS Loop', address: 'loop@example.com' }, rate: 1000, retrySeconds: 60 }).drain(new Date());
    const annaMail = sent.find((mail) => mail.to.address === 'anna@kund.se')!;
    const token = /\/f\/([A-Za-z0-9_-]+)\?answer=yes/.exec(annaMail.text)![1]!;
    await request(app).get(`/f/${token}`).expect(200);

    // KAM B may not approve Carl's mail (an account without a KAM): the quality manager approves the rest.
    const b = await signedInAgent(app, kamB);
    const bReview = await b.get(`/tickets/approvals/${ticket.id}`).expect(200);
    expect(bReview.text).toContain('1 contact will get this mail: 1 in Danish.');
    const m = await signedInAgent(app, manager);
    const mReview = await m.get(`/tickets/approvals/${ticket.id}`).expect(200);
    expect(mReview.text).toContain('2 contacts will get this mail: 1 in English, 1 in Danish.');
    await m.post(`/tickets/approvals/${ticket.id}/approve`).type('form').send({ _csrf: csrfFrom(mReview.text), digest: digestOf(mReview.text) }).expect(303);
    expect(await followupMails()).toEqual(['anna@kund.se', 'bo@kunde.dk', 'carl@example.com']);
    // KAM B's decision came too late: nothing waits for them, and nothing is sent twice.
    await b.post(`/tickets/approvals/${ticket.id}/approve`).type('form').send({ _csrf: csrfFrom(bReview.text), digest: digestOf(bReview.text) }).expect(404);
    expect(await followupMails()).toEqual(['anna@kund.se', 'bo@kunde.dk', 'carl@example.com']);

    const after = await memberAgent.get(`/tickets/${ticket.id}`).expect(200);
    expect(after.text).toContain('3 sent, 0 answered, 0 said it helped.');
    expect(after.text).not.toContain('waiting for approval by');
  });

  it('holds follow-ups of a ticket resolved through the API too', async () => {
    const { member, ticket, app } = await setup();
    const key = await createApiKey(db, member.id);
    const res = await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status: 'resolved', resolutionNote: NOTE }).expect(200);
    expect(res.body.followups).toEqual({ sent: 0, answered: 0, helpful: 0 });
    expect(await followupMails()).toEqual([]);
    expect((await states()).map((s) => s[1])).toEqual(['held', 'held', 'held']);
  });

  it('cannot approve the mails of a ticket that was reopened meanwhile (409), and sends nothing', async () => {
    const { member, manager, ticket, app } = await setup();
    const key = await createApiKey(db, member.id);
    await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status: 'resolved', resolutionNote: NOTE }).expect(200);
    const m = await signedInAgent(app, manager);
    const before = await m.get(`/tickets/approvals/${ticket.id}`).expect(200);
    await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status: 'reopened' }).expect(200);

    const page = await m.get(`/tickets/approvals/${ticket.id}`).expect(200);
    expect(page.text).toContain('The team reopened this ticket');
    expect(page.text).not.toContain('Approve and send the mails');
    await m.post(`/tickets/approvals/${ticket.id}/approve`).type('form').send({ _csrf: csrfFrom(before.text), digest: digestOf(before.text) }).expect(409);
    expect(await followupMails()).toEqual([]);
    expect((await states()).map((s) => s[1])).toEqual(['held', 'held', 'held']);
  });

  it('lets team members neither list nor approve follow-ups, and shows a KAM without accounts on the ticket nothing', async () => {
    const { member, ticket, app } = await setup();
    await resolveFromPage(app, member, ticket.id);
    const memberAgent = await signedInAgent(app, member);
    await memberAgent.get('/tickets/approvals').expect(403);
    await memberAgent.get(`/tickets/approvals/${ticket.id}`).expect(403);
    await memberAgent.post(`/tickets/approvals/${ticket.id}/approve`).type('form').send({ _csrf: await csrfOf(memberAgent, '/tickets'), digest: 'x' }).expect(403);

    const stranger = await createUser(db, { role: 'kam' });
    const kam = await signedInAgent(app, stranger);
    expect((await kam.get('/tickets/approvals').expect(200)).text).toContain('Nothing is waiting for you.');
    await kam.get(`/tickets/approvals/${ticket.id}`).expect(404);
    await kam.post(`/tickets/approvals/${ticket.id}/approve`).type('form').send({ _csrf: await csrfOf(kam, '/tickets/approvals'), digest: 'x' }).expect(404);
    await kam.post(`/tickets/approvals/${ticket.id}/reject`).type('form').send({ _csrf: await csrfOf(kam, '/tickets/approvals'), reason: 'No' }).expect(404);
    expect(await followupMails()).toEqual([]);
    expect((await states()).map((s) => s[1])).toEqual(['held', 'held', 'held']);
  });

  it('links the waiting follow-ups from the tickets list for quality managers only', async () => {
    const { member, manager, ticket, app } = await setup();
    await resolveFromPage(app, member, ticket.id);
    const m = await signedInAgent(app, manager);
    expect((await m.get('/tickets').expect(200)).text).toContain('<a href="/tickets/approvals">Follow-ups waiting for approval</a> (1 ticket)');
    const own = await signedInAgent(app, member);
    expect((await own.get('/tickets').expect(200)).text).not.toContain('/tickets/approvals');
  });

  it('sends nothing on a rejection, tells the team why, and holds the mails again when the team asks again', async () => {
    const { member, manager, ticket, app } = await setup();
    await resolveFromPage(app, member, ticket.id);
    const m = await signedInAgent(app, manager);
    const review = await m.get(`/tickets/approvals/${ticket.id}`).expect(200);

    const empty = await m.post(`/tickets/approvals/${ticket.id}/reject`).type('form').send({ _csrf: csrfFrom(review.text), reason: '  ' }).expect(422);
    expect(empty.text).toMatch(/id="reason-error"[^>]*>.*Say why the mails should not go out/s);
    expect((await states()).map((s) => s[1])).toEqual(['held', 'held', 'held']);

    await m.post(`/tickets/approvals/${ticket.id}/reject`).type('form').send({ _csrf: csrfFrom(review.text), reason: 'Say <when> it changes' }).expect(303);

    expect(await followupMails()).toEqual([]);
    expect((await states()).map((s) => s[1])).toEqual(['rejected', 'rejected', 'rejected']);
    const rejected = await db.selectFrom('outbox').select(['to_email', 'text_body']).where('kind', '=', 'followup_rejected').execute();
    expect(rejected.map((r) => r.to_email)).toEqual(['billing@example.com']);
    expect(rejected[0]!.text_body).toContain('Say <when> it changes');

    const own = await signedInAgent(app, member);
    const page = await own.get(`/tickets/${ticket.id}`).expect(200);
    expect(page.text).toContain('3 not approved:');
    expect(page.text).toContain('Say &lt;when&gt; it changes');
    await own.post(`/tickets/${ticket.id}/followups/resubmit`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
    expect((await states()).map((s) => s[1])).toEqual(['held', 'held', 'held']);
    expect((await mails()).filter(([kind]) => kind === 'followup_approval')).toHaveLength(6);
    expect(await followupMails()).toEqual([]);
  });

  it('refuses an approval when the note changed after the review page was shown', async () => {
    const { member, manager, ticket, app } = await setup();
    const own = await resolveFromPage(app, member, ticket.id);
    const m = await signedInAgent(app, manager);
    const review = await m.get(`/tickets/approvals/${ticket.id}`).expect(200);
    await own
      .post(`/tickets/${ticket.id}/details`)
      .type('form')
      .send({ _csrf: await csrfOf(own, `/tickets/${ticket.id}`), assigneeId: '', dueDate: '2026-04-01', note_en: 'We rebuilt it twice.', note_sv: NOTE.sv, note_da: NOTE.da })
      .expect(303);

    const res = await m.post(`/tickets/approvals/${ticket.id}/approve`).type('form').send({ _csrf: csrfFrom(review.text), digest: digestOf(review.text) }).expect(422);
    expect(res.text).toContain('changed since you looked');
    expect(res.text).toContain('We rebuilt it twice.');
    expect(await followupMails()).toEqual([]);
  });
});

describe('the approval setting (admin ticket settings)', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const stored = async () => (await db.selectFrom('setting').select('value').where('key', '=', 'followup_approval_required').executeTakeFirst())?.value;

  it('is off until an admin ticks it, and unticking turns it off again', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(createTestApp(db, { clock: () => NOW }), admin);
    const page = await agent.get('/admin/ticket-settings').expect(200);
    expect(page.text).toMatch(/name="requireApproval" value="1" aria-describedby="requireApproval-hint">/);

    await agent.post('/admin/ticket-settings').type('form').send({ _csrf: csrfFrom(page.text), dueDays: '30', requireApproval: '1' }).expect(303);
    expect(await stored()).toBe('1');
    expect((await agent.get('/admin/ticket-settings').expect(200)).text).toMatch(/name="requireApproval" value="1" aria-describedby="requireApproval-hint" checked>/);

    await agent.post('/admin/ticket-settings').type('form').send({ _csrf: csrfFrom(page.text), dueDays: '30' }).expect(303);
    expect(await stored()).toBe('0');
  });
});
