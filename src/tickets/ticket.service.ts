import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { newToken, hashToken } from '../shared/tokens';
import { enqueueMail } from '../mail/outbox.repository';
import {
  canMoveTo,
  isOverdue,
  missingNoteLanguages,
  nextStatuses,
  noteFor,
  noteLanguageOf,
  requiredNoteLanguages,
  STATUS_LABELS,
  type NoteLanguage,
  type ResolutionNote,
  type Ticket,
  type TicketStatus,
} from './ticket';
import { canAdminister } from '../auth/user.policy';
import { canListTickets, canViewTicket, canWorkTicket, ticketTeamScope } from './ticket.policy';
import {
  countFollowups,
  findDueDays,
  findTicketById,
  findUserMail,
  insertActivity,
  insertComment,
  insertFollowup,
  isTeamMember,
  listActiveTeamMembers,
  listActivity,
  listComments,
  listFollowupContactIds,
  listFollowups,
  listReporters,
  listTickets,
  updateDueDays,
  updateTicket as updateTicketRow,
  type TicketChanges,
  type TicketFilter,
} from './ticket.repository';
import { followupMail, ticketAssignedMail } from './ticket-mail';

export interface TicketContext {
  now: Date;
  /** Public address used in mailed links. */
  baseUrl: string;
}

/** What may change on a ticket in one call (pages and API share it). */
export interface TicketUpdate {
  status?: TicketStatus;
  assigneeId?: number | null;
  dueDate?: string;
  /** Languages given replace the stored text; an empty text removes that language. */
  resolutionNote?: ResolutionNote;
}

/**
 * Loads a ticket the user may see. Another team's ticket is reported as missing, so its
 * existence does not leak.
 * @throws NotFoundError
 */
export async function getTicket(db: Db, user: CurrentUser, id: number): Promise<Ticket> {
  const ticket = await findTicketById(db, id);
  if (!ticket || !canViewTicket(user, ticket)) throw new NotFoundError(`ticket ${id}`);
  return ticket;
}

/**
 * Tickets the user may see, filtered; members only their teams' (filtered in SQL).
 * @throws ForbiddenError for roles that do not work tickets
 */
export async function listTicketsFor(db: Db, user: CurrentUser, filter: Omit<TicketFilter, 'teamIds'>, now: Date) {
  if (!canListTickets(user)) throw new ForbiddenError('tickets are for teams and quality managers');
  const tickets = await listTickets(db, { ...filter, teamIds: ticketTeamScope(user) }, now);
  return tickets.map((t) => ({ ...t, isOverdue: isOverdue(t, now) }));
}

/** The languages the resolution note of this ticket must be written in. */
export async function noteLanguagesFor(db: Db, ticket: Pick<Ticket, 'campaignId' | 'categoryId'>): Promise<NoteLanguage[]> {
  const reporters = await listReporters(db, ticket.campaignId, ticket.categoryId);
  return requiredNoteLanguages(reporters.map((r) => r.language));
}

/**
 * Everything the ticket page shows.
 * @throws NotFoundError when missing or another team's
 */
export async function getTicketPage(db: Db, user: CurrentUser, id: number, now: Date) {
  const ticket = await getTicket(db, user, id);
  const [comments, activity, followups, followupCounts, members, noteLanguages] = await Promise.all([
    listComments(db, id),
    listActivity(db, id),
    listFollowups(db, id),
    countFollowups(db, id),
    listActiveTeamMembers(db, ticket.teamId),
    noteLanguagesFor(db, ticket),
  ]);
  return {
    ticket,
    isOverdue: isOverdue(ticket, now),
    canWork: canWorkTicket(user, ticket),
    nextStatuses: nextStatuses(ticket.status),
    comments,
    activity,
    followups,
    followupCounts,
    members,
    noteLanguages,
  };
}

/** A ticket with its follow-up counts (the API's single-ticket answer). */
export async function getTicketWithCounts(db: Db, user: CurrentUser, id: number, now: Date) {
  const ticket = await getTicket(db, user, id);
  return { ...ticket, isOverdue: isOverdue(ticket, now), followups: await countFollowups(db, id) };
}

function mergeNote(current: ResolutionNote, given: ResolutionNote | undefined): ResolutionNote {
  if (!given) return current;
  const merged: ResolutionNote = { ...current };
  for (const [lang, text] of Object.entries(given) as [NoteLanguage, string | undefined][]) {
    if (text === undefined) continue;
    if (text.trim()) merged[lang] = text.trim();
    else delete merged[lang];
  }
  return merged;
}

/**
 * Changes status, assignee, due date and/or resolution note in one transaction, logging
 * each change and mailing through the outbox: the new assignee, and on resolving every
 * contact who reported the problem and was not followed up yet.
 * Rules: the status machine (invalid move → ConflictError, nothing changed); the assignee
 * must be an active member of the owning team; resolving needs the note in every language
 * of the reporting customers.
 * @throws NotFoundError, ConflictError, ValidationError (fieldErrors keyed assigneeId, note_en/sv/da)
 */
export async function updateTicket(db: Db, user: CurrentUser, id: number, update: TicketUpdate, ctx: TicketContext): Promise<Ticket> {
  return db.transaction().execute(async (trx) => {
    const ticket = await getTicket(trx, user, id);
    if (!canWorkTicket(user, ticket)) throw new NotFoundError(`ticket ${id}`);
    const changes: TicketChanges = {};
    const log: { action: string; detail: string }[] = [];

    const to = update.status;
    if (to !== undefined && !canMoveTo(ticket.status, to)) {
      throw new ConflictError(`A ticket that is ${STATUS_LABELS[ticket.status].toLowerCase()} cannot move to ${STATUS_LABELS[to].toLowerCase()}.`);
    }

    if (update.assigneeId !== undefined && update.assigneeId !== ticket.assigneeId) {
      if (update.assigneeId !== null && !(await isTeamMember(trx, ticket.teamId, update.assigneeId))) {
        throw new ValidationError('The assignee must be a member of the owning team.', {
          assigneeId: [`Choose a member of ${ticket.teamName}.`],
        });
      }
      changes.assigneeId = update.assigneeId;
    }

    if (update.dueDate !== undefined && update.dueDate !== ticket.dueDate) {
      changes.dueDate = update.dueDate;
      log.push({ action: 'due_date', detail: `${ticket.dueDate} → ${update.dueDate}` });
    }

    const note = mergeNote(ticket.resolutionNote, update.resolutionNote);
    if (JSON.stringify(note) !== JSON.stringify(ticket.resolutionNote)) {
      changes.resolutionNote = note;
      log.push({ action: 'resolution_note', detail: `languages: ${Object.keys(note).join(', ') || 'none'}` });
    }

    let reporters: Awaited<ReturnType<typeof listReporters>> = [];
    if (to === 'resolved') {
      reporters = await listReporters(trx, ticket.campaignId, ticket.categoryId);
      const missing = missingNoteLanguages(note, requiredNoteLanguages(reporters.map((r) => r.language)));
      if (missing.length) {
        const names: Record<NoteLanguage, string> = { en: 'English', sv: 'Swedish', da: 'Danish' };
        throw new ValidationError(
          `Write what was done for the customers in ${missing.map((l) => names[l]).join(', ')} before resolving.`,
          Object.fromEntries(missing.map((l) => [`note_${l}`, [`Customers who reported this read ${names[l]}: write the note in ${names[l]}.`]])),
        );
      }
    }

    if (to !== undefined) {
      changes.status = to;
      if (to === 'resolved') changes.resolvedAt = ctx.now.toISOString();
      log.push({ action: 'status', detail: `${ticket.status} → ${to}` });
    }

    if (changes.assigneeId !== undefined) {
      let name = 'nobody';
      if (changes.assigneeId !== null) {
        const assignee = await findUserMail(trx, changes.assigneeId);
        if (assignee) {
          name = assignee.name;
          await enqueueMail(trx, ticketAssignedMail({ id, title: ticket.title, dueDate: changes.dueDate ?? ticket.dueDate }, assignee, ctx.baseUrl), ctx.now);
        }
      }
      log.unshift({ action: 'assignee', detail: `${ticket.assigneeName ?? 'nobody'} → ${name}` });
    }

    if (Object.keys(changes).length === 0) return ticket;
    await updateTicketRow(trx, id, changes, ctx.now);
    for (const entry of log) await insertActivity(trx, { ticketId: id, userId: user.id, ...entry }, ctx.now);

    if (to === 'resolved') {
      const sent = await sendFollowups(trx, { ...ticket, resolutionNote: note }, reporters, ctx);
      if (sent > 0) await insertActivity(trx, { ticketId: id, userId: user.id, action: 'followups', detail: `${sent} follow-up mail(s) queued` }, ctx.now);
    }
    return (await findTicketById(trx, id))!;
  });
}

/**
 * "You said, we did": one mail to each contact who mentioned the category in the campaign,
 * once per ticket (a follow-up row per contact), never to opted-out or suppressed contacts.
 */
async function sendFollowups(
  trx: Db,
  ticket: Ticket,
  reporters: Awaited<ReturnType<typeof listReporters>>,
  ctx: TicketContext,
): Promise<number> {
  const already = await listFollowupContactIds(trx, ticket.id);
  let sent = 0;
  for (const r of reporters) {
    if (already.has(r.contactId) || r.optedOut || r.isSuppressed) continue;
    const language = noteLanguageOf(r.language);
    const token = newToken();
    const followupId = await insertFollowup(trx, { ticketId: ticket.id, contactId: r.contactId, language, tokenHash: hashToken(token) }, ctx.now);
    if (followupId === undefined) continue;
    await enqueueMail(
      trx,
      followupMail(
        { followupId, ticketId: ticket.id, token, language, words: r.words, note: noteFor(ticket.resolutionNote, language) },
        { email: r.email, name: r.name },
        ctx.baseUrl,
      ),
      ctx.now,
    );
    sent++;
  }
  return sent;
}

/**
 * An internal comment on a ticket the user may work.
 * @throws NotFoundError
 */
export async function addComment(db: Db, user: CurrentUser, id: number, body: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ticket = await getTicket(trx, user, id);
    if (!canWorkTicket(user, ticket)) throw new NotFoundError(`ticket ${id}`);
    await insertComment(trx, { ticketId: id, userId: user.id, body }, now);
    await insertActivity(trx, { ticketId: id, userId: user.id, action: 'comment', detail: body.slice(0, 80) }, now);
  });
}

/**
 * Days from routing to a new ticket's due date; settings belong to admins.
 * @throws ForbiddenError
 */
export async function getDueDays(db: Db, user: CurrentUser): Promise<number> {
  if (!canAdminister(user)) throw new ForbiddenError('only admins change settings');
  return findDueDays(db);
}

/**
 * Sets the days from routing to a new ticket's due date; tickets already created keep theirs.
 * @throws ForbiddenError
 */
export async function setDueDays(db: Db, user: CurrentUser, days: number): Promise<void> {
  if (!canAdminister(user)) throw new ForbiddenError('only admins change settings');
  await updateDueDays(db, days);
}
