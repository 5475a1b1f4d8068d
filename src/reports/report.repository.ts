import type { Db } from '../db/database';
import { findCategoryNames, namesInEveryLanguage } from '../catalogue/catalogue.repository';

/** The newest launched campaign in which the customer submitted a response, if any. */
export async function findLatestCampaignOfCustomer(db: Db, customerId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('campaign')
    .innerJoin('response', 'response.campaign_id', 'campaign.id')
    .where('response.customer_id', '=', customerId)
    .where('response.status', '=', 'submitted')
    .where('campaign.launched_at', 'is not', null)
    .select('campaign.id')
    .orderBy('campaign.launched_at', 'desc')
    .orderBy('campaign.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export interface AccountMention {
  id: number;
  text: string;
  rank: number;
  categoryId: number | null;
  categoryNames: Record<string, string> | null;
}

/** The problems the customer's contacts listed in a campaign (submitted answers), best ranks first. */
export async function listAccountMentions(db: Db, campaignId: number, customerId: number): Promise<AccountMention[]> {
  const rows = await db
    .selectFrom('problem_mention as pm')
    .innerJoin('response', 'response.id', 'pm.response_id')
    .where('pm.campaign_id', '=', campaignId)
    .where('response.customer_id', '=', customerId)
    .where('response.status', '=', 'submitted')
    .select(['pm.id', 'pm.text', 'pm.rank', 'pm.category_id'])
    .orderBy('pm.rank')
    .orderBy('pm.id')
    .execute();
  const names = await findCategoryNames(db, rows.flatMap((r) => (r.category_id === null ? [] : [r.category_id])));
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    rank: Number(r.rank),
    categoryId: r.category_id,
    categoryNames: r.category_id === null ? null : namesInEveryLanguage(names.get(r.category_id) ?? {}),
  }));
}

/** The languages of the customer's active contacts, most contacts first, and the customer's own preference. */
export async function listAccountLanguages(db: Db, customerId: number): Promise<{ contactLanguages: string[]; customerLanguage: string | null }> {
  const rows = await db
    .selectFrom('contact')
    .where('customer_id', '=', customerId)
    .where('inactive_at', 'is', null)
    .where('language', 'is not', null)
    .groupBy('language')
    .select(['language', (eb) => eb.fn.countAll<number>().as('n')])
    .orderBy('n', 'desc')
    .orderBy('language')
    .execute();
  const customer = await db.selectFrom('customer').select('language').where('id', '=', customerId).executeTakeFirst();
  return { contactLanguages: rows.map((r) => r.language!), customerLanguage: customer?.language ?? null };
}

/** The launched campaigns the customer answered, newest first (to pick the report's campaign). */
export async function listAccountAnswerCampaigns(db: Db, customerId: number): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('campaign')
    .where('campaign.launched_at', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('response')
          .select('response.id')
          .whereRef('response.campaign_id', '=', 'campaign.id')
          .where('response.customer_id', '=', customerId)
          .where('response.status', '=', 'submitted'),
      ),
    )
    .select(['campaign.id', 'campaign.name'])
    .orderBy('campaign.launched_at', 'desc')
    .orderBy('campaign.id', 'desc')
    .execute();
}
