import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import type { QuestionOf } from '../surveys/survey-definition';
import {
  compareYears,
  cumulativeShares,
  CSV_COLUMNS,
  npsOf,
  toColumns,
  type AnalysisFilter,
  type RankedProblem,
  type RankOrder,
} from './analysis';
import { canViewAccount, canViewAnalysis, scopeFilter, seesAllAccounts } from './analysis.policy';
import {
  aggregateRatings,
  findAnalysisCampaign,
  findCustomer,
  findPreviousCampaign,
  listAccountAnswers,
  listAffectedAccountsByCategory,
  listFilterOptions,
  listLaunchedCampaigns,
  listVerbatimsByCategory,
  responseIdsMatching,
  type AnalysisCampaign,
} from './analysis.repository';
import { campaignQuestions } from './campaign-questions';
import { toCsv } from './csv';
import { rankProblems } from './ranking.repository';

const VERBATIMS_PER_CATEGORY = 10;
const ACCOUNTS_PER_CATEGORY = 25;
/** Verbatims and accounts are shown for the head of the list, where action is decided. */
const DETAILED_CATEGORIES = 10;

/** @throws ForbiddenError (members), NotFoundError (no such campaign) */
async function loadCampaign(db: Db, user: CurrentUser, campaignId: number): Promise<AnalysisCampaign> {
  if (!canViewAnalysis(user)) throw new ForbiddenError('the analysis is for managers and key account managers');
  const campaign = await findAnalysisCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  return campaign;
}

/** Campaigns that have answers to analyse. @throws ForbiddenError for members */
export async function listCampaignsForAnalysis(db: Db, user: CurrentUser) {
  if (!canViewAnalysis(user)) throw new ForbiddenError('the analysis is for managers and key account managers');
  return listLaunchedCampaigns(db);
}

/**
 * The ranked problem list as the user may see it (a KAM: their accounts only).
 * @throws ForbiddenError, NotFoundError
 */
export async function rankProblemsFor(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, order?: RankOrder) {
  await loadCampaign(db, user, campaignId);
  return rankProblems(db, campaignId, scopeFilter(user, filter), { orderBy: order });
}

/**
 * Everything the ranked-problems page shows: the list, chart data, details per category and
 * the year-over-year comparison with the previous campaign of the same template.
 * @throws ForbiddenError, NotFoundError
 */
export async function getProblemsPage(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, order?: RankOrder) {
  const campaign = await loadCampaign(db, user, campaignId);
  const scoped = scopeFilter(user, filter);
  const questions = campaignQuestions(campaign.definition);
  const orderBy: RankOrder = order ?? (questions.problemList ? 'points' : 'problem_score');
  const problems = await rankProblems(db, campaignId, scoped, { orderBy });
  const figure = (p: RankedProblem) => (orderBy === 'points' ? p.points : (p.problemScore ?? 0));
  const cumulative = cumulativeShares(problems.map(figure));
  const detailed = problems.filter((x) => x.respondents > 0).slice(0, DETAILED_CATEGORIES);
  const categoryIds = detailed.map((p) => p.categoryId);
  const listIds = questions.all.filter((q) => q.type === 'problem_list').map((q) => q.id);
  const verbatims = await listVerbatimsByCategory(db, campaignId, listIds, categoryIds, scoped, VERBATIMS_PER_CATEGORY);
  const accounts = await listAffectedAccountsByCategory(db, campaignId, listIds, categoryIds, scoped, ACCOUNTS_PER_CATEGORY);
  const details = detailed.map((p) => ({ problem: p, verbatims: verbatims.get(p.categoryId) ?? [], accounts: accounts.get(p.categoryId) ?? [] }));
  const previous = await findPreviousCampaign(db, campaign);
  const yoy = previous ? compareYears(problems, await rankProblems(db, previous.id, scoped, { orderBy })) : [];
  const rated = problems.filter((p) => p.shareFrequent !== null && p.shareBothersome !== null);
  return {
    campaign,
    orderBy,
    hasProblemList: Boolean(questions.problemList),
    hasProblemRating: Boolean(questions.problemRating),
    problems,
    cumulative,
    pareto: {
      labels: problems.map((p) => p.category),
      bars: problems.map(figure),
      line: cumulative,
      barLabel: orderBy === 'points' ? 'Points' : 'Problem score',
    },
    matrix: rated.map((p) => ({ label: p.category, x: p.shareFrequent, y: p.shareBothersome })),
    rated,
    details,
    previous,
    yoy,
    filterOptions: await listFilterOptions(db),
    seesAll: seesAllAccounts(user),
  };
}

/** problems.csv: exactly the CSV columns of product.md, unrounded. @throws ForbiddenError, NotFoundError */
export async function exportProblemsCsv(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, order?: RankOrder) {
  const problems = await rankProblemsFor(db, user, campaignId, filter, order);
  return toCsv(
    CSV_COLUMNS,
    problems.map((p) => CSV_COLUMNS.map((c) => toColumns(p)[c])),
  );
}

/**
 * responses.csv: one row per submitted response (of the accounts the user may see), one
 * column per question; problem lists as one column per rank, problem ratings per category.
 * @throws ForbiddenError, NotFoundError
 */
export async function exportResponsesCsv(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter) {
  const campaign = await loadCampaign(db, user, campaignId);
  const scoped = scopeFilter(user, filter);
  const { all } = campaignQuestions(campaign.definition);
  const responses = await db
    .selectFrom('response')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .where('response.id', 'in', responseIdsMatching(db, campaignId, scoped))
    .select(['response.id', 'response.language', 'response.submitted_at', 'customer.name as customer', 'customer.ref', 'customer.segment', 'customer.region', 'contact.email'])
    .orderBy('response.id')
    .execute();
  const values = await db
    .selectFrom('answer_value')
    .select(['response_id', 'question_id', 'value', 'choice', 'text'])
    .where('response_id', 'in', responseIdsMatching(db, campaignId, scoped))
    .orderBy('id')
    .execute();
  const mentions = await db
    .selectFrom('problem_mention as pm')
    .leftJoin('problem_category as pc', 'pc.id', 'pm.category_id')
    .select(['pm.response_id', 'pm.question_id', 'pm.rank', 'pm.text', 'pc.name_en as category'])
    .where('pm.response_id', 'in', responseIdsMatching(db, campaignId, scoped))
    .orderBy('pm.rank')
    .orderBy('pm.id')
    .execute();
  const ratings = await db
    .selectFrom('problem_rating_answer')
    .select(['response_id', 'question_id', 'category_id', 'frequency', 'bother'])
    .where('response_id', 'in', responseIdsMatching(db, campaignId, scoped))
    .execute();

  const header = ['response_id', 'customer', 'customer_ref', 'segment', 'region', 'contact_email', 'language', 'submitted_at'];
  const cell = new Map<string, number>();
  const addColumn = (name: string) => {
    cell.set(name, header.length);
    header.push(name);
  };
  for (const q of all) {
    if (q.type === 'problem_list') {
      for (let r = 1; r <= (q.maxItems ?? 5); r++) {
        addColumn(`${q.id}_${r}`);
        addColumn(`${q.id}_${r}_category`);
      }
    } else if (q.type === 'problem_rating') {
      const ids = Array.isArray(q.categories) ? q.categories : [...new Set(ratings.filter((x) => x.question_id === q.id).map((x) => x.category_id))];
      for (const id of ids) {
        addColumn(`${q.id}_${id}_frequency`);
        addColumn(`${q.id}_${id}_bother`);
      }
    } else {
      addColumn(q.id);
    }
  }
  const rows = new Map<number, unknown[]>();
  for (const r of responses) {
    const row: unknown[] = new Array(header.length).fill(null);
    [row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]] = [r.id, r.customer, r.ref, r.segment, r.region, r.email, r.language, r.submitted_at];
    rows.set(r.id, row);
  }
  const put = (responseId: number, column: string, value: unknown) => {
    const row = rows.get(responseId);
    const at = cell.get(column);
    if (!row || at === undefined) return;
    row[at] = row[at] === null || row[at] === undefined ? value : `${String(row[at])};${String(value)}`;
  };
  const listIds = new Set(all.filter((q) => q.type === 'problem_list').map((q) => q.id));
  for (const v of values) {
    if (listIds.has(v.question_id)) continue;
    put(v.response_id, v.question_id, v.choice ?? v.text ?? v.value);
  }
  const seenRank = new Set<string>();
  for (const m of mentions) {
    const key = `${m.response_id}:${m.question_id}:${m.rank}`;
    if (seenRank.has(key)) continue;
    seenRank.add(key);
    put(m.response_id, `${m.question_id}_${m.rank}`, m.text);
    if (m.category) put(m.response_id, `${m.question_id}_${m.rank}_category`, m.category);
  }
  for (const x of ratings) {
    put(x.response_id, `${x.question_id}_${x.category_id}_frequency`, x.frequency);
    put(x.response_id, `${x.question_id}_${x.category_id}_bother`, x.bother);
  }
  return toCsv(header, [...rows.values()]);
}

/** mentions.csv: every problem mention of the accounts the user may see. @throws ForbiddenError, NotFoundError */
export async function exportMentionsCsv(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter) {
  await loadCampaign(db, user, campaignId);
  const rows = await db
    .selectFrom('problem_mention as pm')
    .innerJoin('response', 'response.id', 'pm.response_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .leftJoin('problem_category as pc', 'pc.id', 'pm.category_id')
    .where('pm.campaign_id', '=', campaignId)
    .where('pm.response_id', 'in', responseIdsMatching(db, campaignId, scopeFilter(user, filter)))
    .select([
      'pm.id',
      'pm.response_id',
      'customer.name as customer',
      'contact.email',
      'pm.question_id',
      'pm.rank',
      'pm.language',
      'pm.text',
      'pm.category_id',
      'pc.name_en as category',
      'pm.coded_by',
      'pm.coded_at',
    ])
    .orderBy('pm.response_id')
    .orderBy('pm.rank')
    .execute();
  return toCsv(
    ['mention_id', 'response_id', 'customer', 'contact_email', 'question_id', 'rank', 'language', 'text', 'category_id', 'category', 'coded_by', 'coded_at'],
    rows.map((r) => [r.id, r.response_id, r.customer, r.email, r.question_id, r.rank, r.language, r.text, r.category_id, r.category, r.coded_by, r.coded_at]),
  );
}

/**
 * One account's answers in a campaign. A KAM asking for another KAM's account gets the same
 * 404 as for an account that does not exist, so account ids reveal nothing.
 * @throws ForbiddenError, NotFoundError
 */
export async function getAccountAnswers(db: Db, user: CurrentUser, campaignId: number, customerId: number) {
  const campaign = await loadCampaign(db, user, campaignId);
  const customer = await findCustomer(db, customerId);
  if (!customer || !canViewAccount(user, customer)) throw new NotFoundError(`customer ${customerId}`);
  const { all } = campaignQuestions(campaign.definition);
  return { campaign, customer, questions: all, responses: await listAccountAnswers(db, campaignId, customerId) };
}

export interface RatingFigures {
  questionId: string;
  label: string;
  touchpoint?: string;
  scale: number;
  count: number;
  mean: number | null;
}

/** Mean of every rating question and touchpoint and the NPS, overall and by segment. @throws ForbiddenError, NotFoundError */
export async function getSatisfaction(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter) {
  const campaign = await loadCampaign(db, user, campaignId);
  return { campaign, ...(await satisfactionOf(db, campaign, scopeFilter(user, filter))), filterOptions: await listFilterOptions(db) };
}

async function satisfactionOf(db: Db, campaign: AnalysisCampaign, filter: AnalysisFilter) {
  const { all } = campaignQuestions(campaign.definition);
  const ratingQs = all.filter((q): q is QuestionOf<'rating'> => q.type === 'rating');
  const npsQs = all.filter((q): q is QuestionOf<'nps'> => q.type === 'nps');
  const rows = await aggregateRatings(db, campaign.id, [...ratingQs, ...npsQs].map((q) => q.id), filter);
  const segments = [...new Set(rows.map((r) => r.segment ?? ''))].sort();
  const sumOf = (ids: string[], segment?: string) => {
    const picked = rows.filter((r) => ids.includes(r.questionId) && (segment === undefined || (r.segment ?? '') === segment));
    const count = picked.reduce((s, r) => s + r.count, 0);
    const sum = picked.reduce((s, r) => s + r.sum, 0);
    return { count, mean: count ? sum / count : null, promoters: picked.reduce((s, r) => s + r.promoters, 0), detractors: picked.reduce((s, r) => s + r.detractors, 0) };
  };
  const ratings: RatingFigures[] = ratingQs.map((q) => ({
    questionId: q.id,
    label: q.text.en,
    touchpoint: q.touchpoint,
    scale: q.scale ?? 5,
    ...pick(sumOf([q.id])),
  }));
  const touchpointNames = [...new Set(ratingQs.map((q) => q.touchpoint).filter((t): t is string => Boolean(t)))];
  const touchpoints = touchpointNames.map((t) => ({ touchpoint: t, ...pick(sumOf(ratingQs.filter((q) => q.touchpoint === t).map((q) => q.id))) }));
  const nps = npsQs.map((q) => {
    const s = sumOf([q.id]);
    return { questionId: q.id, label: q.text.en, ...npsOf(s.count, s.promoters, s.detractors) };
  });
  const bySegment = segments.map((segment) => ({
    segment: segment || '(none)',
    ratings: ratingQs.map((q) => ({ questionId: q.id, ...pick(sumOf([q.id], segment)) })),
    nps: npsQs.map((q) => {
      const s = sumOf([q.id], segment);
      return { questionId: q.id, ...npsOf(s.count, s.promoters, s.detractors) };
    }),
  }));
  return { ratings, touchpoints, nps, bySegment };
}

function pick(s: { count: number; mean: number | null }) {
  return { count: s.count, mean: s.mean };
}

/** Satisfaction across every launched campaign, oldest first. @throws ForbiddenError */
export async function getSatisfactionTrend(db: Db, user: CurrentUser, filter: AnalysisFilter) {
  if (!canViewAnalysis(user)) throw new ForbiddenError('the analysis is for managers and key account managers');
  const scoped = scopeFilter(user, filter);
  const campaigns = (await listLaunchedCampaigns(db)).reverse();
  const points = [];
  const questionLabels = new Map<string, string>();
  for (const c of campaigns) {
    const campaign = await findAnalysisCampaign(db, c.id);
    if (!campaign) continue;
    const s = await satisfactionOf(db, campaign, scoped);
    s.ratings.forEach((r) => questionLabels.set(r.questionId, r.label));
    points.push({
      campaign: c,
      means: Object.fromEntries(s.ratings.map((r) => [r.questionId, r.mean])),
      nps: s.nps[0]?.nps ?? null,
      npsCount: s.nps[0]?.count ?? 0,
    });
  }
  return { points, questions: [...questionLabels.entries()].map(([id, label]) => ({ id, label })) };
}
