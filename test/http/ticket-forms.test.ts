import type { Express } from 'express';
import request from 'supertest';
import type { Db } from '../../src/db/database';
import { csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createReporter, createTicket } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');

/** The text of the field's error message, which sits beside the field (the field-error partial). */
const fieldError = (html: string, name: string) => html.match(new RegExp(`<p class="field-error" id="${name}-error">([\\s\\S]*?)</p>`))?.[1]?.replace(/<[^>]+>/g, '').trim();
const textarea = (html: string, name: string) => html.match(new RegExp(`<textarea id="${name}" name="${name}"[^>]*>([\\s\\S]*?)</textarea>`))?.[1];
const inputValue = (html: string, name: string) => html.match(new RegExp(`<input id="${name}" name="${name}"[^>]*value="([^"]*)"`))?.[1];
const selected = (html: string, name: string) => html.match(new RegExp(`<select id="${name}" name="${name}"[\\s\\S]*?</select>`))?.[0].match(/<option value="([^"]*)" selected>/)?.[1];

// The ticket page has one form per action; a refused one comes back with what was typed in it.
describe('the ticket page forms on a validation error', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: { clock: () => NOW } }, (w) => ({ db, app } = w));

  async function setup(status: 'open' | 'in_progress' | 'resolved' = 'open') {
    const team = await createTeam(db);
    const member = await createUser(db, { role: 'member', teamId: team.id, name: 'Mia Member' });
    const colleague = await createUser(db, { role: 'member', teamId: team.id, name: 'Carl Colleague' });
    const ticket = await createTicket(db, { teamId: team.id, status, dueDate: '2026-05-01' });
    const agent = await signedInAgent(app, member);
    return { team, member, colleague, ticket, agent };
  }

  it('keeps the typed assignee, due date and note of the details form, with the message beside the date', async () => {
    const { colleague, ticket, agent } = await setup('resolved');
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);

    const res = await agent
      .post(`/tickets/${ticket.id}/details`)
      .type('form')
      .send({ _csrf, assigneeId: String(colleague.id), dueDate: '2026-02-30', note_en: 'We <b>rebuilt</b> the invoice run.', note_sv: 'Vi byggde om fakturakörningen.', note_da: '' })
      .expect(422);

    expect(fieldError(res.text, 'dueDate')).toBe('Error: Enter a real date');
    expect(res.text).toMatch(/<input id="dueDate" name="dueDate" type="date" value="2026-02-30" aria-invalid="true" aria-describedby="dueDate-error">/);
    expect(selected(res.text, 'assigneeId')).toBe(String(colleague.id));
    expect(textarea(res.text, 'note_en')).toBe('We &lt;b&gt;rebuilt&lt;/b&gt; the invoice run.');
    expect(textarea(res.text, 'note_sv')).toBe('Vi byggde om fakturakörningen.');
    // The comment form, not sent, is there and empty; nothing was saved.
    expect(textarea(res.text, 'body')).toBe('');
    const saved = await db.selectFrom('ticket').select(['due_date', 'assignee_id']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ due_date: '2026-05-01', assignee_id: null });
  });

  it('keeps an over-long comment with its message beside it, and the details form shows the saved values', async () => {
    const { ticket, agent } = await setup();
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    const long = `Called the customer. ${'x'.repeat(5000)}`;

    const res = await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf, body: long }).expect(422);

    expect(fieldError(res.text, 'body')).toBe('Error: Keep the comment under 5000 characters');
    expect(textarea(res.text, 'body')).toBe(long);
    expect(res.text).toContain('aria-describedby="body-error"');
    expect(inputValue(res.text, 'dueDate')).toBe('2026-05-01');
    expect(await db.selectFrom('ticket_comment').selectAll().execute()).toEqual([]);
  });

  it('keeps the note typed in the resolve form and names the missing language beside its field', async () => {
    const { ticket, agent } = await setup('in_progress');
    await createReporter(db, ticket.campaignId, { mentions: [{ categoryId: ticket.categoryId, rank: 1 }], language: 'da' });
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);

    const res = await agent
      .post(`/tickets/${ticket.id}/status`)
      .type('form')
      .send({ _csrf, status: 'resolved', note_en: 'New invoice layout since 1 April.', note_sv: 'Ny fakturalayout sedan 1 april.', note_da: ' ' })
      .expect(422);

    expect(fieldError(res.text, 'note_da')).toBe('Error: Customers who reported this read Danish: write the note in Danish.');
    expect(res.text).toContain('<label for="note_da">Danish (required)</label>');
    expect(textarea(res.text, 'note_en')).toBe('New invoice layout since 1 April.');
    expect(textarea(res.text, 'note_sv')).toBe('Ny fakturalayout sedan 1 april.');
    const saved = await db.selectFrom('ticket').select('status').where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(saved.status).toBe('in_progress');
  });

  it('loads the script that keeps what was typed in the other forms across a send, and marks every form for it', async () => {
    const { ticket, agent } = await setup();
    const page = await agent.get(`/tickets/${ticket.id}`).expect(200);

    const src = page.text.match(/<script src="([^"]*ticket-forms\.js)" defer><\/script>/)?.[1];
    expect(src).toBeDefined();
    const script = await request(app).get(src!).expect(200);
    expect(script.text).toContain('sessionStorage');
    expect(page.text).toContain(`<div id="ticket-forms" data-ticket-id="${ticket.id}" hidden></div>`);
    const forms = page.text.match(/<form method="post"[^>]*>/g) ?? [];
    expect(forms.length).toBeGreaterThanOrEqual(3);
    for (const form of forms) expect(form).toContain('data-ticket-form');
  });
});
