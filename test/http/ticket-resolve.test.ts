import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createReporter, createTeamWithTwoCategories, createTicket } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');
const BASE_URL = 'http://loop.example.com';
const NOTE = { note_en: 'We rebuilt the invoice run.', note_sv: 'Vi har byggt om fakturakörningen.', note_da: '' };

describe('resolving from the page: the follow-up mails are shown before anything is sent', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function setup() {
    const { team, member, campaign, invoicing, delivery } = await createTeamWithTwoCategories(db);
    await createReporter(db, campaign.id, { language: 'sv', email: 'anna@kund.se', name: 'Anna', mentions: [{ categoryId: invoicing.id, rank: 1, text: 'Fakturan <b>alltid</b> fel' }] });
    await createReporter(db, campaign.id, { language: 'sv', email: 'bengt@kund.se', name: 'Bengt', mentions: [{ categoryId: invoicing.id, rank: 2, text: 'Sena fakturor' }] });
    await createReporter(db, campaign.id, { language: 'en', email: 'carl@example.com', name: 'Carl', mentions: [{ categoryId: invoicing.id, rank: 1, text: 'Invoices arrive late' }] });
    await createReporter(db, campaign.id, { language: 'en', email: 'gone@example.com', optedOut: true, mentions: [{ categoryId: invoicing.id, rank: 1, text: 'Opted out' }] });
    await createReporter(db, campaign.id, { language: 'en', email: 'trucks@example.com', mentions: [{ categoryId: delivery.id, rank: 1, text: 'Trucks late' }] });
    const ticket = await createTicket(db, { teamId: team.id, campaignId: campaign.id, categoryId: invoicing.id, status: 'in_progress' });
    const app = createTestApp(db, { clock: () => NOW, config: { baseUrl: BASE_URL } });
    return { team, member, campaign, invoicing, ticket, app };
  }
  const saved = (id: number) => db.selectFrom('ticket').select(['status', 'resolution_note', 'resolved_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const outbox = () => db.selectFrom('outbox').select(['kind', 'to_email', 'text_body']).orderBy('to_email').execute();

  it('saves the note, shows each reporter\'s mail in their language with the counts, and sends only on confirmation', async () => {
    const { member, ticket, app } = await setup();
    const agent = await signedInAgent(app, member);
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);

    await agent.post(`/tickets/${ticket.id}/status`).type('form').send({ _csrf, status: 'resolved', ...NOTE }).expect(303).expect('Location', `/tickets/${ticket.id}/resolve`);

    const row = await saved(ticket.id);
    expect({ ...row, resolution_note: JSON.parse(row!.resolution_note) }).toEqual({ status: 'in_progress', resolution_note: { en: NOTE.note_en, sv: NOTE.note_sv }, resolved_at: null });
    expect(await outbox()).toEqual([]);

    const page = await agent.get(`/tickets/${ticket.id}/resolve`).expect(200);
    await agent.get(`/tickets/${ticket.id}/resolve`).expect(200);
    expect(page.text).toContain('3 contacts will get this mail: 2 in Swedish, 1 in English; 1 opted out and will not.');
    expect(page.text).toMatch(/In Swedish: 2 contacts[\s\S]*Anna &lt;anna@kund.se&gt;[\s\S]*Du tyckte till – så här har vi gjort[\s\S]*Hej Anna,[\s\S]*&gt; Fakturan &lt;b&gt;alltid&lt;\/b&gt; fel[\s\S]*Vi har byggt om fakturakörningen\.[\s\S]*Bengt[\s\S]*Sena fakturor/);
    expect(page.text).toMatch(/In English: 1 contact[\s\S]*Hello Carl,[\s\S]*Invoices arrive late[\s\S]*We rebuilt the invoice run\./);
    expect(page.text).not.toContain('In Danish');
    expect(page.text).not.toContain('Trucks late');
    expect(page.text).toMatch(/Not mailed[\s\S]*gone@example.com&gt;: opted out of our mails/);
    expect(page.text).not.toContain('<b>alltid</b>');
    expect(await outbox()).toEqual([]);
    expect(await db.selectFrom('followup').selectAll().execute()).toEqual([]);
    expect((await saved(ticket.id)).status).toBe('in_progress');

    await agent
      .post(`/tickets/${ticket.id}/resolve`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), digest: /name="digest" value="([^"]+)"/.exec(page.text)![1] })
      .expect(303)
      .expect('Location', `/tickets/${ticket.id}`);

    expect((await saved(ticket.id)).status).toBe('resolved');
    const mails = await outbox();
    expect(mails.map((m) => [m.kind, m.to_email])).toEqual([
      ['followup', 'anna@kund.se'],
      ['followup', 'bengt@kund.se'],
      ['followup', 'carl@example.com'],
    ]);
    expect(mails[0]!.text_body).toContain('Fakturan <b>alltid</b> fel');
    const after = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(after.text).toContain('Ticket moved to resolved. 3 follow-up mails queued to the customers who reported it.');
    expect(after.text).toContain('3 sent, 0 answered, 0 said it helped.');
  });

  it('refuses a confirmation when someone else reported the problem since the preview, and sends nothing', async () => {
    const { member, campaign, invoicing, ticket, app } = await setup();
    const agent = await signedInAgent(app, member);
    await agent.post(`/tickets/${ticket.id}/status`).type('form').send({ _csrf: await csrfOf(agent, `/tickets/${ticket.id}`), status: 'resolved', ...NOTE }).expect(303);
    const page = await agent.get(`/tickets/${ticket.id}/resolve`).expect(200);
    await createReporter(db, campaign.id, { language: 'en', email: 'late@example.com', mentions: [{ categoryId: invoicing.id, rank: 1, text: 'Me too' }] });

    const res = await agent
      .post(`/tickets/${ticket.id}/resolve`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), digest: /name="digest" value="([^"]+)"/.exec(page.text)![1] })
      .expect(422);

    expect(res.text).toContain('changed since you looked');
    expect(res.text).toContain('4 contacts will get this mail: 2 in English, 2 in Swedish; 1 opted out and will not.');
    expect((await saved(ticket.id)).status).toBe('in_progress');
    expect(await outbox()).toEqual([]);
  });

  it('shows no confirmation while the note lacks a language the reporters read', async () => {
    const { member, ticket, app } = await setup();
    const agent = await signedInAgent(app, member);
    const page = await agent.get(`/tickets/${ticket.id}/resolve`).expect(200);
    expect(page.text).toContain('The note is not written in English, Swedish yet');
    expect(page.text).not.toContain('name="digest"');

    await agent.post(`/tickets/${ticket.id}/resolve`).type('form').send({ _csrf: csrfFrom(page.text), digest: 'x' }).expect(422);
    expect((await saved(ticket.id)).status).toBe('in_progress');
    expect(await outbox()).toEqual([]);
  });

  it('hides the preview and the confirmation of another team\'s ticket (404), and a confirmation without the form token is refused', async () => {
    const { member, ticket, app } = await setup();
    const outsider = await createUser(db, { role: 'member', teamId: (await createTeam(db)).id });
    const agent = await signedInAgent(app, outsider);
    await agent.get(`/tickets/${ticket.id}/resolve`).expect(404);
    await agent.post(`/tickets/${ticket.id}/resolve`).type('form').send({ _csrf: await csrfOf(agent, '/tickets'), digest: 'x' }).expect(404);

    const own = await signedInAgent(app, member);
    await own.get(`/tickets/${ticket.id}`).expect(200);
    await own.post(`/tickets/${ticket.id}/resolve`).type('form').send({ digest: 'x' }).expect(403);
    expect((await saved(ticket.id)).status).toBe('in_progress');
    expect(await outbox()).toEqual([]);
  });
});
