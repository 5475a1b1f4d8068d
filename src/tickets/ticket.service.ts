import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { listActiveTeamMembers, listTeamChoices } from '../accounts/team.repository';
import { isOverdue, reopenSuggestion, requiredNoteLanguages, statusActions, type NoteLanguage, type Ticket } from './ticket';
import { canListTickets, canReviewFollowups, canRouteProblems, canViewTicket, canWorkTicket, followupReviewScope, ticketTeamScope } from './ticket.policy';
import { findTicketById, listCampaignChoices, listTickets, type TicketFilter } from './ticket.repository';
import { insertActivity, insertComment, listActivity, listComments } from './ticket-activity.repository';
import { countFollowups, countUnsentFollowups, listFollowups, listTicketsWithHeldFollowups } from './followup.repository';
import { listReporters } from './reporter.repository';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';

export interface TicketContext {
  now: Date;
  /** Public address used in mailed links. */
  baseUrl: string;
}

export type TicketListFilter = Omit<TicketFilter, 'teamIds'>;

/**
 * Loads a ticket the user may see. Another team's ticket is reported as missing, so its
 * existence does not leak.
 * @throws NotFoundError
 */
export async function getTicket(db: Db, user: CurrentUser, id: number, lang: Language = DEFAULT_LANGUAGE): Promise<Ticket> {
  const ticket = await findTicketById(db, id, lang);
  if (!ticket || !canViewTicket(user, ticket)) throw new NotFoundError(`ticket ${id}`);
  return ticket;
}

/**
 * Loads a ticket the user may work; one they may not is reported as missing.
 * @throws NotFoundError
 */
export async function getWorkableTicket(db: Db, user: CurrentUser, id: number): Promise<Ticket> {
  const ticket = await getTicket(db, user, id);
  if (!canWorkTicket(user, ticket)) throw new NotFoundError(`ticket ${id}`);
  return ticket;
}

/**
 * Tickets the user may see, filtered; members only their teams' (filtered in SQL).
 * @throws ForbiddenError for roles that do not work tickets
 */
export async function listTicketsFor(db: Db, user: CurrentUser, filter: TicketListFilter, now: Date, lang: Language = DEFAULT_LANGUAGE) {
  if (!canListTickets(user)) throw new ForbiddenError('tickets are for teams and quality managers');
  const tickets = await listTickets(db, { ...filter, teamIds: ticketTeamScope(user) }, now, undefined, lang);
  return tickets.map((t) => ({ ...t, isOverdue: isOverdue(t, now) }));
}

/**
 * The ticket list page: the user's tickets, the teams they may filter by (their own for
 * members), the campaigns, whether they may route problems, and for those who approve
 * follow-ups how many tickets wait for them (null for others).
 * @throws ForbiddenError for roles that do not work tickets
 */
export async function getTicketListPage(db: Db, user: CurrentUser, filter: TicketListFilter, now: Date, lang: Language = DEFAULT_LANGUAGE) {
  const tickets = await listTicketsFor(db, user, filter, now, lang);
  const [teams, campaigns, waiting] = await Promise.all([
    listTeamChoices(db, ticketTeamScope(user)),
    listCampaignChoices(db),
    canReviewFollowups(user) ? listTicketsWithHeldFollowups(db, followupReviewScope(user), lang) : null,
  ]);
  return { tickets, teams, campaigns, canRoute: canRouteProblems(user), approvalsWaiting: waiting ? waiting.length : null };
}

/** The languages the resolution note of this ticket must be written in. */
async function noteLanguagesFor(db: Db, ticket: Pick<Ticket, 'campaignId' | 'categoryId'>): Promise<NoteLanguage[]> {
  const reporters = await listReporters(db, ticket.campaignId, ticket.categoryId);
  return requiredNoteLanguages(reporters.map((r) => r.language));
}

/**
 * Everything the ticket page shows, with the status controls the user may use: follow-ups
 * sent, waiting for approval and rejected (with the reviewer's reason), the "No, it did not
 * help" comments, and a suggestion to reopen when many said it did not help.
 * @throws NotFoundError when missing or another team's
 */
export async function getTicketPage(db: Db, user: CurrentUser, id: number, now: Date, lang: Language = DEFAULT_LANGUAGE) {
  const ticket = await getTicket(db, user, id, lang);
  const [comments, activity, followups, followupCounts, unsent, members, noteLanguages] = await Promise.all([
    listComments(db, id),
    listActivity(db, id),
    listFollowups(db, id),
    countFollowups(db, id),
    countUnsentFollowups(db, id),
    listActiveTeamMembers(db, ticket.teamId),
    noteLanguagesFor(db, ticket),
  ]);
  const canWork = canWorkTicket(user, ticket);
  return {
    unsent,
    rejectionNote: followups.find((f) => f.state === 'rejected' && f.reviewNote)?.reviewNote ?? null,
    notHelpful: followups.filter((f) => f.isHelpful === false),
    reopen: reopenSuggestion(followupCounts, ticket.status),
    ticket,
    isOverdue: isOverdue(ticket, now),
    canWork,
    statusActions: statusActions(ticket.status, canWork),
    comments,
    activity,
    followups,
    followupCounts,
    members,
    noteLanguages,
  };
}

/**
 * A ticket with its follow-up counts (the API's single-ticket answer).
 * @throws NotFoundError when missing or another team's
 */
export async function getTicketWithCounts(db: Db, user: CurrentUser, id: number, now: Date) {
  const ticket = await getTicket(db, user, id);
  return { ...ticket, isOverdue: isOverdue(ticket, now), followups: await countFollowups(db, id) };
}

/**
 * An internal comment on a ticket the user may work, logged in its activity.
 * @throws NotFoundError
 */
export async function addComment(db: Db, user: CurrentUser, id: number, body: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await getWorkableTicket(trx, user, id);
    await insertComment(trx, { ticketId: id, userId: user.id, body }, now);
    await insertActivity(trx, { ticketId: id, actor: user, action: 'comment', detail: body.slice(0, 80) }, now);
  });
}
