import type { Db } from '../../src/db/database';
import { escalateOverdueTickets } from '../../src/tickets/escalation.service';
import { createTeam, createUser } from '../support/factories';
import { createTicket } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

describe('escalating overdue tickets to the quality managers', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const escalations = () => db.selectFrom('outbox').select(['to_email', 'ref_id', 'created_at']).where('kind', '=', 'ticket_escalation').orderBy('id').execute();

  async function setup() {
    const team = await createTeam(db);
    const m1 = await createUser(db, { role: 'manager' });
    const m2 = await createUser(db, { role: 'manager' });
    await createUser(db, { role: 'admin' });
    await createUser(db, { role: 'member', teamId: team.id });
    const ticket = await createTicket(db, { teamId: team.id, dueDate: '2026-04-01', status: 'in_progress' });
    return { team, m1, m2, ticket };
  }

  it('does nothing on the due date itself', async () => {
    await setup();
    expect(await escalateOverdueTickets(db, new Date('2026-04-01T23:00:00Z'))).toEqual([]);
    expect(await escalations()).toEqual([]);
  });

  it('mails every quality manager once a day per overdue ticket', async () => {
    const { m1, m2, ticket } = await setup();
    const day1 = new Date('2026-04-02T06:00:00Z');

    expect(await escalateOverdueTickets(db, day1, { baseUrl: 'http://loop.test' })).toEqual([ticket.id]);
    expect(await escalations()).toEqual([
      { to_email: m1.email, ref_id: ticket.id, created_at: day1.toISOString() },
      { to_email: m2.email, ref_id: ticket.id, created_at: day1.toISOString() },
    ]);
    const mail = await db.selectFrom('outbox').select('text_body').where('kind', '=', 'ticket_escalation').executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(`http://loop.test/tickets/${ticket.id}`);

    // Later the same day, and again 23 hours on: nothing new.
    expect(await escalateOverdueTickets(db, new Date('2026-04-02T18:00:00Z'))).toEqual([]);
    expect(await escalateOverdueTickets(db, new Date('2026-04-03T05:00:00Z'))).toEqual([]);
    expect(await escalations()).toHaveLength(2);

    // A day after the last escalation: once more.
    expect(await escalateOverdueTickets(db, new Date('2026-04-03T06:00:00Z'))).toEqual([ticket.id]);
    expect(await escalations()).toHaveLength(4);
    const log = await db.selectFrom('ticket_activity').select(['action', 'user_id']).where('ticket_id', '=', ticket.id).execute();
    expect(log).toEqual([
      { action: 'escalated', user_id: null },
      { action: 'escalated', user_id: null },
    ]);
  });

  it('never escalates resolved, closed or on-time tickets', async () => {
    const { team } = await setup();
    await db.updateTable('ticket').set({ status: 'resolved' }).execute();
    await createTicket(db, { teamId: team.id, dueDate: '2026-04-01', status: 'closed' });
    await createTicket(db, { teamId: team.id, dueDate: '2026-06-01', status: 'open' });
    expect(await escalateOverdueTickets(db, new Date('2026-04-20T06:00:00Z'))).toEqual([]);
    expect(await escalations()).toEqual([]);
  });
});
