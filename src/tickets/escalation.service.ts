import type { Db } from '../db/database';
import { getMailSite } from '../organisation/organisation.service';
import { runExclusively } from '../db/job-lock.repository';
import { systemActor } from '../auth/user';
import { addDays } from '../shared/time';
import { enqueueMail } from '../mail/outbox.repository';
import { listActiveUsersWithRole } from '../accounts/user.repository';
import { findTicketById, listTicketIdsToEscalate, updateLastEscalatedIfDue } from './ticket.repository';
import { insertActivity } from './ticket-activity.repository';
import { ticketOverdueMail } from './ticket-mail';
import { findCategoryNames } from '../catalogue/catalogue.repository';

/**
 * Mails every active quality manager (role manager) about each overdue ticket (open, in
 * progress or reopened after its due date), at most once a day per ticket: a ticket is
 * escalated again only 24 hours after its last escalation. Safe to run from several
 * processes at once: each ticket's escalation is claimed by a conditional update.
 * Logged as done by the system. Runs in one instance at a time (the job 'ticket-escalation' is
 * claimed in job_lock). Returns the ids of the tickets escalated (none while another instance runs it).
 */
export async function escalateOverdueTickets(db: Db, now: Date, options: { baseUrl?: string } = {}): Promise<number[]> {
  return (await runExclusively(db, 'ticket-escalation', now, () => escalateEachOverdueTicket(db, now, options))) ?? [];
}

async function escalateEachOverdueTicket(db: Db, now: Date, options: { baseUrl?: string }): Promise<number[]> {
  const actor = systemActor('escalation');
  const baseUrl = options.baseUrl ?? '';
  const since = addDays(now, -1);
  const escalated: number[] = [];
  for (const id of await listTicketIdsToEscalate(db, now, since)) {
    const isEscalated = await db.transaction().execute(async (trx) => {
      if (!(await updateLastEscalatedIfDue(trx, id, now, since))) return false;
      const ticket = await findTicketById(trx, id);
      if (!ticket) return false;
      const managers = await listActiveUsersWithRole(trx, 'manager');
      // Each quality manager reads the category's name in their own language.
      const names = (await findCategoryNames(trx, [ticket.categoryId])).get(ticket.categoryId);
      for (const m of managers) {
        await enqueueMail(trx, ticketOverdueMail({ id, title: ticket.title, names, dueDate: ticket.dueDate, teamName: ticket.teamName, status: ticket.status }, m, await getMailSite(trx, baseUrl)), now);
      }
      const detail = `overdue since ${ticket.dueDate}; ${managers.length} quality manager(s) mailed`;
      await insertActivity(trx, { ticketId: id, actor, action: 'escalated', detail }, now);
      return true;
    });
    if (isEscalated) escalated.push(id);
  }
  return escalated;
}
