import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { textIn, type Language } from '../shared/languages';
import { listCategoryIdsCreatedAfter } from '../catalogue/catalogue.repository';
import type { QuestionOf } from '../surveys/survey-definition';
import {
  compareYears,
  cumulativeShares,
  npsOf,
  orderingFigure,
  quadrantOf,
  QUADRANT_THRESHOLD,
  type AnalysisFilter,
  type RankedProblem,
  type RankOrder,
} from './analysis';
import { canCodeMentions, canViewAccount, canViewAnalysis, scopeFilter, seesAllAccounts } from './analysis.policy';
import { accountKamScope } from '../auth/user.policy';
import {
  aggregateRatings,
  findAnalysisCampaign,
  findCustomer,
  findPreviousCampaign,
  listAccountAnswers,
  listAffectedAccountsByCategory,
  listFilterOptions,
  listLaunchedCampaigns,
  listNumericAnswersByResponse,
  listVerbatimsByCategory,
  type AnalysisCampaign,
  type RatingTotals,
} from './analysis.repository';
import { campaignQuestions, type CampaignQuestions } from './campaign-questions';
import { countProblemListAnswers, rankProblems } from './ranking.service';
import { driverRespondents, keyDrivers, MIN_DRIVER_PAIRS } from './drivers';
import { compareMeans, compareNps, MIN_RESPONDENTS_TO_COMPARE, npsMarginOfError, tooFewToCompare, type RatingSums } from './significance';

const VERBATIMS_PER_CATEGORY = 10;
const ACCOUNTS_PER_CATEGORY = 25;
/** Verbatims and accounts are shown for the head of the list, where action is decided. */
const DETAILED_CATEGORIES = 10;

type CategoryLanguage = 'en' | 'sv' | 'da';

/** The language category names are stored in that is closest to the reader's (English for any other). */
function categoryLanguage(lang: Language): CategoryLanguage {
  return lang === 'sv' || lang === 'da' ? lang : 'en';
}

function requireAnalysisViewer(user: CurrentUser): void {
  if (!canViewAnalysis(user)) throw new ForbiddenError('the analysis is for managers and key account managers');
}

/** The campaign to analyse, for a user who may see the analysis. @throws ForbiddenError (members), NotFoundError (no such campaign) */
export async function loadCampaignForAnalysis(db: Db, user: CurrentUser, campaignId: number): Promise<AnalysisCampaign> {
  requireAnalysisViewer(user);
  const campaign = await findAnalysisCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  return campaign;
}

/** The analysis start page: the campaigns that have answers to analyse. @throws ForbiddenError for members */
export async function getAnalysisIndex(db: Db, user: CurrentUser) {
  requireAnalysisViewer(user);
  return { campaigns: await listLaunchedCampaigns(db, accountKamScope(user)), canCode: canCodeMentions(user), seesAll: seesAllAccounts(user) };
}

/**
 * The ranked problem list as the user may see it (a KAM: their accounts only).
 * @throws ForbiddenError, NotFoundError
 */
export async function rankProblemsFor(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, order?: RankOrder) {
  await loadCampaignForAnalysis(db, user, campaignId);
  return rankProblems(db, campaignId, scopeFilter(user, filter), { orderBy: order });
}

/**
 * Everything the ranked-problems page shows: the list, chart data, details per category and
 * the year-over-year comparison with the previous campaign of the same template.
 * @throws ForbiddenError, NotFoundError
 */
export async function getProblemsPage(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, order?: RankOrder, lang: Language = 'en') {
  const language = categoryLanguage(lang);
  const campaign = await loadCampaignForAnalysis(db, user, campaignId);
  const scoped = scopeFilter(user, filter);
  const questions = campaignQuestions(campaign.definition);
  const orderBy: RankOrder = order ?? (questions.problemList ? 'points' : 'problem_score');
  const problems = await rankProblems(db, campaignId, scoped, { orderBy, language });
  const cumulative = cumulativeShares(problems.map((p) => orderingFigure(p, orderBy)));
  const rated = problems
    .filter((p) => p.shareFrequent !== null && p.shareBothersome !== null)
    .map((p) => ({ ...p, quadrant: quadrantOf(p.shareFrequent!, p.shareBothersome!) }));
  const previous = await findPreviousCampaign(db, campaign);
  return {
    campaign,
    orderBy,
    hasProblemList: Boolean(questions.problemList),
    hasProblemRating: Boolean(questions.problemRating),
    problems,
    cumulative,
    pareto: {
      labels: problems.map((p) => p.category),
      bars: problems.map((p) => orderingFigure(p, orderBy)),
      line: cumulative,
      barLabel: orderBy === 'points' ? 'Points' : 'Problem score',
    },
    matrix: rated.map((p) => ({ label: p.category, x: p.shareFrequent, y: p.shareBothersome })),
    quadrantThreshold: QUADRANT_THRESHOLD,
    rated,
    details: await categoryDetails(db, campaignId, questions, problems, scoped),
    previous,
    ...(await yearOverYear(db, campaignId, previous, problems, scoped, orderBy, language)),
    filterOptions: await listFilterOptions(db, accountKamScope(user)),
    seesAll: seesAllAccounts(user),
    canCode: canCodeMentions(user),
  };
}

/**
 * The comparison with the previous campaign: per category the change in share with its 95 %
 * interval, and the sizes of both waves (too few in either: no arrows, the page says so).
 */
async function yearOverYear(
  db: Db,
  campaignId: number,
  previous: AnalysisCampaign | undefined,
  problems: RankedProblem[],
  filter: AnalysisFilter,
  orderBy: RankOrder,
  language: CategoryLanguage,
) {
  if (!previous) return { yoy: [], yoySizes: null };
  const sizes = { now: await countProblemListAnswers(db, campaignId, filter), before: await countProblemListAnswers(db, previous.id, filter) };
  return {
    yoy: compareYears(
      problems,
      await rankProblems(db, previous.id, filter, { orderBy, language }),
      sizes,
      previous.launchedAt ? await listCategoryIdsCreatedAfter(db, previous.launchedAt) : new Set(),
    ),
    yoySizes: { ...sizes, tooFew: tooFewToCompare(sizes.now, sizes.before), minimum: MIN_RESPONDENTS_TO_COMPARE },
  };
}

/** Verbatims and affected accounts of the first categories that anyone mentioned. */
async function categoryDetails(db: Db, campaignId: number, questions: CampaignQuestions, problems: RankedProblem[], filter: AnalysisFilter) {
  const detailed = problems.filter((p) => p.respondents > 0).slice(0, DETAILED_CATEGORIES);
  const categoryIds = detailed.map((p) => p.categoryId);
  const listIds = questions.all.filter((q) => q.type === 'problem_list').map((q) => q.id);
  const verbatims = await listVerbatimsByCategory(db, campaignId, listIds, categoryIds, filter, VERBATIMS_PER_CATEGORY);
  const accounts = await listAffectedAccountsByCategory(db, campaignId, listIds, categoryIds, filter, ACCOUNTS_PER_CATEGORY);
  return detailed.map((p) => ({ problem: p, verbatims: verbatims.get(p.categoryId) ?? [], accounts: accounts.get(p.categoryId) ?? [] }));
}

/**
 * One account's answers in a campaign. A KAM asking for another KAM's account gets the same
 * 404 as for an account that does not exist, so account ids reveal nothing.
 * @throws ForbiddenError, NotFoundError
 */
export async function getAccountAnswers(db: Db, user: CurrentUser, campaignId: number, customerId: number, lang: Language = 'en') {
  const campaign = await loadCampaignForAnalysis(db, user, campaignId);
  const customer = await findCustomer(db, customerId);
  if (!customer || !canViewAccount(user, customer)) throw new NotFoundError(`customer ${customerId}`);
  const { all } = campaignQuestions(campaign.definition);
  return { campaign, customer, questions: all, responses: await listAccountAnswers(db, campaignId, customerId, lang) };
}

export interface RatingFigures {
  questionId: string;
  label: string;
  touchpoint?: string;
  scale: number;
  count: number;
  mean: number | null;
  sums: RatingSums;
}

/** Mean of every rating question and touchpoint and the NPS, overall and by segment. @throws ForbiddenError, NotFoundError */
export async function getSatisfaction(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, lang: Language = 'en') {
  const campaign = await loadCampaignForAnalysis(db, user, campaignId);
  return { campaign, ...(await satisfactionOf(db, campaign, scopeFilter(user, filter), lang)), filterOptions: await listFilterOptions(db, accountKamScope(user)), seesAll: seesAllAccounts(user) };
}

async function satisfactionOf(db: Db, campaign: AnalysisCampaign, filter: AnalysisFilter, lang: Language = 'en') {
  const { all } = campaignQuestions(campaign.definition);
  const ratingQs = all.filter((q): q is QuestionOf<'rating'> => q.type === 'rating');
  const npsQs = all.filter((q): q is QuestionOf<'nps'> => q.type === 'nps');
  const rows = await aggregateRatings(db, campaign.id, [...ratingQs, ...npsQs].map((q) => q.id), filter);
  const segments = [...new Set(rows.map((r) => r.segment ?? ''))].sort();
  const ratings: RatingFigures[] = ratingQs.map((q) => ({
    questionId: q.id,
    label: textIn(q.text, lang),
    touchpoint: q.touchpoint,
    scale: q.scale ?? 5,
    ...countAndMean(totalsOf(rows, [q.id])),
  }));
  const touchpointNames = [...new Set(ratingQs.map((q) => q.touchpoint).filter((t): t is string => Boolean(t)))];
  const touchpoints = touchpointNames.map((t) => ({
    touchpoint: t,
    ...countAndMean(totalsOf(rows, ratingQs.filter((q) => q.touchpoint === t).map((q) => q.id))),
  }));
  const nps = npsQs.map((q) => ({ questionId: q.id, label: textIn(q.text, lang), ...npsOfTotals(totalsOf(rows, [q.id])) }));
  const bySegment = segments.map((segment) => ({
    segment: segment || null,
    ratings: ratingQs.map((q) => ({ questionId: q.id, ...countAndMean(totalsOf(rows, [q.id], segment)) })),
    nps: npsQs.map((q) => ({ questionId: q.id, ...npsOfTotals(totalsOf(rows, [q.id], segment)) })),
  }));
  return { ratings, touchpoints, nps, bySegment };
}

interface Totals {
  count: number;
  sum: number;
  sumSquares: number;
  promoters: number;
  detractors: number;
}

/** The totals of the questions' answers, in one segment ('' for none) or in all. */
function totalsOf(rows: RatingTotals[], questionIds: string[], segment?: string): Totals {
  const totals: Totals = { count: 0, sum: 0, sumSquares: 0, promoters: 0, detractors: 0 };
  for (const r of rows) {
    if (!questionIds.includes(r.questionId) || (segment !== undefined && (r.segment ?? '') !== segment)) continue;
    totals.count += r.count;
    totals.sum += r.sum;
    totals.sumSquares += r.sumSquares;
    totals.promoters += r.promoters;
    totals.detractors += r.detractors;
  }
  return totals;
}

function countAndMean(t: Totals): { count: number; mean: number | null; sums: RatingSums } {
  return { count: t.count, mean: t.count ? t.sum / t.count : null, sums: { count: t.count, sum: t.sum, sumSquares: t.sumSquares } };
}

function npsOfTotals(t: Totals) {
  return { ...npsOf(t.count, t.promoters, t.detractors), marginOfError: npsMarginOfError(t.count, t.promoters, t.detractors) };
}

/**
 * Satisfaction across every launched campaign, oldest first: the NPS with its margin of error and
 * each rating question's mean, each compared with the campaign before it (up or down only beyond
 * the sampling noise, too_few below MIN_RESPONDENTS_TO_COMPARE answers in either).
 * @throws ForbiddenError
 */
export async function getSatisfactionTrend(db: Db, user: CurrentUser, filter: AnalysisFilter, lang: Language = 'en') {
  requireAnalysisViewer(user);
  const scoped = scopeFilter(user, filter);
  const campaigns = (await listLaunchedCampaigns(db, accountKamScope(user))).reverse();
  const waves: { campaign: (typeof campaigns)[number]; ratings: Map<string, RatingFigures>; nps: Awaited<ReturnType<typeof satisfactionOf>>['nps'][number] | undefined }[] = [];
  const questionLabels = new Map<string, string>();
  for (const c of campaigns) {
    const campaign = await findAnalysisCampaign(db, c.id);
    if (!campaign) continue;
    const s = await satisfactionOf(db, campaign, scoped, lang);
    s.ratings.forEach((r) => questionLabels.set(r.questionId, r.label));
    waves.push({ campaign: c, ratings: new Map(s.ratings.map((r) => [r.questionId, r])), nps: s.nps[0] });
  }
  // Each figure is compared with the latest earlier wave that has answers to it (a wave between
  // without that question, or without answers, is skipped rather than ending the comparison).
  const points = waves.map((w, i) => {
    const earlier = waves.slice(0, i).reverse();
    const ratings = Object.fromEntries(
      [...questionLabels.keys()].map((id) => {
        const now = w.ratings.get(id);
        const old = earlier.map((e) => e.ratings.get(id)).find((r) => r?.count);
        const change = now && old && now.count ? compareMeans(now.sums, old.sums) : null;
        return [id, { mean: now?.mean ?? null, count: now?.count ?? 0, change }];
      }),
    );
    const oldNps = earlier.map((e) => e.nps).find((n) => n?.count);
    const npsChange = w.nps?.count && oldNps ? compareNps(w.nps, oldNps) : null;
    return {
      campaign: w.campaign,
      ratings,
      nps: w.nps?.nps ?? null,
      npsCount: w.nps?.count ?? 0,
      npsMargin: w.nps?.marginOfError ?? null,
      npsChange,
    };
  });
  return {
    points,
    questions: [...questionLabels.entries()].map(([id, label]) => ({ id, label })),
    minimum: MIN_RESPONDENTS_TO_COMPARE,
    seesAll: seesAllAccounts(user),
  };
}

/**
 * Key drivers of a campaign with touchpoint ratings: each touchpoint's derived importance (its
 * correlation with overall satisfaction, the first rating without a touchpoint, and with the
 * NPS) against its performance, the touchpoints that matter most and score worst first.
 * @throws ForbiddenError, NotFoundError
 */
export async function getKeyDrivers(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, lang: Language = 'en') {
  const campaign = await loadCampaignForAnalysis(db, user, campaignId);
  const scoped = scopeFilter(user, filter);
  const { all } = campaignQuestions(campaign.definition);
  const ratingQs = all.filter((q): q is QuestionOf<'rating'> => q.type === 'rating');
  const overall = ratingQs.find((q) => !q.touchpoint);
  const nps = all.find((q): q is QuestionOf<'nps'> => q.type === 'nps');
  const touchpointOf = new Map(ratingQs.filter((q) => q.touchpoint).map((q) => [q.id, q.touchpoint!]));
  const scales = new Map<string, number>();
  for (const q of ratingQs) if (q.touchpoint) scales.set(q.touchpoint, Math.max(scales.get(q.touchpoint) ?? 0, q.scale ?? 5));
  const questionIds = [...touchpointOf.keys(), ...(overall ? [overall.id] : []), ...(nps ? [nps.id] : [])];
  const answers = await listNumericAnswersByResponse(db, campaignId, questionIds, scoped);
  const respondents = driverRespondents(answers, touchpointOf, overall?.id, nps?.id);
  const drivers = keyDrivers([...scales].map(([touchpoint, scale]) => ({ touchpoint, scale })), respondents);
  const placed = drivers.filter((d) => d.importance !== null && d.performance !== null);
  const average = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
  return {
    campaign,
    overallLabel: overall ? textIn(overall.text, lang) : null,
    npsLabel: nps ? textIn(nps.text, lang) : null,
    respondents: respondents.length,
    minimumPairs: MIN_DRIVER_PAIRS,
    drivers,
    chart: {
      points: placed.map((d) => ({ label: d.touchpoint, x: d.performance, y: d.importance })),
      importanceLine: average(placed.map((d) => d.importance!)),
      performanceLine: average(placed.map((d) => d.performance!)),
    },
    filterOptions: await listFilterOptions(db, accountKamScope(user)),
    seesAll: seesAllAccounts(user),
  };
}

export interface AccountHeadline {
  /** The overall satisfaction question (the first rating without a touchpoint, as for key drivers). */
  satisfaction: { questionId: string; label: string; scale: number; count: number; mean: number | null } | null;
  nps: { questionId: string; count: number; nps: number | null } | null;
}

/**
 * One account's overall satisfaction and NPS in a campaign, from the same aggregates and rules
 * as the satisfaction page, filtered to the account. It checks nothing: the caller has already
 * checked that the user may see the account (the KAM pages do, in their service).
 */
export async function accountHeadline(db: Db, campaign: AnalysisCampaign, customerId: number): Promise<AccountHeadline> {
  const { ratings, nps } = await satisfactionOf(db, campaign, { customerId: [customerId] });
  const overall = ratings.find((r) => !r.touchpoint);
  const first = nps[0];
  return {
    satisfaction: overall ? { questionId: overall.questionId, label: overall.label, scale: overall.scale, count: overall.count, mean: overall.mean } : null,
    nps: first ? { questionId: first.questionId, count: first.count, nps: first.nps } : null,
  };
}
