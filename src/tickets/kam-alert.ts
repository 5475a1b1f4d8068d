import type { Db } from '../db/database';
import { enqueueMail } from '../mail/outbox.repository';
import { campaignQuestions } from '../analysis/campaign-questions';
import type { SubmissionHook } from '../surveys/response.service';
import { kamAlertMail, type AlertAnswer } from './ticket-mail';

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
  const row = await trx
    .selectFrom('response')
    .innerJoin('campaign', 'campaign.id', 'response.campaign_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .innerJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .select([
      'response.id',
      'response.customer_id',
      'campaign.name as campaign_name',
      'campaign.definition',
      'customer.name as customer_name',
      'contact.name as contact_name',
      'contact.email as contact_email',
      'kam.name as kam_name',
      'kam.email as kam_email',
      'kam.is_active as kam_active',
    ])
    .where('response.id', '=', responseId)
    .executeTakeFirst();
  if (!row || row.kam_active !== 1) return false;
  const already = await trx.selectFrom('outbox').select('id').where('kind', '=', 'kam_alert').where('ref_type', '=', 'response').where('ref_id', '=', responseId).executeTakeFirst();
  if (already) return false;

  const questions = campaignQuestions(row.definition).all;
  const values = await trx.selectFrom('answer_value').select(['question_id', 'value']).where('response_id', '=', responseId).where('value', 'is not', null).execute();
  const answers: AlertAnswer[] = [];
  for (const v of values) {
    const q = questions.find((x) => x.id === v.question_id);
    if (!q || (q.type !== 'nps' && q.type !== 'rating') || v.value === null) continue;
    if (!isAlarming(q.type, v.value)) continue;
    answers.push({ question: q.text.en || q.id, value: v.value, scale: q.type === 'nps' ? '0–10' : `1–${q.scale}` });
  }
  if (!answers.length) return false;
  await enqueueMail(
    trx,
    kamAlertMail(
      {
        responseId,
        customerId: row.customer_id,
        customerName: row.customer_name,
        contactName: row.contact_name,
        contactEmail: row.contact_email,
        campaignName: row.campaign_name,
        answers,
      },
      { email: row.kam_email, name: row.kam_name },
      options.baseUrl ?? '',
    ),
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
