import type { Db } from '../db/database';
import type { FollowupCandidate } from './followup';

/** A contact who mentioned a ticket's problem: who hears what was done about it. */
export type Reporter = FollowupCandidate;

/**
 * Contacts who mentioned the category in the campaign, with their words, the language they
 * answered in and whether their address is suppressed.
 */
export async function listReporters(db: Db, campaignId: number, categoryId: number): Promise<Reporter[]> {
  const rows = await db
    .selectFrom('problem_mention')
    .innerJoin('response', 'response.id', 'problem_mention.response_id')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select([
      'contact.id as contact_id',
      'contact.email',
      'contact.name',
      'contact.opted_out_at',
      'response.language as response_language',
      'contact.language as contact_language',
      'customer.language as customer_language',
      'problem_mention.text',
      'problem_mention.rank',
    ])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('suppression').select('suppression.email').where('suppression.email', '=', eb.fn<string>('lower', ['contact.email'])))
        .as('is_suppressed'),
    )
    .where('problem_mention.campaign_id', '=', campaignId)
    .where('problem_mention.category_id', '=', categoryId)
    .orderBy('contact.id')
    .orderBy('problem_mention.rank')
    .execute();
  const byContact = new Map<number, Reporter>();
  for (const r of rows) {
    let reporter = byContact.get(r.contact_id);
    if (!reporter) {
      reporter = {
        contactId: r.contact_id,
        email: r.email,
        name: r.name,
        isOptedOut: r.opted_out_at !== null,
        isSuppressed: Boolean(r.is_suppressed),
        language: r.response_language || r.contact_language || r.customer_language,
        words: [],
      };
      byContact.set(r.contact_id, reporter);
    }
    if (r.text.trim()) reporter.words.push(r.text);
  }
  return [...byContact.values()];
}
