import type { Db } from '../db/database';
import { getMailSite } from '../organisation/organisation.service';
import { systemActor } from '../auth/user';
import { NotFoundError } from '../shared/errors';
import { hashToken } from '../shared/tokens';
import { enqueueMail } from '../mail/outbox.repository';
import { listActiveUsersWithRole } from '../accounts/user.repository';
import { findFollowupByTokenHash, findNotHelpfulSubject, updateFollowupAnswer } from '../tickets/followup.repository';
import { insertActivity } from '../tickets/ticket-activity.repository';
import { followupTexts } from '../tickets/followup-texts';
import { notHelpfulMail } from '../tickets/ticket-mail';
import { noteFor, noteLanguageOf } from '../tickets/ticket';
import { emitWebhookEvent } from '../webhooks/webhook-queue.service';

/**
 * The "did this help?" page behind a follow-up link, in the contact's language. Reading
 * changes nothing (mail scanners open every link).
 * @throws NotFoundError for an unknown token
 */
export async function getFollowup(db: Db, token: string) {
  const followup = await findFollowupByTokenHash(db, hashToken(token));
  if (!followup) throw new NotFoundError('follow-up');
  const language = noteLanguageOf(followup.language);
  return {
    language,
    texts: followupTexts(language),
    note: noteFor(followup.resolutionNote, language),
    answeredAt: followup.answeredAt,
    isHelpful: followup.isHelpful,
    comment: followup.comment,
  };
}

export interface FollowupAnswer {
  isHelpful: boolean;
  /** What is still wrong; kept with a "No" answer only. */
  comment: string | null;
}

/**
 * Records the contact's answer; answering again replaces the earlier answer. A "No, it did not
 * help" answer (or a new comment with it) mails the ticket's team and every active quality
 * manager at once, through the outbox in the same transaction, and is logged on the ticket;
 * sending the same answer twice tells nobody twice.
 * @throws NotFoundError for an unknown token
 */
export async function answerFollowup(db: Db, token: string, answer: FollowupAnswer, ctx: { now: Date; baseUrl: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const followup = await findFollowupByTokenHash(trx, hashToken(token));
    if (!followup) throw new NotFoundError('follow-up');
    const comment = answer.isHelpful ? null : answer.comment;
    await updateFollowupAnswer(trx, followup.id, answer.isHelpful, ctx.now, comment);
    if (followup.answeredAt === null || followup.isHelpful !== answer.isHelpful || followup.comment !== comment) {
      await emitWebhookEvent(trx, 'followup.answered', { followupId: followup.id, ticketId: followup.ticketId, contactId: followup.contactId, isHelpful: answer.isHelpful, comment, answeredAt: ctx.now.toISOString() }, ctx.now);
    }
    const isNews = !answer.isHelpful && (followup.isHelpful !== false || (comment !== null && comment !== followup.comment));
    if (!isNews) return;
    const subject = await findNotHelpfulSubject(trx, followup.id);
    if (!subject) return;
    const alert = { ...subject, comment };
    const recipients = [...(subject.team.isActive ? [subject.team] : []), ...(await listActiveUsersWithRole(trx, 'manager'))];
    for (const to of recipients) await enqueueMail(trx, notHelpfulMail(alert, to, await getMailSite(trx, ctx.baseUrl)), ctx.now);
    const who = subject.contactName ?? subject.contactEmail;
    const detail = `${who} (${subject.customerName})${comment ? `: ${comment.slice(0, 200)}` : ''}`;
    await insertActivity(trx, { ticketId: followup.ticketId, actor: systemActor('follow-up answer'), action: 'not_helpful', detail }, ctx.now);
  });
}
