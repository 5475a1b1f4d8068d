import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { NotFoundError } from '../shared/errors';
import { orderProblems, type AnalysisFilter, type ProblemFigures, type RankedProblem, type RankOrder } from './analysis';
import { customersMatching } from './analysis.repository';
import { campaignQuestions, maxItemsOf } from './campaign-questions';

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

export interface RankOptions {
  /** Defaults to points when the campaign has a problem list, else problem score. */
  orderBy?: RankOrder;
  /** Category names in this language (default English). */
  language?: 'en' | 'sv' | 'da';
}

/**
 * The ranked problem list of a campaign, exactly as docs/scoring.md defines it, for the
 * submitted responses whose customer matches the filter. Every figure is aggregated by the
 * database (GROUP BY); only the per-category rows are ordered here. Numbers are unrounded.
 * @throws NotFoundError when the campaign does not exist
 */
export async function rankProblems(
  db: Db,
  campaignId: number,
  filter: AnalysisFilter = {},
  options: RankOptions = {},
): Promise<RankedProblem[]> {
  const campaign = await db.selectFrom('campaign').select(['id', 'definition']).where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const { problemList, problemRating } = campaignQuestions(campaign.definition);
  const figures = new Map<number, ProblemFigures>();
  const blank = (categoryId: number): ProblemFigures => ({
    categoryId,
    category: '',
    mentions: 0,
    respondents: 0,
    accounts: 0,
    share: 0,
    points: 0,
    meanRank: null,
    shareFrequent: null,
    shareBothersome: null,
    problemScore: null,
  });

  if (problemList) {
    const k = maxItemsOf(problemList);
    const [answered, rows] = await Promise.all([
      db
        .with('base', () => submittedResponses(db, campaignId, filter))
        .selectFrom('answer_value as av')
        .innerJoin('base', 'base.id', 'av.response_id')
        .where('av.campaign_id', '=', campaignId)
        .where('av.question_id', '=', problemList.id)
        .select(sql<number>`count(distinct av.response_id)`.as('n'))
        .executeTakeFirst(),
      db
        .with('base', () => submittedResponses(db, campaignId, filter))
        .with('best', (qb) =>
          qb
            .selectFrom('problem_mention as pm')
            .innerJoin('base', 'base.id', 'pm.response_id')
            .where('pm.campaign_id', '=', campaignId)
            .where('pm.question_id', '=', problemList.id)
            .where('pm.category_id', 'is not', null)
            .groupBy(['pm.category_id', 'pm.response_id', 'base.customer_id'])
            .select((eb) => [
              'pm.category_id as category_id',
              'base.customer_id as customer_id',
              eb.fn.min<number>('pm.rank').as('best_rank'),
            ]),
        )
        .selectFrom('best')
        .groupBy('best.category_id')
        .select((eb) => [
          'best.category_id as category_id',
          eb.fn.countAll<number>().as('respondents'),
          eb.fn.count<number>('best.customer_id').distinct().as('accounts'),
          sql<number>`sum(${k} + 1 - best.best_rank)`.as('points'),
          eb.fn.avg<number>('best.best_rank').as('mean_rank'),
        ])
        .execute(),
    ]);
    const denominator = Number(answered?.n ?? 0);
    for (const r of rows) {
      const f = blank(Number(r.category_id));
      f.mentions = f.respondents = Number(r.respondents);
      f.accounts = Number(r.accounts);
      f.share = denominator > 0 ? f.respondents / denominator : 0;
      f.points = Number(r.points);
      f.meanRank = r.mean_rank === null ? null : Number(r.mean_rank);
      figures.set(f.categoryId, f);
    }
  }

  if (problemRating) {
    // Yes is 1 on yes/no and 4–5 on the 1–5 scale; the stored is_* flag wins when present.
    const threshold = problemRating.scale === '1-5' ? 4 : 1;
    const yes = (flag: 'pra.is_frequent' | 'pra.is_bothersome', raw: 'pra.frequency' | 'pra.bother') =>
      sql<number | null>`coalesce(${sql.ref(flag)}, case when ${sql.ref(raw)} >= ${threshold} then 1 when ${sql.ref(raw)} is not null then 0 end)`;
    const rows = await db
      .with('base', () => submittedResponses(db, campaignId, filter))
      .selectFrom('problem_rating_answer as pra')
      .innerJoin('base', 'base.id', 'pra.response_id')
      .where('pra.campaign_id', '=', campaignId)
      .where('pra.question_id', '=', problemRating.id)
      .groupBy('pra.category_id')
      .select([
        'pra.category_id as category_id',
        sql<number>`sum(${yes('pra.is_frequent', 'pra.frequency')})`.as('frequent_yes'),
        sql<number>`count(${yes('pra.is_frequent', 'pra.frequency')})`.as('frequent_n'),
        sql<number>`sum(${yes('pra.is_bothersome', 'pra.bother')})`.as('bother_yes'),
        sql<number>`count(${yes('pra.is_bothersome', 'pra.bother')})`.as('bother_n'),
      ])
      .execute();
    for (const r of rows) {
      const id = Number(r.category_id);
      const f = figures.get(id) ?? blank(id);
      const fn = Number(r.frequent_n);
      const bn = Number(r.bother_n);
      f.shareFrequent = fn > 0 ? Number(r.frequent_yes) / fn : null;
      f.shareBothersome = bn > 0 ? Number(r.bother_yes) / bn : null;
      f.problemScore = f.shareFrequent !== null && f.shareBothersome !== null ? f.shareFrequent * f.shareBothersome : null;
      figures.set(id, f);
    }
  }

  if (figures.size === 0) return [];
  const language = options.language ?? 'en';
  const names = await db
    .selectFrom('problem_category')
    .select(['id', 'name_en', 'name_sv', 'name_da'])
    .where('id', 'in', [...figures.keys()])
    .execute();
  for (const n of names) {
    const f = figures.get(n.id);
    if (f) f.category = language === 'sv' ? n.name_sv : language === 'da' ? n.name_da : n.name_en;
  }
  const order = options.orderBy ?? (problemList ? 'points' : 'problem_score');
  return orderProblems([...figures.values()], order);
}
