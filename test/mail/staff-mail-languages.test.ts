import type { Db } from '../../src/db/database';
import type { SmtpSink } from '../support/smtp-sink';
import { createTeam, createUser } from '../support/factories';
import { createCampaign, createContact, createCustomer, createResponse, createTicket } from '../support/ticket-factories';
import { deliverOutbox } from './helpers';
import { findCurrentUser, updateUser } from '../../src/accounts/user.repository';
import { updateTicket } from '../../src/tickets/ticket-update.service';
import { alertKamOnNegativeAnswers } from '../../src/tickets/kam-alert.service';
import { escalateOverdueTickets } from '../../src/tickets/escalation.service';
import { addUser } from '../../src/accounts/user-invitation.service';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');

describe('staff mails in the recipient’s language', () => {
  let db: Db;
  let sink: SmtpSink;
  eachTestGets({ sink: { keepRaw: true } }, (w) => ({ db, sink } = w));

  /** Sends what the outbox holds through the real SMTP sink; the mails as a reader's mail program reads them, by recipient. */
  async function delivered() {
    const accepted = await deliverOutbox(db, sink, NOW);
    const { simpleParser } = await import('mailparser');
    const mails = await Promise.all(accepted.map(async (m) => ({ to: m.to[0], mail: await simpleParser(m.raw) })));
    return new Map(mails.map(({ to, mail }) => [to, { subject: mail.subject, text: mail.text ?? '', html: String(mail.html) }]));
  }

  async function withLanguage(user: { id: number }, language: string) {
    await updateUser(db, user.id, { language }, NOW);
  }

  it('writes the ticket-assigned mail in Swedish to a Swedish member, and in English to an English one', async () => {
    const team = await createTeam(db, { name: 'Logistik' });
    const sara = await createUser(db, { role: 'member', teamId: team.id, name: 'Sara', email: 'sara@loop.example' });
    const ella = await createUser(db, { role: 'member', teamId: team.id, name: 'Ella', email: 'ella@loop.example' });
    await withLanguage(sara, 'sv');
    const manager = await findCurrentUser(db, (await createUser(db, { role: 'manager' })).id);
    const first = await createTicket(db, { teamId: team.id, title: 'Sena leveranser', dueDate: '2026-04-30' });
    const second = await createTicket(db, { teamId: team.id, title: 'Late invoices', dueDate: '2026-04-30' });
    await updateTicket(db, manager!, first.id, { assigneeId: sara.id }, { now: NOW, baseUrl: 'http://loop.test' });
    await updateTicket(db, manager!, second.id, { assigneeId: ella.id }, { now: NOW, baseUrl: 'http://loop.test' });

    const mails = await delivered();
    const sv = mails.get('sara@loop.example')!;
    expect(sv.subject).toBe('Nytt ärende till dig: Sena leveranser');
    expect(sv.text).toContain('Du har fått åtgärdsärendet ”Sena leveranser”. Det ska vara klart senast 30 april 2026.');
    expect(sv.text).toContain('Öppna ärendet: ');
    expect(sv.text).toContain('Du får det här mejlet på grund av din roll i uppföljningen av kundundersökningen.');
    expect(sv.html).toContain('<html lang="sv"');
    const en = mails.get('ella@loop.example')!;
    expect(en.subject).toBe('Assigned to you: Late invoices');
    expect(en.text).toContain('You were assigned the action ticket "Late invoices", due 30 April 2026.');
    expect(en.text).toContain('You receive this mail because of your role in the customer survey follow-up.');
  });

  it('writes the KAM alert in Danish to a Danish KAM', async () => {
    const kam = await createUser(db, { role: 'kam', email: 'karen@loop.example', name: 'Karen' });
    await withLanguage(kam, 'da');
    const customer = await createCustomer(db, { name: 'Beta ApS', kamUserId: kam.id });
    const contact = await createContact(db, customer.id, { name: 'Bo', email: 'bo@beta.example' });
    const campaign = await createCampaign(db, { name: 'Årlig 2026', shape: { nps: true } });
    const response = await createResponse(db, campaign.id, customer.id, { values: { nps: 2 } }, contact.id);
    expect(await alertKamOnNegativeAnswers(db, response.id, NOW, { baseUrl: 'http://loop.test' })).toBe(true);

    const da = (await delivered()).get('karen@loop.example')!;
    expect(da.subject).toBe('Negative svar fra Beta ApS');
    expect(da.text).toContain('Bo <bo@beta.example> fra Beta ApS svarede meget negativt i Årlig 2026:');
    expect(da.text).toContain(': 2 (0–10)');
    expect(da.text).toContain('Åbn kunden: ');
    expect(da.text).not.toContain('Open the account');
  });

  it('escalates an overdue ticket to each quality manager in their own language', async () => {
    const team = await createTeam(db, { name: 'Logistics' });
    const svManager = await createUser(db, { role: 'manager', email: 'sven@loop.example' });
    await createUser(db, { role: 'manager', email: 'emma@loop.example' });
    const daManager = await createUser(db, { role: 'manager', email: 'dorte@loop.example' });
    await withLanguage(svManager, 'sv');
    await withLanguage(daManager, 'da');
    await createTicket(db, { teamId: team.id, title: 'Late deliveries', dueDate: '2026-04-01', status: 'in_progress' });
    expect(await escalateOverdueTickets(db, NOW, { baseUrl: 'http://loop.test' })).toHaveLength(1);

    const mails = await delivered();
    expect(mails.get('sven@loop.example')!.subject).toBe('Försenat åtgärdsärende: Late deliveries');
    expect(mails.get('sven@loop.example')!.text).toContain('Åtgärdsärendet ”Late deliveries” för Logistics skulle vara klart senast 1 april 2026 och är fortfarande pågående.');
    expect(mails.get('dorte@loop.example')!.text).toContain('Handlingssagen »Late deliveries« for Logistics skulle være løst senest 1. april 2026 og er stadig i gang.');
    expect(mails.get('emma@loop.example')!.subject).toBe('Overdue action ticket: Late deliveries');
    expect(mails.get('emma@loop.example')!.text).toContain('The action ticket "Late deliveries" of Logistics was due 1 April 2026 and is still in progress.');
  });

  it('writes an invitation in the language chosen for the invitee, else the organisation’s', async () => {
    const admin = await findCurrentUser(db, (await createUser(db, { role: 'admin', name: 'Astrid' })).id);
    const ctx = { baseUrl: 'http://loop.test' };
    await addUser(db, admin!, { email: 'lars@loop.example', name: 'Lars', role: 'member', teamIds: [], language: 'da' }, ctx, NOW);
    await addUser(db, admin!, { email: 'nora@loop.example', name: 'Nora', role: 'member', teamIds: [], language: null }, ctx, NOW);
    const lars = await db.selectFrom('user').select('language').where('email', '=', 'lars@loop.example').executeTakeFirstOrThrow();
    expect(lars.language).toBe('da');

    const mails = await delivered();
    const da = mails.get('lars@loop.example')!;
    expect(da.subject).toBe('Du er inviteret til PDS Loop');
    expect(da.text).toContain('Astrid har inviteret dig til PDS Loop');
    expect(da.text).toContain('Linket virker én gang, indtil 17. april 2026.');
    const en = mails.get('nora@loop.example')!;
    expect(en.subject).toBe('You are invited to PDS Loop');
    expect(en.text).toContain('Hello Nora,\n\nAstrid has invited you to PDS Loop, where your company runs its customer evaluation. Choose your password with this link:');
    expect(en.text).toContain('The link works once, until 17 April 2026. If it has run out, ask an admin for a new one.');
  });
});
