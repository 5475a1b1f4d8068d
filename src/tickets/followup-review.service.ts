// Follow-ups checked before they go: with approval required, a resolved ticket's follow-ups
// wait until a quality manager (any account) or the account's KAM (their accounts) approves
// or rejects them.
import { getMailSite } from '../organisation/organisation.service';
import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { enqueueMail } from '../mail/outbox.repository';
import { findTeamById } from '../accounts/team.repository';
import { noteLanguageOf, type NoteLanguage, type Ticket } from './ticket';
import { canSendFollowupsOf, planFollowups, previewDigest, type FollowupSummaryPlan } from './followup';
import { canReviewFollowups, followupReviewScope } from './ticket.policy';
import { findTicketById } from './ticket.repository';
import { findCategoryNames } from '../catalogue/catalogue.repository';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';
import {
  deleteUnsentFollowups,
  listFollowupsInState,
  listTicketsWithHeldFollowups,
  updateFollowupsRejected,
  updateRejectedFollowupsHeld,
  type UnsentFollowup,
} from './followup.repository';
import { listReporters, type Reporter } from './reporter.repository';
import { insertActivity } from './ticket-activity.repository';
import { previewFollowupMails, type MailPreviewGroup } from './followup-mail';
import { followupRejectedMail } from './ticket-mail';
import { mailApprovers, sendFollowup } from './followup-dispatch.service';
import { getWorkableTicket, type TicketContext } from './ticket.service';

const mails = (n: number) => `${n} follow-up mail${n === 1 ? '' : 's'}`;

/** @throws ForbiddenError for roles that do not approve follow-ups */
function requireReviewer(user: CurrentUser) {
  if (!canReviewFollowups(user)) throw new ForbiddenError('follow-ups are approved by quality managers and KAMs');
}

/**
 * Tickets whose follow-ups wait for the user's approval: every one for quality managers and
 * admins, those to a KAM's own accounts for a KAM (filtered in SQL).
 * @throws ForbiddenError (team members)
 */
export async function listFollowupApprovals(db: Db, user: CurrentUser, lang: Language = DEFAULT_LANGUAGE) {
  requireReviewer(user);
  return listTicketsWithHeldFollowups(db, followupReviewScope(user), lang);
}

/** How many tickets wait for the user's approval; null when the user does not approve follow-ups. */
export async function countFollowupApprovals(db: Db, user: CurrentUser): Promise<number | null> {
  if (!canReviewFollowups(user)) return null;
  return (await listTicketsWithHeldFollowups(db, followupReviewScope(user))).length;
}

interface HeldReview {
  ticket: Ticket;
  held: UnsentFollowup[];
  /** Held follow-ups that can still be sent, with the reporter's words and the mail's language. */
  sendable: { followup: UnsentFollowup; reporter: Reporter & { mailLanguage: NoteLanguage } }[];
  /** Held follow-ups whose contact opted out, bounced or no longer reported the problem. */
  /** `reason` is a key of the staff catalogue; `email` is empty when the contact is gone (then `customer` says whose it was). */
  unsendable: { followup: UnsentFollowup; name: string | null; email: string; customer: string; reason: string }[];
  digest: string;
}

/** The held follow-ups of the ticket the user may decide on. @throws NotFoundError (none in scope) */
async function loadHeldReview(db: Db, user: CurrentUser, ticketId: number, lang: Language = DEFAULT_LANGUAGE): Promise<HeldReview> {
  const ticket = await findTicketById(db, ticketId, lang);
  if (!ticket) throw new NotFoundError(`ticket ${ticketId}`);
  const held = await listFollowupsInState(db, ticketId, 'held', followupReviewScope(user));
  // A KAM with no waiting follow-up on this ticket learns nothing about it.
  if (!held.length) throw new NotFoundError(`no follow-ups of ticket ${ticketId} wait for user ${user.id}`);
  const reporters = new Map((await listReporters(db, ticket.campaignId, ticket.categoryId)).map((r) => [r.contactId, r]));
  const review: HeldReview = { ticket, held, sendable: [], unsendable: [], digest: '' };
  for (const f of held) {
    const r = reporters.get(f.contactId);
    const plan = r ? planFollowups([r], new Set()) : null;
    const recipient = plan?.recipients[0];
    if (r && recipient) review.sendable.push({ followup: f, reporter: { ...recipient, mailLanguage: noteLanguageOf(f.language) } });
    else
      review.unsendable.push({
        followup: f,
        name: r?.name ?? null,
        email: r?.email ?? '',
        customer: f.customerName,
        reason: !r ? 'tickets.notMailed.noLongerReporting' : r.isOptedOut ? 'tickets.notMailed.optedOut' : 'tickets.notMailed.suppressed',
      });
  }
  review.digest = previewDigest(ticket.resolutionNote, held.map((f) => f.id));
  return review;
}

export interface FollowupReviewPage {
  ticket: Pick<Ticket, 'id' | 'title' | 'teamName' | 'campaignName' | 'categoryName' | 'resolvedAt'>;
  /** The resolution note in each language a waiting mail is written in. */
  notes: { language: NoteLanguage; text: string }[];
  /** Who gets the mails, for the page's one-line summary (followupSummary). */
  followupPlan: FollowupSummaryPlan;
  groups: MailPreviewGroup[];
  notMailed: { name: string | null; email: string; customer?: string; reason: string }[];
  accounts: string[];
  /** False while the ticket is being worked again (reopened): its mails cannot be approved then. */
  canApprove: boolean;
  digest: string;
}

/**
 * The waiting follow-ups of one ticket as their recipients will read them, limited to the
 * KAM's accounts for a KAM. Reading changes nothing.
 * @throws ForbiddenError (team members), NotFoundError (no follow-up of the ticket waits for this user)
 */
export async function getFollowupReview(db: Db, user: CurrentUser, ticketId: number, ctx: TicketContext, lang: Language = DEFAULT_LANGUAGE): Promise<FollowupReviewPage> {
  requireReviewer(user);
  const review = await loadHeldReview(db, user, ticketId, lang);
  const t = review.ticket;
  const recipients = review.sendable.map((s) => s.reporter);
  const groups = previewFollowupMails(recipients, t.resolutionNote, await getMailSite(db, ctx.baseUrl));
  return {
    ticket: { id: t.id, title: t.title, teamName: t.teamName, campaignName: t.campaignName, categoryName: t.categoryName, resolvedAt: t.resolvedAt },
    notes: groups.map((g) => ({ language: g.language, text: t.resolutionNote[g.language] ?? '' })),
    followupPlan: { recipients, optedOut: [], suppressed: [], alreadyTold: [] },
    groups,
    notMailed: review.unsendable.map(({ name, email, customer, reason }) => ({ name, email, customer, reason })),
    accounts: [...new Set(review.held.map((f) => f.customerName))].sort(),
    canApprove: canSendFollowupsOf(t.status),
    digest: review.digest,
  };
}

/**
 * Approves the waiting follow-ups the user may decide on, as reviewed: each mail is queued with
 * a fresh link; contacts who opted out or bounced since are dropped (as if never planned).
 * Refused when the note or the waiting mails changed since the review page was shown, and
 * while the ticket is reopened (what the mails say was done is not true yet).
 * @throws ForbiddenError, NotFoundError, ConflictError (reopened), ValidationError (review out of date)
 */
export async function approveFollowups(db: Db, user: CurrentUser, ticketId: number, digest: string, ctx: TicketContext): Promise<{ queued: number; dropped: number }> {
  requireReviewer(user);
  return db.transaction().execute(async (trx) => {
    const review = await loadHeldReview(trx, user, ticketId);
    if (!canSendFollowupsOf(review.ticket.status)) throw new ConflictError('tickets.errors.reopenedNoApproval');
    if (review.digest !== digest) throw new ValidationError('tickets.errors.reviewChanged');
    for (const { followup, reporter } of review.sendable) await sendFollowup(trx, followup.id, review.ticket, reporter, ctx);
    await deleteUnsentFollowups(trx, review.unsendable.map((u) => u.followup.id));
    const queued = review.sendable.length;
    const dropped = review.unsendable.length;
    const detail = `${mails(queued)} approved and queued${dropped ? `; ${dropped} dropped (opted out or bounced since)` : ''}`;
    await insertActivity(trx, { ticketId, actor: user, action: 'followups_approved', detail }, ctx.now);
    return { queued, dropped };
  });
}

/**
 * Rejects the waiting follow-ups the user may decide on: nobody is mailed, the reason is kept
 * on them and the owning team is told, so it can change the note and ask again.
 * @throws ForbiddenError, NotFoundError
 */
export async function rejectFollowups(db: Db, user: CurrentUser, ticketId: number, reason: string, ctx: TicketContext): Promise<{ rejected: number }> {
  requireReviewer(user);
  return db.transaction().execute(async (trx) => {
    const review = await loadHeldReview(trx, user, ticketId);
    const ids = review.held.map((f) => f.id);
    await updateFollowupsRejected(trx, ids, reason);
    await insertActivity(trx, { ticketId, actor: user, action: 'followups_rejected', detail: `${mails(ids.length)}: ${reason}` }, ctx.now);
    const team = await findTeamById(trx, review.ticket.teamId);
    if (team) {
      const names = (await findCategoryNames(trx, [review.ticket.categoryId])).get(review.ticket.categoryId);
      const mail = followupRejectedMail({ id: ticketId, title: review.ticket.title, names, reviewerName: user.name, reason, rejected: ids.length }, team, await getMailSite(trx, ctx.baseUrl));
      await enqueueMail(trx, mail, ctx.now);
    }
    return { rejected: ids.length };
  });
}

/**
 * After a rejection the team (usually with a changed note) asks again: the rejected
 * follow-ups wait for approval once more and the approvers are told.
 * @throws NotFoundError (not the user's to work), ConflictError (nothing was rejected)
 */
export async function resubmitFollowups(db: Db, user: CurrentUser, ticketId: number, ctx: TicketContext): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ticket = await getWorkableTicket(trx, user, ticketId);
    const n = await updateRejectedFollowupsHeld(trx, ticketId);
    if (n === 0) throw new ConflictError('tickets.errors.noneRejected');
    await insertActivity(trx, { ticketId, actor: user, action: 'followups_resubmitted', detail: `${mails(n)} waiting for approval again` }, ctx.now);
    await mailApprovers(trx, ticket, n, ctx);
    return n;
  });
}
