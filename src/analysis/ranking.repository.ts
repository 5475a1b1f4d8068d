import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database';
import { flagNumber } from '../db/columns';
import type { Database } from '../db/schema';
import type { QuestionOf } from '../surveys/survey-definition';
import { emptyFigures, ratingYesMin, shareOf, shareOfYes, type AnalysisFilter, type ProblemFigures } from './analysis';
import { customersMatching } from './analysis.repository';
import { maxItemsOf } from './campaign-questions';

type BaseRow = { id: number; customer_id: number };

/** Submitted responses of a campaign whose customer matches the filter (a subquery). */
function submittedResponses(db: Db, campaignId: number, filter: AnalysisFilter) {
  let q = db
    .selectFrom('response')
    .select(['response.id as id', 'response.customer_id as customer_id'])
    .where('response.campaign_id', '=', campaignId)
    .where('response.status', '=', 'submitted');
  const customers = customersMatching(db, filter);
  if (customers) q = q.where('response.customer_id', 'in', customers);
  return q as unknown as SelectQueryBuilder<Database, 'response', BaseRow>;
}

/** Submitted responses (matching the filter) that answered the question: the denominator of the shares. */
export async function answeredCount(db: Db, campaignId: number, questionId: string, filter: AnalysisFilter): Promise<number> {
  let q = db.selectFrom('ranking_answered as t').where('t.campaign_id', '=', campaignId).where('t.question_id', '=', questionId);
  const customers = customersMatching(db, filter);
  if (customers) q = q.where('t.customer_id', 'in', customers);
  const row = await q.select((eb) => eb.fn.sum<number>('t.responses').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Mentions, respondents, accounts, share, points and mean rank of each category mentioned in
 * the problem list, each respondent counted once at their best rank: sums of the running totals
 * per customer (db/migrations/0037_ranking_totals.ts), so as fast for 500,000 mentions as for 5.
 */
export async function problemListFigures(db: Db, campaignId: number, question: QuestionOf<'problem_list'>, filter: AnalysisFilter): Promise<ProblemFigures[]> {
  const k = maxItemsOf(question);
  let q = db.selectFrom('ranking_totals as t').where('t.campaign_id', '=', campaignId).where('t.question_id', '=', question.id).where('t.respondents', '>', 0);
  const customers = customersMatching(db, filter);
  if (customers) q = q.where('t.customer_id', 'in', customers);
  const [answered, rows] = await Promise.all([
    answeredCount(db, campaignId, question.id, filter),
    q
      .groupBy('t.category_id')
      .select((eb) => [
        't.category_id as category_id',
        eb.fn.sum<number>('t.respondents').as('respondents'),
        // Each customer row has at least one respondent: the rows are the accounts.
        eb.fn.countAll<number>().as('accounts'),
        // The mean is divided here: PostgreSQL's avg() is numeric and rounds differently from SQLite's.
        eb.fn.sum<number>('t.rank_sum').as('rank_sum'),
      ])
      .execute(),
  ]);
  return rows.map((r) => {
    const respondents = Number(r.respondents);
    const rankSum = Number(r.rank_sum);
    return {
      ...emptyFigures(Number(r.category_id)),
      // One problem list question: a respondent listing a category twice is one mention.
      mentions: respondents,
      respondents,
      accounts: Number(r.accounts),
      share: shareOf(respondents, answered),
      // Σ (K + 1 − best rank) over the respondents.
      points: respondents * (k + 1) - rankSum,
      meanRank: respondents === 0 ? null : rankSum / respondents,
    };
  });
}

/** Share of yes answers to "often?" and "bothers you?" per rated category (null where nobody answered). */
export async function problemRatingShares(
  db: Db,
  campaignId: number,
  question: QuestionOf<'problem_rating'>,
  filter: AnalysisFilter,
): Promise<{ categoryId: number; shareFrequent: number | null; shareBothersome: number | null }[]> {
  // The stored is_* flag wins when present; else the raw answer against the scale's yes threshold.
  const yesMin = ratingYesMin(question.scale);
  const yes = (flag: 'pra.is_frequent' | 'pra.is_bothersome', raw: 'pra.frequency' | 'pra.bother') =>
    sql<number | null>`coalesce(${flagNumber(flag)}, case when ${sql.ref(raw)} >= ${yesMin} then 1 when ${sql.ref(raw)} is not null then 0 end)`;
  const rows = await db
    .with('base', () => submittedResponses(db, campaignId, filter))
    .selectFrom('problem_rating_answer as pra')
    .innerJoin('base', 'base.id', 'pra.response_id')
    .where('pra.campaign_id', '=', campaignId)
    .where('pra.question_id', '=', question.id)
    .groupBy('pra.category_id')
    .select([
      'pra.category_id as category_id',
      sql<number>`sum(${yes('pra.is_frequent', 'pra.frequency')})`.as('frequent_yes'),
      sql<number>`count(${yes('pra.is_frequent', 'pra.frequency')})`.as('frequent_n'),
      sql<number>`sum(${yes('pra.is_bothersome', 'pra.bother')})`.as('bother_yes'),
      sql<number>`count(${yes('pra.is_bothersome', 'pra.bother')})`.as('bother_n'),
    ])
    .execute();
  return rows.map((r) => ({
    categoryId: Number(r.category_id),
    shareFrequent: shareOfYes(Number(r.frequent_yes), Number(r.frequent_n)),
    shareBothersome: shareOfYes(Number(r.bother_yes), Number(r.bother_n)),
  }));
}

/** The categories' names in one language (English where it has none); kept by the catalogue. */
export { categoryNamesIn } from '../catalogue/catalogue.repository';
