import type { Db } from '../db/database';
import { getMailSite } from '../organisation/organisation.service';
import type { CurrentUser } from '../auth/user';
import { ConflictError, ValidationError } from '../shared/errors';
import { enqueueMail } from '../mail/outbox.repository';
import { listActiveTeamMembers } from '../accounts/team.repository';
import {
  canMoveTo,
  isSameNote,
  mergeNote,
  missingNoteLanguages,
  NoteIncompleteError,
  requiredNoteLanguages,
  type ResolutionNote,
  type Ticket,
  type TicketStatus,
} from './ticket';
import { findTicketById, updateTicket as updateTicketRow, type TicketChanges } from './ticket.repository';
import { insertActivity } from './ticket-activity.repository';
import { listReporters, type Reporter } from './reporter.repository';
import { ticketAssignedMail } from './ticket-mail';
import { findCategoryNames } from '../catalogue/catalogue.repository';
import { queueFollowupsOfResolvedTicket, type FollowupOutcome } from './followup-dispatch.service';
import { getTicketWithCounts, getWorkableTicket, type TicketContext } from './ticket.service';
import { emitWebhookEvent } from '../webhooks/webhook-queue.service';

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
 * contact who reported the problem and was not followed up yet (or, when follow-ups need
 * approval, the approvers; see queueFollowupsOfResolvedTicket).
 * Rules: the status machine (invalid move → ConflictError, nothing changed); the assignee
 * must be an active member of the owning team; resolving needs the note in every language
 * of the reporting customers.
 * @throws NotFoundError (missing or not the user's to work), ConflictError,
 *   ValidationError with fields keyed by the update's paths (`assigneeId`, `resolutionNote.<lang>`)
 */
export async function updateTicket(db: Db, user: CurrentUser, id: number, update: TicketUpdate, ctx: TicketContext): Promise<Ticket> {
  return db.transaction().execute(async (trx) => (await applyTicketUpdate(trx, user, await getWorkableTicket(trx, user, id), update, ctx)).ticket);
}

/** The invalid move as the user reads it (the statuses' names come from the catalogue). */
export function invalidMove(from: TicketStatus, to: TicketStatus): ConflictError {
  // The message nests the statuses' names in running text (STATUS_IN_TEXT_KEYS) by their codes.
  return new ConflictError('tickets.errors.invalidMove', {}, { from, to });
}

/**
 * The note must be written in every language of the contacts who reported the problem.
 * @throws NoteIncompleteError keyed `resolutionNote.<lang>` for each missing language
 */
export function checkNoteCoversReporters(note: ResolutionNote, reporters: Pick<Reporter, 'language'>[]): void {
  const missing = missingNoteLanguages(note, requiredNoteLanguages(reporters.map((r) => r.language)));
  if (missing.length) throw new NoteIncompleteError(missing);
}

/** updateTicket inside the caller's transaction, on a ticket already loaded for the user. */
export async function applyTicketUpdate(
  trx: Db,
  user: CurrentUser,
  ticket: Ticket,
  update: TicketUpdate,
  ctx: TicketContext,
): Promise<{ ticket: Ticket; followups: FollowupOutcome | null }> {
  const id = ticket.id;
  const changes: TicketChanges = {};
  const log: { action: string; detail: string }[] = [];

  const to = update.status;
  if (to !== undefined && !canMoveTo(ticket.status, to)) throw invalidMove(ticket.status, to);

  let assignee: { id: number; name: string; email: string; language: string | null } | null = null;
  if (update.assigneeId !== undefined && update.assigneeId !== ticket.assigneeId) {
    if (update.assigneeId !== null) {
      const members = await listActiveTeamMembers(trx, ticket.teamId);
      assignee = members.find((m) => m.id === update.assigneeId) ?? null;
      if (!assignee) {
        throw new ValidationError('tickets.errors.assigneeNotMember', { assigneeId: ['tickets.errors.chooseMember'] }, { team: ticket.teamName });
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
    checkNoteCoversReporters(note, reporters);
  }

  if (to !== undefined) {
    changes.status = to;
    if (to === 'resolved') changes.resolvedAt = ctx.now.toISOString();
    log.push({ action: 'status', detail: `${ticket.status} → ${to}` });
  }

  if (changes.assigneeId !== undefined) {
    if (assignee) {
      const names = (await findCategoryNames(trx, [ticket.categoryId])).get(ticket.categoryId);
      const mail = ticketAssignedMail({ id, title: ticket.title, names, dueDate: changes.dueDate ?? ticket.dueDate }, assignee, await getMailSite(trx, ctx.baseUrl));
      await enqueueMail(trx, mail, ctx.now);
    }
    log.unshift({ action: 'assignee', detail: `${ticket.assigneeName ?? 'nobody'} → ${assignee?.name ?? 'nobody'}` });
  }

  if (Object.keys(changes).length === 0) return { ticket, followups: null };
  await updateTicketRow(trx, id, changes, ctx.now);
  for (const entry of log) await insertActivity(trx, { ticketId: id, actor: user, ...entry }, ctx.now);
  if (to !== undefined && to !== ticket.status) {
    const at = ctx.now.toISOString();
    await emitWebhookEvent(trx, 'ticket.status_changed', { ticketId: id, teamId: ticket.teamId, from: ticket.status, to, changedByUserId: user.id, changedAt: at }, ctx.now);
    if (to === 'resolved') {
      await emitWebhookEvent(trx, 'ticket.resolved', { ticketId: id, campaignId: ticket.campaignId, categoryId: ticket.categoryId, teamId: ticket.teamId, resolvedByUserId: user.id, resolvedAt: at }, ctx.now);
    }
  }

  const followups = to === 'resolved' ? await queueFollowupsOfResolvedTicket(trx, { ...ticket, resolutionNote: note }, reporters, user, ctx) : null;
  return { ticket: (await findTicketById(trx, id))!, followups };
}

/**
 * The API's PATCH: updateTicket, answering with the saved ticket and its follow-up counts.
 * @throws as updateTicket
 */
export async function patchTicket(db: Db, user: CurrentUser, id: number, update: TicketUpdate, ctx: TicketContext) {
  await updateTicket(db, user, id, update, ctx);
  return getTicketWithCounts(db, user, id, ctx.now);
}
