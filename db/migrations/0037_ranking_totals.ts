import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// The ranked-problems page summed every mention of a campaign on each view; these running
// totals make it independent of their number. Per campaign, problem-list question, category
// and customer: how many submitted responses mention the category (each counted once, at its
// best rank) and the sum of those best ranks (points = respondents × (K + 1) − rank_sum, K being
// the question's maximum number of items). Per campaign, question and customer: how many
// submitted responses answered the question (the share's denominator). The app keeps both in
// the transaction of every write that changes them (src/db/ranking-totals.repository.ts).

/** Each submitted response's best rank per category, summed per customer; set-based, both engines. */
export const FILL_RANKING_TOTALS_SQL = `
  insert into ranking_totals (campaign_id, question_id, category_id, customer_id, respondents, rank_sum)
  select campaign_id, question_id, category_id, customer_id, count(*), sum(best_rank)
  from (
    select r.campaign_id as campaign_id, pm.question_id as question_id, pm.category_id as category_id,
           r.customer_id as customer_id, min(pm.rank) as best_rank
    from response r
    join problem_mention pm on pm.response_id = r.id
    where r.status = 'submitted' and pm.category_id is not null
    group by r.campaign_id, pm.question_id, pm.category_id, r.customer_id, r.id
  ) best
  group by campaign_id, question_id, category_id, customer_id`;

/** The submitted responses that answered each question, per customer. */
export const FILL_RANKING_ANSWERED_SQL = `
  insert into ranking_answered (campaign_id, question_id, customer_id, responses)
  select r.campaign_id, av.question_id, r.customer_id, count(distinct r.id)
  from response r
  join answer_value av on av.response_id = r.id
  where r.status = 'submitted'
  group by r.campaign_id, av.question_id, r.customer_id`;

export async function up(db: Kysely<any>): Promise<void> {
  // On SQLite the rows are stored in key order (WITHOUT ROWID): a campaign is one contiguous
  // range, read without a lookup per row, and a customer's rows in it (what each submission
  // replaces, and what a segment or KAM filter reads) a range within it. The customer comes
  // before the question in the key: with the customer last, SQLite (without statistics) deleted
  // a customer's rows by scanning the whole campaign on every submission.
  const clustered = columnShapes(db).isPostgres ? sql`` : sql`without rowid`;
  await db.schema
    .createTable('ranking_totals')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customer.id').onDelete('cascade'))
    .addColumn('respondents', 'integer', (c) => c.notNull())
    .addColumn('rank_sum', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ranking_totals_pk', ['campaign_id', 'customer_id', 'question_id', 'category_id'])
    .modifyEnd(clustered)
    .execute();
  // A customer's rows, for the refresh after each of its writes (and the cascade).
  await db.schema.createIndex('ranking_totals_customer_idx').on('ranking_totals').columns(['customer_id', 'campaign_id']).execute();
  await db.schema
    .createTable('ranking_answered')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customer.id').onDelete('cascade'))
    .addColumn('responses', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ranking_answered_pk', ['campaign_id', 'customer_id', 'question_id'])
    .modifyEnd(clustered)
    .execute();
  await db.schema.createIndex('ranking_answered_customer_idx').on('ranking_answered').columns(['customer_id', 'campaign_id']).execute();
  await sql.raw(FILL_RANKING_TOTALS_SQL).execute(db);
  await sql.raw(FILL_RANKING_ANSWERED_SQL).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ranking_answered').execute();
  await db.schema.dropTable('ranking_totals').execute();
}
