// How follow-up mails reach the outbox, shared by resolving and by approving: each mail is
// queued in the caller's transaction, so it exists exactly when the change commits.
import { getMailSite } from '../organisation/organisation.service';
import type { Db } from '../db/database';
import type { Actor } from '../auth/user';
import { newToken, hashToken } from '../shared/tokens';
import { enqueueMail } from '../mail/outbox.repository';
import { findCategoryNames } from '../catalogue/catalogue.repository';
import { listActiveUsersWithRole } from '../accounts/user.repository';
import { noteFor, type NoteLanguage, type Ticket } from './ticket';
import { planFollowups } from './followup';
import { insertFollowupIfNew, listFollowupContactIds, listKamsOfHeldFollowups, updateFollowupSent } from './followup.repository';
import type { Reporter } from './reporter.repository';
import { insertActivity } from './ticket-activity.repository';
import { followupMail } from './followup-mail';
import { newFollowupSalt } from './followup-token';
import { followupApprovalMail } from './ticket-mail';
import { readApprovalRequired } from './ticket-settings.service';
import type { TicketContext } from './ticket.service';

export interface FollowupOutcome {
  /** Mails queued now. */
  queued: number;
  /** Follow-ups waiting for approval. */
  held: number;
}

const mails = (n: number) => `${n} follow-up mail${n === 1 ? '' : 's'}`;

/**
 * Queues one contact's follow-up mail with a new salt for its link. The mail holds a placeholder
 * where the worker puts the token derived from the salt at send time (followup-token.ts); until
 * then the stored hash matches no link.
 */
export async function sendFollowup(
  trx: Db,
  followupId: number,
  ticket: Pick<Ticket, 'id' | 'resolutionNote'>,
  reporter: Pick<Reporter, 'email' | 'name' | 'words'> & { mailLanguage: NoteLanguage },
  ctx: TicketContext,
): Promise<void> {
  await updateFollowupSent(trx, followupId, { tokenHash: hashToken(newToken()), tokenSalt: newFollowupSalt() }, ctx.now);
  const language = reporter.mailLanguage;
  await enqueueMail(
    trx,
    followupMail(
      { followupId, ticketId: ticket.id, language, words: reporter.words, note: noteFor(ticket.resolutionNote, language) },
      { email: reporter.email, name: reporter.name },
      await getMailSite(trx, ctx.baseUrl),
    ),
    ctx.now,
  );
}

/**
 * Tells the approvers that follow-ups of the ticket wait: every active quality manager, and
 * the active KAM of each account concerned (with their accounts' count).
 */
export async function mailApprovers(trx: Db, ticket: Pick<Ticket, 'id' | 'title' | 'teamName' | 'categoryId'>, waiting: number, ctx: TicketContext): Promise<void> {
  const [managers, kams, names] = await Promise.all([listActiveUsersWithRole(trx, 'manager'), listKamsOfHeldFollowups(trx, ticket.id), findCategoryNames(trx, [ticket.categoryId])]);
  // Each mail names the category in its recipient's language.
  const titled = { id: ticket.id, title: ticket.title, teamName: ticket.teamName, names: names.get(ticket.categoryId) };
  for (const m of managers) await enqueueMail(trx, followupApprovalMail({ ...titled, waiting }, m, await getMailSite(trx, ctx.baseUrl)), ctx.now);
  for (const k of kams) await enqueueMail(trx, followupApprovalMail({ ...titled, waiting: k.waiting }, k, await getMailSite(trx, ctx.baseUrl)), ctx.now);
}

/**
 * "You said, we did" on resolving: a follow-up for each contact who mentioned the category in
 * the campaign, once per ticket, never for opted-out contacts or suppressed addresses
 * (planFollowups). With approval required they wait (held, no mail) and the approvers are
 * told; otherwise each mail is queued now. Logged in the ticket's activity.
 */
export async function queueFollowupsOfResolvedTicket(trx: Db, ticket: Ticket, reporters: Reporter[], actor: Actor, ctx: TicketContext): Promise<FollowupOutcome> {
  const plan = planFollowups(reporters, await listFollowupContactIds(trx, ticket.id));
  const isHeld = await readApprovalRequired(trx);
  const outcome: FollowupOutcome = { queued: 0, held: 0 };
  for (const r of plan.recipients) {
    // Every follow-up starts held; its link token is made when its mail is queued, so until then
    // its stored hash matches no link.
    const followupId = await insertFollowupIfNew(trx, { ticketId: ticket.id, contactId: r.contactId, language: r.mailLanguage, tokenHash: hashToken(newToken()) }, ctx.now);
    if (followupId === undefined) continue;
    if (isHeld) {
      outcome.held++;
    } else {
      await sendFollowup(trx, followupId, ticket, r, ctx);
      outcome.queued++;
    }
  }
  if (outcome.queued > 0) await insertActivity(trx, { ticketId: ticket.id, actor, action: 'followups', detail: `${outcome.queued} follow-up mail(s) queued` }, ctx.now);
  if (outcome.held > 0) {
    await insertActivity(trx, { ticketId: ticket.id, actor, action: 'followups_held', detail: `${mails(outcome.held)} waiting for approval` }, ctx.now);
    await mailApprovers(trx, ticket, outcome.held, ctx);
  }
  return outcome;
}
