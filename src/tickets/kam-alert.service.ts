import type { Db } from '../db/database';
import { getMailSite } from '../organisation/organisation.service';
import { enqueueMail } from '../mail/outbox.repository';
import { campaignQuestions } from '../analysis/campaign-questions';
import type { SubmissionHook } from '../surveys/response.service';
import { findAlertSubject, hasKamAlert, listNumericAnswers } from './kam-alert.repository';
import { kamAlertMail, type AlertAnswer } from './kam-alert-mail';
import { emitWebhookEvent } from '../webhooks/webhook-queue.service';

/** Very negative: NPS 0–6, or a rating of 1–2. */
export function isAlarming(type: 'nps' | 'rating', value: number): boolean {
  return type === 'nps' ? value <= 6 : value <= 2;
}

/**
 * The inner loop: when a submitted response has an NPS of 0–6 or any rating of 1–2, the
 * account's KAM gets a mail at once (through the outbox, in the caller's transaction) with
 * those answers and a link to the account. Once per response; nothing when the account
 * has no active KAM. Returns whether a mail was queued.
 */
export async function alertKamOnNegativeAnswers(trx: Db, responseId: number, now: Date, options: { baseUrl?: string } = {}): Promise<boolean> {
  const subject = await findAlertSubject(trx, responseId);
  if (!subject || !subject.kam.isActive) return false;
  if (await hasKamAlert(trx, responseId)) return false;

  const questions = campaignQuestions(subject.definition).all;
  const answers: AlertAnswer[] = [];
  const raised: { questionId: string; value: number }[] = [];
  for (const { questionId, value } of await listNumericAnswers(trx, responseId)) {
    const q = questions.find((x) => x.id === questionId);
    if (!q || (q.type !== 'nps' && q.type !== 'rating')) continue;
    if (!isAlarming(q.type, value)) continue;
    answers.push({ question: q.text.en || q.id, value, scale: q.type === 'nps' ? '0–10' : `1–${q.scale}` });
    raised.push({ questionId, value });
  }
  if (!answers.length) return false;
  await enqueueMail(
    trx,
    kamAlertMail(
      {
        responseId,
        customerId: subject.customerId,
        customerName: subject.customerName,
        contactName: subject.contactName,
        contactEmail: subject.contactEmail,
        campaignName: subject.campaignName,
        answers,
      },
      subject.kam,
      await getMailSite(trx, options.baseUrl ?? ''),
    ),
    now,
  );
  await emitWebhookEvent(
    trx,
    'kam_alert.raised',
    { responseId, campaignId: subject.campaignId, customerId: subject.customerId, contactId: subject.contactId, kamUserId: subject.kam.id, answers: raised, raisedAt: now.toISOString() },
    now,
  );
  return true;
}

/** The submission hook the respondent pages run inside their submit transaction. */
export function kamAlertHook(baseUrl: string): SubmissionHook {
  return async (trx, submitted) => {
    await alertKamOnNegativeAnswers(trx, submitted.responseId, submitted.now, { baseUrl });
  };
}
