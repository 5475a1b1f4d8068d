import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ConflictError, ValidationError } from '../shared/errors';
import { newToken, hashToken } from '../shared/tokens';
import { enqueueMail } from '../mail/outbox.repository';
import { listActiveTeamMembers } from '../accounts/team.repository';
import {
  canMoveTo,
  isSameNote,
  mergeNote,
  missingNoteLanguages,
  NOTE_LANGUAGE_LABELS,
  noteFor,
  noteLanguageOf,
  requiredNoteLanguages,
  STATUS_LABELS,
  type ResolutionNote,
  type Ticket,
  type TicketStatus,
} from './ticket';
import { findTicketById, updateTicket as updateTicketRow, type TicketChanges } from './ticket.repository';
import { insertActivity } from './ticket-activity.repository';
import { insertFollowupIfNew, listFollowupContactIds } from './followup.repository';
import { listReporters, type Reporter } from './reporter.repository';
import { ticketAssignedMail } from './ticket-mail';
import { followupMail } from './followup-mail';
import { getTicketWithCounts, getWorkableTicket, type TicketContext } from './ticket.service';

/** What may change on a ticket in one call (pages and API share it). */
export interface TicketUpdate {
  status?: TicketStatus;
  assigneeId?: number | null;
  dueDate?: string;
  /** Languages given replace the stored text; an empty text removes that language. */
  resolutionNote?: ResolutionNote;
}

/**
 * Changes status, assignee, due date and/or resolution note in one transaction, logging
 * each change and mailing through the outbox: the new assignee, and on resolving every
 * contact who reported the problem and was not followed up yet.
 * Rules: the status machine (invalid move → ConflictError, nothing changed); the assignee
 * must be an active member of the owning team; resolving needs the note in every language
 * of the reporting customers.
 * @throws NotFoundError (missing or not the user's to work), ConflictError,
 *   ValidationError with fields keyed by the update's paths (`assigneeId`, `resolutionNote.<lang>`)
 */
export async function updateTicket(db: Db, user: CurrentUser, id: number, update: TicketUpdate, ctx: TicketContext): Promise<Ticket> {
  return db.transaction().execute(async (trx) => {
    const ticket = await getWorkableTicket(trx, user, id);
    const changes: TicketChanges = {};
    const log: { action: string; detail: string }[] = [];

    const to = update.status;
    if (to !== undefined && !canMoveTo(ticket.status, to)) {
      throw new ConflictError(`A ticket that is ${STATUS_LABELS[ticket.status].toLowerCase()} cannot move to ${STATUS_LABELS[to].toLowerCase()}.`);
    }

    let assignee: { id: number; name: string; email: string } | null = null;
    if (update.assigneeId !== undefined && update.assigneeId !== ticket.assigneeId) {
      if (update.assigneeId !== null) {
        const members = await listActiveTeamMembers(trx, ticket.teamId);
        assignee = members.find((m) => m.id === update.assigneeId) ?? null;
        if (!assignee) {
          throw new ValidationError('The assignee must be a member of the owning team.', { assigneeId: [`Choose a member of ${ticket.teamName}.`] });
        }
      }
      changes.assigneeId = update.assigneeId;
    }

    if (update.dueDate !== undefined && update.dueDate !== ticket.dueDate) {
      changes.dueDate = update.dueDate;
      log.push({ action: 'due_date', detail: `${ticket.dueDate} → ${update.dueDate}` });
    }

    const note = mergeNote(ticket.resolutionNote, update.resolutionNote);
    if (!isSameNote(note, ticket.resolutionNote)) {
      changes.resolutionNote = note;
      log.push({ action: 'resolution_note', detail: `languages: ${Object.keys(note).join(', ') || 'none'}` });
    }

    let reporters: Reporter[] = [];
    if (to === 'resolved') {
      reporters = await listReporters(trx, ticket.campaignId, ticket.categoryId);
      const missing = missingNoteLanguages(note, requiredNoteLanguages(reporters.map((r) => r.language)));
      if (missing.length) {
        const names = missing.map((l) => NOTE_LANGUAGE_LABELS[l]);
        throw new ValidationError(
          `Write what was done for the customers in ${names.join(', ')} before resolving.`,
          Object.fromEntries(
            missing.map((l) => [`resolutionNote.${l}`, [`Customers who reported this read ${NOTE_LANGUAGE_LABELS[l]}: write the note in ${NOTE_LANGUAGE_LABELS[l]}.`]]),
          ),
        );
      }
    }

    if (to !== undefined) {
      changes.status = to;
      if (to === 'resolved') changes.resolvedAt = ctx.now.toISOString();
      log.push({ action: 'status', detail: `${ticket.status} → ${to}` });
    }

    if (changes.assigneeId !== undefined) {
      if (assignee) {
        const mail = ticketAssignedMail({ id, title: ticket.title, dueDate: changes.dueDate ?? ticket.dueDate }, assignee, ctx.baseUrl);
        await enqueueMail(trx, mail, ctx.now);
      }
      log.unshift({ action: 'assignee', detail: `${ticket.assigneeName ?? 'nobody'} → ${assignee?.name ?? 'nobody'}` });
    }

    if (Object.keys(changes).length === 0) return ticket;
    await updateTicketRow(trx, id, changes, ctx.now);
    for (const entry of log) await insertActivity(trx, { ticketId: id, actor: user, ...entry }, ctx.now);

    if (to === 'resolved') {
      const queued = await queueFollowupMails(trx, { ...ticket, resolutionNote: note }, reporters, ctx);
      if (queued > 0) await insertActivity(trx, { ticketId: id, actor: user, action: 'followups', detail: `${queued} follow-up mail(s) queued` }, ctx.now);
    }
    return (await findTicketById(trx, id))!;
  });
}

/**
 * The API's PATCH: updateTicket, answering with the saved ticket and its follow-up counts.
 * @throws as updateTicket
 */
export async function patchTicket(db: Db, user: CurrentUser, id: number, update: TicketUpdate, ctx: TicketContext) {
  await updateTicket(db, user, id, update, ctx);
  return getTicketWithCounts(db, user, id, ctx.now);
}

/**
 * "You said, we did": one mail to each contact who mentioned the category in the campaign,
 * once per ticket (a follow-up row per contact), never to opted-out or suppressed contacts.
 * Returns how many were queued.
 */
async function queueFollowupMails(trx: Db, ticket: Ticket, reporters: Reporter[], ctx: TicketContext): Promise<number> {
  const already = await listFollowupContactIds(trx, ticket.id);
  let queued = 0;
  for (const r of reporters) {
    if (already.has(r.contactId) || r.isOptedOut || r.isSuppressed) continue;
    const language = noteLanguageOf(r.language);
    const token = newToken();
    const followupId = await insertFollowupIfNew(trx, { ticketId: ticket.id, contactId: r.contactId, language, tokenHash: hashToken(token) }, ctx.now);
    if (followupId === undefined) continue;
    const mail = followupMail(
      { followupId, ticketId: ticket.id, token, language, words: r.words, note: noteFor(ticket.resolutionNote, language) },
      { email: r.email, name: r.name },
      ctx.baseUrl,
    );
    await enqueueMail(trx, mail, ctx.now);
    queued++;
  }
  return queued;
}
