// Resolving from the ticket page: the note is checked and saved, the follow-up mails are
// previewed as each reporter will read them, and only the confirmation resolves and sends.
import { getMailSite } from '../organisation/organisation.service';
import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ValidationError } from '../shared/errors';
import { canMoveTo, isSameNote, mergeNote, missingNoteLanguages, requiredNoteLanguages, type NoteLanguage, type ResolutionNote, type Ticket, type TicketStatus } from './ticket';
import { planFollowups, previewDigest, type FollowupSummaryPlan } from './followup';
import { listFollowupContactIds } from './followup.repository';
import { listReporters } from './reporter.repository';
import { updateTicket as updateTicketRow } from './ticket.repository';
import { insertActivity } from './ticket-activity.repository';
import { previewFollowupMails, type MailPreviewGroup } from './followup-mail';
import { readApprovalRequired } from './ticket-settings.service';
import { getWorkableTicket, type TicketContext } from './ticket.service';
import { applyTicketUpdate, checkNoteCoversReporters, invalidMove, updateTicket } from './ticket-update.service';
import type { FollowupOutcome } from './followup-dispatch.service';

export interface ResolvePreview {
  ticket: Ticket;
  /** Languages the note still lacks; while any is missing the ticket cannot be resolved. */
  missingLanguages: NoteLanguage[];
  isApprovalRequired: boolean;
  /** "12 contacts will get this mail: 8 in Swedish, 4 in English; 2 opted out and will not." */
  /** Who gets the mail and who does not, for the page's one-line summary (followupSummary). */
  followupPlan: FollowupSummaryPlan;
  groups: MailPreviewGroup[];
  notMailed: { name: string | null; email: string; reason: string }[];
  /** What the confirmation must match (the note and the recipients shown). */
  digest: string;
}

/** @throws NotFoundError, ConflictError when the ticket cannot be resolved from its status */
async function loadTicketToResolve(db: Db, user: CurrentUser, id: number): Promise<Ticket> {
  const ticket = await getWorkableTicket(db, user, id);
  if (!canMoveTo(ticket.status, 'resolved')) throw invalidMove(ticket.status, 'resolved');
  return ticket;
}

/**
 * The first step of resolving from the page: the note must cover every reporting customer's
 * language; it is saved (logged when it changed) and nothing else happens, nobody is mailed.
 * @throws NotFoundError, ConflictError (cannot be resolved now), ValidationError keyed `resolutionNote.<lang>`
 */
export async function saveNoteForResolving(db: Db, user: CurrentUser, id: number, given: ResolutionNote | undefined, ctx: TicketContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ticket = await loadTicketToResolve(trx, user, id);
    const note = mergeNote(ticket.resolutionNote, given);
    checkNoteCoversReporters(note, await listReporters(trx, ticket.campaignId, ticket.categoryId));
    if (isSameNote(note, ticket.resolutionNote)) return;
    await updateTicketRow(trx, id, { resolutionNote: note }, ctx.now);
    await insertActivity(trx, { ticketId: id, actor: user, action: 'resolution_note', detail: `languages: ${Object.keys(note).join(', ') || 'none'}` }, ctx.now);
  });
}

/**
 * A status control of the ticket page. Resolving only saves the note and answers `confirm`:
 * the confirmation page follows and nothing is sent yet; any other move happens at once.
 * @throws as saveNoteForResolving and updateTicket
 */
export async function changeStatusFromPage(
  db: Db,
  user: CurrentUser,
  id: number,
  to: TicketStatus,
  note: ResolutionNote | undefined,
  ctx: TicketContext,
): Promise<'confirm' | 'moved'> {
  if (to === 'resolved') {
    await saveNoteForResolving(db, user, id, note, ctx);
    return 'confirm';
  }
  await updateTicket(db, user, id, { status: to, resolutionNote: note }, ctx);
  return 'moved';
}

async function buildPreview(db: Db, ticket: Ticket, baseUrl: string): Promise<ResolvePreview> {
  const [reporters, told, isApprovalRequired] = await Promise.all([
    listReporters(db, ticket.campaignId, ticket.categoryId),
    listFollowupContactIds(db, ticket.id),
    readApprovalRequired(db),
  ]);
  const plan = planFollowups(reporters, told);
  const reason = (why: string) => (r: { name: string | null; email: string }) => ({ name: r.name, email: r.email, reason: why });
  return {
    ticket,
    missingLanguages: missingNoteLanguages(ticket.resolutionNote, requiredNoteLanguages(reporters.map((r) => r.language))),
    isApprovalRequired,
    followupPlan: plan,
    groups: previewFollowupMails(plan.recipients, ticket.resolutionNote, await getMailSite(db, baseUrl)),
    notMailed: [
      ...plan.optedOut.map(reason('tickets.notMailed.optedOut')),
      ...plan.suppressed.map(reason('tickets.notMailed.suppressed')),
      ...plan.alreadyTold.map(reason('tickets.notMailed.alreadyTold')),
    ],
    digest: previewDigest(ticket.resolutionNote, plan.recipients.map((r) => r.contactId)),
  };
}

/**
 * The confirmation page of resolving: the follow-up mail as each reporter will receive it, in
 * their language, with the counts of who gets it and who does not. Reading changes nothing.
 * @throws NotFoundError, ConflictError (cannot be resolved now)
 */
export async function getResolvePreview(db: Db, user: CurrentUser, id: number, ctx: TicketContext): Promise<ResolvePreview> {
  return buildPreview(db, await loadTicketToResolve(db, user, id), ctx.baseUrl);
}

/**
 * Resolves the ticket as previewed and sends (or, with approval required, holds) the
 * follow-ups. Refused when the note or the recipients changed since the preview was shown.
 * @throws NotFoundError, ConflictError, ValidationError (note incomplete, or preview out of date)
 */
export async function confirmResolving(db: Db, user: CurrentUser, id: number, digest: string, ctx: TicketContext): Promise<FollowupOutcome> {
  return db.transaction().execute(async (trx) => {
    const ticket = await loadTicketToResolve(trx, user, id);
    const preview = await buildPreview(trx, ticket, ctx.baseUrl);
    if (preview.digest !== digest) {
      throw new ValidationError('tickets.errors.previewChanged');
    }
    const { followups } = await applyTicketUpdate(trx, user, ticket, { status: 'resolved' }, ctx);
    return followups ?? { queued: 0, held: 0 };
  });
}
