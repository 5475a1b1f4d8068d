import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createApiKey, createCampaign, createCategory, createReporter, createTicket } from '../support/ticket-factories';
import { TICKET_STATUSES, type TicketStatus } from '../../src/tickets/ticket';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');

describe('working a ticket', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function setup() {
    const team = await createTeam(db);
    const member = await createUser(db, { role: 'member', teamId: team.id });
    const ticket = await createTicket(db, { teamId: team.id });
    const app = createTestApp(db, { clock: () => NOW });
    return { team, member, ticket, app };
  }
  const statusOf = async (id: number) => (await db.selectFrom('ticket').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const savedTicket = (id: number) => db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('lets a member of the owning team start work from the page, and logs who did it', async () => {
    const { member, ticket, app } = await setup();
    const agent = await signedInAgent(app, member);
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);

    await agent.post(`/tickets/${ticket.id}/status`).type('form').send({ _csrf, status: 'in_progress' }).expect(303).expect('Location', `/tickets/${ticket.id}`);

    expect(await statusOf(ticket.id)).toBe('in_progress');
    const log = await db.selectFrom('ticket_activity').selectAll().where('ticket_id', '=', ticket.id).execute();
    expect(log).toEqual([expect.objectContaining({ action: 'status', detail: 'open → in_progress', user_id: member.id, at: NOW.toISOString() })]);
  });

  it('answers 409 to an invalid move from the page and changes nothing', async () => {
    const { member, ticket, app } = await setup();
    const agent = await signedInAgent(app, member);
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    const before = await savedTicket(ticket.id);

    await agent.post(`/tickets/${ticket.id}/status`).type('form').send({ _csrf, status: 'closed' }).expect(409);

    expect(await savedTicket(ticket.id)).toEqual(before);
    expect(await db.selectFrom('ticket_activity').selectAll().execute()).toHaveLength(0);
  });

  describe('every status move through the API', () => {
    const valid = new Set(['open>in_progress', 'in_progress>resolved', 'resolved>closed', 'resolved>reopened', 'reopened>in_progress']);
    const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as [TicketStatus, TicketStatus]));
    it.each(pairs)('%s → %s', async (from, to) => {
      const team = await createTeam(db);
      const member = await createUser(db, { role: 'member', teamId: team.id });
      const ticket = await createTicket(db, { teamId: team.id, status: from });
      const key = await createApiKey(db, member.id);
      const app = createTestApp(db, { clock: () => NOW });
      const isValid = valid.has(`${from}>${to}`);

      const res = await request(app)
        .patch(`/api/v1/tickets/${ticket.id}`)
        .set('Authorization', key)
        .send({ status: to, resolutionNote: { en: 'We changed the invoice run.' } })
        .expect(isValid ? 200 : 409);

      expect(await statusOf(ticket.id)).toBe(isValid ? to : from);
      if (!isValid) {
        expect(res.body.error.message).toMatch(/cannot move/);
        const note = await db.selectFrom('ticket').select('resolution_note').where('id', '=', ticket.id).executeTakeFirstOrThrow();
        expect(note.resolution_note).toBe('{}');
      }
    });
  });

  it('refuses to resolve without a note in each reporting customer\'s language, keeping what was typed', async () => {
    const team = await createTeam(db);
    const member = await createUser(db, { role: 'member', teamId: team.id });
    const campaign = await createCampaign(db);
    const category = await createCategory(db, { teamId: team.id });
    await createReporter(db, campaign.id, { language: 'sv', mentions: [{ categoryId: category.id, rank: 1, text: 'Fakturor kommer sent' }] });
    const ticket = await createTicket(db, { teamId: team.id, campaignId: campaign.id, categoryId: category.id, status: 'in_progress' });
    const agent = await signedInAgent(createTestApp(db, { clock: () => NOW }), member);
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    const before = await savedTicket(ticket.id);

    const res = await agent
      .post(`/tickets/${ticket.id}/status`)
      .type('form')
      .send({ _csrf, status: 'resolved', note_en: 'We <fixed> the invoice run', note_sv: '', note_da: '' })
      .expect(422);

    expect(res.text).toMatch(/id="note_sv-error"[^>]*>.*Swedish/s);
    expect(res.text).toContain('<a href="#note_sv">');
    expect(res.text).toContain('We &lt;fixed&gt; the invoice run');
    expect(await savedTicket(ticket.id)).toEqual(before);
    expect(await db.selectFrom('ticket_activity').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('followup').selectAll().execute()).toHaveLength(0);
  });

  it('hides another team\'s ticket: 404 on its page, its forms and the API, and leaves it out of lists', async () => {
    const { ticket, app } = await setup();
    const otherTeam = await createTeam(db);
    const outsider = await createUser(db, { role: 'member', teamId: otherTeam.id });
    const agent = await signedInAgent(app, outsider);
    const key = await createApiKey(db, outsider.id);
    const before = await savedTicket(ticket.id);

    await agent.get(`/tickets/${ticket.id}`).expect(404);
    const _csrf = await csrfOf(agent, '/tickets');
    await agent.post(`/tickets/${ticket.id}/status`).type('form').send({ _csrf, status: 'in_progress' }).expect(404);
    await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf, body: 'peek' }).expect(404);
    const list = await agent.get('/tickets').expect(200);
    expect(list.text).not.toContain(`/tickets/${ticket.id}"`);

    await request(app).get(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).expect(404);
    await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status: 'in_progress' }).expect(404);
    const apiList = await request(app).get('/api/v1/tickets').set('Authorization', key).expect(200);
    expect(apiList.body.tickets).toEqual([]);

    expect(await savedTicket(ticket.id)).toEqual(before);
    expect(await db.selectFrom('ticket_comment').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('ticket_activity').selectAll().execute()).toHaveLength(0);
  });

  it('shows every team\'s tickets to a quality manager', async () => {
    const { ticket, app } = await setup();
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(app, manager);
    const page = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(page.text).toContain('Move to in progress');
    const key = await createApiKey(db, manager.id);
    const res = await request(app).get('/api/v1/tickets').set('Authorization', key).expect(200);
    expect(res.body.tickets.map((t: { id: number }) => t.id)).toEqual([ticket.id]);
  });

  it('accepts only a member of the owning team as assignee, and mails the assignee', async () => {
    const { team, member, ticket, app } = await setup();
    const stranger = await createUser(db, { role: 'member', teamId: (await createTeam(db)).id });
    const agent = await signedInAgent(app, member);
    let _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);

    const bad = await agent.post(`/tickets/${ticket.id}/details`).type('form').send({ _csrf, assigneeId: String(stranger.id), dueDate: '2026-05-02' }).expect(422);
    expect(bad.text).toMatch(/id="assigneeId-error"[^>]*>.*Choose a member of/s);
    expect(bad.text).toContain('value="2026-05-02"');
    let saved = await db.selectFrom('ticket').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(saved.assignee_id).toBeNull();

    _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    await agent.post(`/tickets/${ticket.id}/details`).type('form').send({ _csrf, assigneeId: String(member.id), dueDate: '2026-05-02' }).expect(303);
    saved = await db.selectFrom('ticket').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(saved.assignee_id).toBe(member.id);
    expect(saved.due_date).toBe('2026-05-02');
    const mails = await db.selectFrom('outbox').selectAll().execute();
    expect(mails).toEqual([expect.objectContaining({ kind: 'ticket_assigned', to_email: member.email, ref_type: 'ticket', ref_id: ticket.id })]);
    const actions = (await db.selectFrom('ticket_activity').select('action').where('ticket_id', '=', ticket.id).execute()).map((a) => a.action);
    expect(actions).toEqual(['assignee', 'due_date']);
    expect(saved.team_id).toBe(team.id);
  });

  it('refuses an assignee from another team through the API with 422 and leaves the ticket as it was', async () => {
    const { team, member, ticket, app } = await setup();
    const stranger = await createUser(db, { role: 'member', teamId: (await createTeam(db)).id });
    const key = await createApiKey(db, member.id);
    const before = await savedTicket(ticket.id);

    const res = await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ assigneeId: stranger.id }).expect(422);

    expect(res.body.error).toEqual({
      code: 'invalid',
      message: 'The assignee must be a member of the owning team.',
      fields: { assigneeId: [`Choose a member of ${team.name}.`] },
    });
    expect(await savedTicket(ticket.id)).toEqual(before);
    expect(await db.selectFrom('outbox').selectAll().execute()).toHaveLength(0);
  });

  it('names a missing note language in the API by its JSON path and resolves nothing', async () => {
    const team = await createTeam(db);
    const member = await createUser(db, { role: 'member', teamId: team.id });
    const campaign = await createCampaign(db);
    const category = await createCategory(db, { teamId: team.id });
    await createReporter(db, campaign.id, { language: 'da', mentions: [{ categoryId: category.id, rank: 1, text: 'Fakturaen er forkert' }] });
    const ticket = await createTicket(db, { teamId: team.id, campaignId: campaign.id, categoryId: category.id, status: 'in_progress' });
    const key = await createApiKey(db, member.id);
    const before = await savedTicket(ticket.id);

    const res = await request(createTestApp(db, { clock: () => NOW }))
      .patch(`/api/v1/tickets/${ticket.id}`)
      .set('Authorization', key)
      .send({ status: 'resolved', resolutionNote: { en: 'We rebuilt the invoice run.' } })
      .expect(422);

    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.fields).toEqual({ 'resolutionNote.da': ['Customers who reported this read Danish: write the note in Danish.'] });
    expect(await savedTicket(ticket.id)).toEqual(before);
    expect(await db.selectFrom('followup').selectAll().execute()).toHaveLength(0);
  });

  it('answers 422 naming the field for a note that is too long through the API', async () => {
    const { member, ticket, app } = await setup();
    const key = await createApiKey(db, member.id);
    const before = await savedTicket(ticket.id);
    const res = await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ resolutionNote: { sv: 'x'.repeat(5001) } }).expect(422);
    expect(res.body.error.fields).toEqual({ 'resolutionNote.sv': ['Keep the note under 5000 characters'] });
    expect(await savedTicket(ticket.id)).toEqual(before);
  });

  it('keeps internal comments, escaped, and logs them', async () => {
    const { member, ticket, app } = await setup();
    const agent = await signedInAgent(app, member);
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf, body: 'Called <b>them</b>' }).expect(303);
    const page = await agent.get(`/tickets/${ticket.id}`).expect(200);
    expect(page.text).toContain('Called &lt;b&gt;them&lt;/b&gt;');
    expect(await db.selectFrom('ticket_activity').select('action').execute()).toEqual([{ action: 'comment' }]);
  });

  it('an empty comment re-renders with the message beside the field', async () => {
    const { member, ticket, app } = await setup();
    const agent = await signedInAgent(app, member);
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    const res = await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf, body: '   ' }).expect(422);
    expect(res.text).toMatch(/id="body-error"[^>]*>.*Write a comment/s);
    expect(await db.selectFrom('ticket_comment').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('ticket_activity').selectAll().execute()).toHaveLength(0);
  });

  it('filters lists by status and overdue, and marks overdue tickets clearly', async () => {
    const team = await createTeam(db);
    const member = await createUser(db, { role: 'member', teamId: team.id });
    const late = await createTicket(db, { teamId: team.id, dueDate: '2026-04-01', title: 'Late invoices' });
    const onTime = await createTicket(db, { teamId: team.id, dueDate: '2026-05-01', title: 'Slow support' });
    const doneLate = await createTicket(db, { teamId: team.id, dueDate: '2026-04-01', status: 'resolved', title: 'Wrong deliveries' });
    const app = createTestApp(db, { clock: () => NOW });
    const agent = await signedInAgent(app, member);

    const all = await agent.get('/tickets').expect(200);
    expect(all.text).toMatch(/ticket-row--overdue[\s\S]*?Late invoices[\s\S]*?Overdue/);
    expect(all.text).toMatch(/<tr class="">\s*<td><a href="\/tickets\/\d+">#\d+ Slow support/);
    expect(all.text).toContain('Wrong deliveries');
    expect(all.text.match(/badge--bad">Overdue/g)).toHaveLength(1);

    const overdue = await agent.get('/tickets?overdue=1').expect(200);
    expect(overdue.text).toContain('Late invoices');
    expect(overdue.text).not.toContain('Slow support');
    expect(overdue.text).not.toContain('Wrong deliveries');

    const key = await createApiKey(db, member.id);
    const resolved = await request(app).get('/api/v1/tickets?status=resolved').set('Authorization', key).expect(200);
    expect(resolved.body.tickets.map((t: { id: number }) => t.id)).toEqual([doneLate.id]);
    const byOverdue = await request(app).get('/api/v1/tickets?overdue=true').set('Authorization', key).expect(200);
    expect(byOverdue.body.tickets.map((t: { id: number; isOverdue: boolean }) => [t.id, t.isOverdue])).toEqual([[late.id, true]]);
    const everything = await request(app).get('/api/v1/tickets').set('Authorization', key).expect(200);
    expect(everything.body.tickets.map((t: { id: number; isOverdue: boolean }) => [t.id, t.isOverdue])).toEqual([
      [late.id, true],
      [doneLate.id, false],
      [onTime.id, false],
    ]);
  });
});
