import { Kysely } from 'kysely';

// The ranked-problems page shows, for its first categories, the best-ranked verbatims and the
// first accounts by name. With mentions indexed by campaign, category and rank (then id), each
// category's first verbatims are read in order and the read stops at the limit, instead of
// ranking every mention of the category; responses by customer and campaign let the accounts be
// found from the customers, in name order.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('problem_mention_verbatim_idx').on('problem_mention').columns(['campaign_id', 'category_id', 'rank', 'id']).execute();
  await db.schema.createIndex('response_customer_campaign_idx').on('response').columns(['customer_id', 'campaign_id', 'status', 'contact_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('response_customer_campaign_idx').execute();
  await db.schema.dropIndex('problem_mention_verbatim_idx').execute();
}
