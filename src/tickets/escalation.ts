import type { Db } from '../db/database';
import { addDays } from '../shared/time';
import { enqueueMail } from '../mail/outbox.repository';
import { findTicketById, insertActivity, listManagers, listTicketsToEscalate, markEscalated } from './ticket.repository';
import { ticketOverdueMail } from './ticket-mail';

/**
 * Mails every active quality manager (role manager) about each overdue ticket (open, in
 * progress or reopened after its due date), at most once a day per ticket: a ticket is
 * escalated again only 24 hours after its last escalation. Safe to run from several
 * processes at once: each ticket's escalation is claimed by a conditional update.
 * Returns the ids of the tickets escalated.
 */
export async function escalateOverdueTickets(db: Db, now: Date, options: { baseUrl?: string } = {}): Promise<number[]> {
  const baseUrl = options.baseUrl ?? '';
  const since = addDays(now, -1);
  const due = await listTicketsToEscalate(db, now, since);
  const escalated: number[] = [];
  for (const { id } of due) {
    const done = await db.transaction().execute(async (trx) => {
      if (!(await markEscalated(trx, id, now, since))) return false;
      const ticket = await findTicketById(trx, id);
      if (!ticket) return false;
      const managers = await listManagers(trx);
      for (const m of managers) {
        await enqueueMail(trx, ticketOverdueMail({ id, title: ticket.title, dueDate: ticket.dueDate, teamName: ticket.teamName, status: ticket.status }, m, baseUrl), now);
      }
      await insertActivity(trx, { ticketId: id, userId: null, action: 'escalated', detail: `overdue since ${ticket.dueDate}; ${managers.length} quality manager(s) mailed` }, now);
      return true;
    });
    if (done) escalated.push(id);
  }
  return escalated;
}
