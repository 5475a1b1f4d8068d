import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createCampaign, createCategory, createContact, createCustomer, createResponse } from '../support/analysis-factories';
import { createTicket } from '../support/ticket-factories';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { deliverOutbox } from '../mail/helpers';
import { findCurrentUser } from '../../src/accounts/user.repository';
import { updateTicket } from '../../src/tickets/ticket-update.service';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');

// A category's name is a translation per language: every page names it in its reader's language,
// every staff mail in its recipient's.
describe('category names in the reader’s language', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: { clock: () => NOW } }, (w) => ({ db, app } = w));

  const inLanguage = (user: { id: number }, language: string) => db.updateTable('user').set({ language }).where('id', '=', user.id).execute();

  /** A campaign whose account listed "Late delivery" first, routed to a ticket titled by its English name. */
  async function world() {
    const team = await createTeam(db, { name: 'Logistik' });
    const late = await createCategory(db, { en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering', teamId: team.id });
    const kam = await createUser(db, { role: 'kam' });
    const manager = await createUser(db, { role: 'manager' });
    await inLanguage(manager, 'sv');
    const customer = await createCustomer(db, { name: 'Bygg AB', kamUserId: kam.id });
    const contact = await createContact(db, customer.id, { name: 'Per', language: 'sv' });
    const campaign = await createCampaign(db, { name: 'Vår 2026', status: 'running', shape: { maxItems: 3 } });
    await createResponse(db, campaign.id, customer.id, { problems: [{ categoryId: late.id, rank: 1, text: 'Leveransen kom en vecka sent', language: 'sv' }] }, contact.id);
    const ticket = await createTicket(db, { teamId: team.id, campaignId: campaign.id, categoryId: late.id, title: 'Late delivery', dueDate: '2026-04-30' });
    return { team, late, manager, customer, campaign, ticket };
  }

  it('shows a Swedish manager "Sen leverans" on the tickets, the KAM account, the analysis account and the guess pages', async () => {
    const w = await world();
    const agent = await signedInAgent(app, w.manager);

    const list = await agent.get('/tickets').expect(200);
    expect(list.text).toContain(`#${w.ticket.id} Sen leverans`);
    expect(list.text).not.toContain('Late delivery');

    const ticket = await agent.get(`/tickets/${w.ticket.id}`).expect(200);
    expect(ticket.text).toContain(`<h1>#${w.ticket.id} Sen leverans</h1>`);
    expect(ticket.text).not.toContain('Late delivery');

    const kamPage = await agent.get(`/kam/accounts/${w.customer.id}`).expect(200);
    expect(kamPage.text).toContain('Sen leverans');
    expect(kamPage.text).not.toContain('Late delivery');

    const account = await agent.get(`/campaigns/${w.campaign.id}/accounts/${w.customer.id}`).expect(200);
    expect(account.text).toContain('Sen leverans');
    expect(account.text).not.toContain('Late delivery');

    // The guess round: a Swedish member guesses, the customers' list is revealed (stored with the
    // category's id), and both read in Swedish.
    const member = await createUser(db, { role: 'member', teamId: w.team.id });
    await inLanguage(member, 'sv');
    const roundUrl = `/campaigns/${w.campaign.id}/guess`;
    await agent.post(roundUrl).type('form').send({ _csrf: await csrfOf(agent, roundUrl), listSize: '5', userIds: [String(member.id)] }).expect(303);
    const round = await db.selectFrom('guess_round').select('id').where('campaign_id', '=', w.campaign.id).executeTakeFirstOrThrow();
    const guesser = await signedInAgent(app, member);
    await guesser.post(`/guesses/${round.id}`).type('form').send({ _csrf: await csrfOf(guesser, `/guesses/${round.id}`), place1: String(w.late.id) }).expect(303);
    await db.updateTable('campaign').set({ status: 'closed' }).where('id', '=', w.campaign.id).execute();
    await agent.post(`${roundUrl}/reveal`).type('form').send({ _csrf: await csrfOf(agent, roundUrl) }).expect(303);
    const stored = await db.selectFrom('guess_round').select('revealed_ranking').where('id', '=', round.id).executeTakeFirstOrThrow();
    expect(stored.revealed_ranking).toContain('Late delivery');

    const result = await guesser.get(`/guesses/${round.id}`).expect(200);
    expect(result.text).toContain('Sen leverans');
    expect(result.text).not.toContain('Late delivery');
    const results = await agent.get(roundUrl).expect(200);
    expect(results.text).toContain('Sen leverans');
    expect(results.text).not.toContain('Late delivery');
  });

  it('keeps English for an English reader, and a title that is not the category’s name as stored', async () => {
    const w = await world();
    const english = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(app, english);
    expect((await agent.get(`/tickets/${w.ticket.id}`).expect(200)).text).toContain(`<h1>#${w.ticket.id} Late delivery</h1>`);

    const other = await createCategory(db, { en: 'Rude drivers', sv: 'Otrevliga chaufförer', da: 'Uhøflige chauffører', teamId: w.team.id });
    const renamed = await createTicket(db, { teamId: w.team.id, campaignId: w.campaign.id, categoryId: other.id, title: 'Drivers were rude' });
    const swedish = await signedInAgent(app, w.manager);
    expect((await swedish.get(`/tickets/${renamed.id}`).expect(200)).text).toContain(`<h1>#${renamed.id} Drivers were rude</h1>`);
  });

  describe('staff mails', () => {
    let sink: SmtpSink;
    beforeEach(async () => {
      sink = await startSmtpSink(() => 'accept', { keepRaw: true });
    });
    afterEach(() => sink.close());

    it('names "Forsinket levering" in the ticket mail to a Danish member', async () => {
      const w = await world();
      const dane = await createUser(db, { role: 'member', teamId: w.team.id, email: 'dorte@loop.example' });
      await inLanguage(dane, 'da');
      const manager = await findCurrentUser(db, w.manager.id);
      await updateTicket(db, manager!, w.ticket.id, { assigneeId: dane.id }, { now: NOW, baseUrl: 'http://loop.test' });

      await deliverOutbox(db, sink, NOW);
      const { simpleParser } = await import('mailparser');
      const raw = sink.accepted.find((m) => m.to[0] === 'dorte@loop.example')!;
      const mail = await simpleParser(raw.raw);
      expect(mail.subject).toContain('Forsinket levering');
      expect(mail.text).toContain('Forsinket levering');
      expect(mail.text).not.toContain('Late delivery');
    });
  });
});
