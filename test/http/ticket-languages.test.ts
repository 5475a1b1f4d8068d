import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createTicket } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');

// Each member of staff reads the ticket pages in their own language; English reads as before.
describe('the ticket pages in the reader’s language', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: { clock: () => NOW } }, (w) => ({ db, app } = w));

  async function memberReading(language: 'en' | 'sv' | 'da') {
    const team = await createTeam(db, { name: 'Fakturering' });
    const member = await createUser(db, { role: 'member', teamId: team.id });
    if (language !== 'en') await db.updateTable('user').set({ language }).where('id', '=', member.id).execute();
    const ticket = await createTicket(db, { teamId: team.id, status: 'in_progress', dueDate: '2026-04-01', title: 'Late invoices' });
    return { ticket, agent: await signedInAgent(app, member) };
  }

  it('shows a Swedish member the list, the ticket and a validation message in Swedish', async () => {
    const { ticket, agent } = await memberReading('sv');

    const list = await agent.get('/tickets').expect(200);
    expect(list.text).toContain('<html lang="sv">');
    expect(list.text).toContain('<h1>Ärenden</h1>');
    expect(list.text).toContain('<th scope="col">Ansvarig</th>');
    expect(list.text).toContain('<span class="badge status status--in_progress">Pågår</span>');
    expect(list.text).toContain('1 april 2026 <span class="badge badge--bad">Försenat</span>');
    expect(list.text).not.toContain('In progress');

    const page = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(page.text).toContain('Försenat sedan 1 april 2026');
    expect(page.text).toContain('<h2 id="comments-h">Interna kommentarer</h2>');
    expect(page.text).toContain('<label for="note_sv">Svenska</label>');
    expect(page.text).toContain('Lös och berätta för kunderna');

    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    const bad = await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf, body: ' ' }).expect(422);
    expect(bad.text).toContain('<p class="field-error" id="body-error"><span class="visually-hidden">Fel: </span>Skriv en kommentar</p>');
    expect(bad.text).toContain('Något behöver rättas');

    await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf, body: 'Ringde kunden.' }).expect(303);
    const after = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(after.text).toContain('Kommentaren har lagts till.');
  });

  it('shows a Danish member the list, the ticket, a refused move and a validation message in Danish', async () => {
    const { ticket, agent } = await memberReading('da');

    const list = await agent.get('/tickets').expect(200);
    expect(list.text).toContain('<h1>Sager</h1>');
    expect(list.text).toContain('<option value="in_progress">I gang</option>');
    expect(list.text).toContain('Kun forsinkede');

    const page = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(page.text).toContain('<dt>Ansvarlig</dt><dd>Ingen</dd>');
    expect(page.text).toContain('<h2 id="followups-h">Opfølgning til kunder</h2>');
    expect(page.text).toContain('0 sendt, 0 besvaret, 0 svarede, at det hjalp.');

    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    const bad = await agent.post(`/tickets/${ticket.id}/details`).type('form').send({ _csrf, assigneeId: '', dueDate: '1. maj' }).expect(422);
    expect(bad.text).toContain('Angiv en dato som ÅÅÅÅ-MM-DD');
    expect(bad.text).toContain('value="1. maj"');

    const refused = await agent.post(`/tickets/${ticket.id}/status`).type('form').send({ _csrf, status: 'closed' }).expect(409);
    expect(refused.text).toContain('En sag med status »i gang« kan ikke skifte til »lukket«.');

    await agent.post(`/tickets/${ticket.id}/details`).type('form').send({ _csrf, assigneeId: '', dueDate: '2026-05-02' }).expect(303);
    const saved = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(saved.text).toContain('Sagen er gemt.');
    expect(saved.text).toContain(': forfaldsdato — 1. april 2026 → 2. maj 2026</li>');
  });

  it('keeps the English pages as they were', async () => {
    const { ticket, agent } = await memberReading('en');

    const list = await agent.get('/tickets').expect(200);
    expect(list.text).toContain('<h1>Action tickets</h1>');
    expect(list.text).toContain('<span class="badge status status--in_progress">In progress</span>');
    expect(list.text).toContain('1 April 2026 <span class="badge badge--bad">Overdue</span>');

    const page = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(page.text).toContain('Overdue since 1 April 2026');
    expect(page.text).toContain('<label for="note_sv">Swedish</label>');
    expect(page.text).toContain('Add a comment (only your colleagues see it)');

    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    const bad = await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf, body: '' }).expect(422);
    expect(bad.text).toContain('<span class="visually-hidden">Error: </span>Write a comment</p>');
    const refused = await agent.post(`/tickets/${ticket.id}/status`).type('form').send({ _csrf, status: 'closed' }).expect(409);
    expect(refused.text).toContain('A ticket that is in progress cannot move to closed.');
  });
});
