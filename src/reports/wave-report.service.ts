import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import type { AnalysisFilter } from '../analysis/analysis';
import { getProblemsPage, getSatisfaction, type RatingFigures } from '../analysis/analysis.service';
import { getCampaignProgress } from '../campaigns/campaign-progress.service';
import { sumProgress, type ProgressFigures } from '../campaigns/campaign';
import { getClosureEffect } from '../tickets/closure.service';
import { listTickets } from '../tickets/ticket.repository';
import { statusLabelsIn, TICKET_STATUSES } from '../tickets/ticket';
import { DEFAULT_LANGUAGE, translate, type Language } from '../shared/languages';
import { toCsv } from '../analysis/csv';
import { canViewWaveReport } from './report.policy';
import { paretoSvg } from './report-chart';

/** Problems shown with their verbatims, and verbatims per problem. */
const TOP_PROBLEMS = 5;
const VERBATIMS_PER_PROBLEM = 3;

/** The invitations and responses of the segments in the filter (all when none is chosen). */
function progressOf(progress: { total: ProgressFigures; bySegment: (ProgressFigures & { segment: string | null })[] }, filter: AnalysisFilter): ProgressFigures {
  if (!filter.segment?.length) return progress.total;
  return sumProgress(progress.bySegment.filter((s) => s.segment !== null && filter.segment!.includes(s.segment)));
}

/** The overall satisfaction question: the first rating without a touchpoint, else the first rating. */
function overallOf(ratings: RatingFigures[]): RatingFigures | undefined {
  return ratings.find((r) => !r.touchpoint) ?? ratings[0];
}

/**
 * The wave report for the management team: for one campaign (optionally narrowed to segments)
 * the response rate, overall satisfaction and NPS beside the previous wave's, the touchpoints, the
 * ranked problems with their Pareto chart and year-over-year movement, the tickets routed and
 * their state, the closure effect of earlier resolved problems and a few verbatims per top
 * problem. Every figure comes from the analysis, progress, ticket and closure services.
 * Categories are named in `lang` (the reader's; the CSV keeps English).
 * @throws ForbiddenError (not a manager or admin), NotFoundError (no such campaign)
 */
export async function getWaveReport(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, now: Date, lang: Language = DEFAULT_LANGUAGE) {
  if (!canViewWaveReport(user)) throw new ForbiddenError('the wave report is for quality managers and admins');
  const problemsPage = await getProblemsPage(db, user, campaignId, filter, undefined, lang);
  const { campaign, previous } = problemsPage;
  const satisfaction = await getSatisfaction(db, user, campaignId, filter, lang);
  const before = previous ? await getSatisfaction(db, user, previous.id, filter, lang) : null;
  const progress = progressOf(await getCampaignProgress(db, user, campaignId, now), filter);
  const previousProgress = previous ? progressOf(await getCampaignProgress(db, user, previous.id, now), filter) : null;
  const overall = overallOf(satisfaction.ratings);
  const overallBefore = before ? before.ratings.find((r) => r.questionId === overall?.questionId) ?? overallOf(before.ratings) : undefined;
  const nps = satisfaction.nps[0];
  const npsBefore = before?.nps.find((n) => n.questionId === nps?.questionId) ?? before?.nps[0];
  const touchpoints = satisfaction.touchpoints.map((t) => ({ ...t, previousMean: before?.touchpoints.find((b) => b.touchpoint === t.touchpoint)?.mean ?? null }));
  const tickets = await listTickets(db, { campaignId }, now, undefined, lang);
  const ticketCounts = TICKET_STATUSES.map((status) => ({ status, label: statusLabelsIn(translate(DEFAULT_LANGUAGE, 'staff'))[status], count: tickets.filter((t) => t.status === status).length }));
  const closure = await getClosureEffect(db, user, campaignId, lang);
  const yoyByCategory = new Map(problemsPage.yoy.map((y) => [y.categoryId, y]));
  return {
    campaign,
    previous: previous ?? null,
    filter,
    segments: problemsPage.filterOptions.segments,
    response: { now: progress, before: previousProgress },
    overall: overall ? { label: overall.label, scale: overall.scale, mean: overall.mean, count: overall.count, previousMean: overallBefore?.mean ?? null } : null,
    nps: nps ? { label: nps.label, nps: nps.nps, count: nps.count, previousNps: npsBefore?.nps ?? null } : null,
    touchpoints,
    orderBy: problemsPage.orderBy,
    problems: problemsPage.problems.map((p, i) => ({ ...p, cumulative: problemsPage.cumulative[i] ?? null, yoy: yoyByCategory.get(p.categoryId) ?? null })),
    yoySizes: problemsPage.yoySizes,
    gone: problemsPage.yoy.filter((y) => y.presence === 'gone'),
    chart: paretoSvg(problemsPage.pareto),
    barLabel: problemsPage.pareto.barLabel,
    verbatims: problemsPage.details.slice(0, TOP_PROBLEMS).map((d) => ({ category: d.problem.category, rank: d.problem.rank, texts: d.verbatims.slice(0, VERBATIMS_PER_PROBLEM) })),
    tickets: tickets.map((t) => ({ id: t.id, category: t.categoryName, team: t.teamName, status: t.status, dueDate: t.dueDate, resolvedAt: t.resolvedAt })),
    ticketCounts,
    closure: closure.rows,
  };
}

export type WaveReport = Awaited<ReturnType<typeof getWaveReport>>;

const CSV_HEADER = ['section', 'item', 'measure', 'this_wave', 'last_wave'] as const;

/**
 * The wave report's numbers as CSV, unrounded: one row per figure with the previous wave's
 * beside it (empty when there is none).
 * @throws ForbiddenError, NotFoundError
 */
export async function exportWaveReportCsv(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, now: Date): Promise<string> {
  const r = await getWaveReport(db, user, campaignId, filter, now);
  const rows: unknown[][] = [
    ['response', 'invited', 'count', r.response.now.invited, r.response.before?.invited ?? null],
    ['response', 'submitted', 'count', r.response.now.submitted, r.response.before?.submitted ?? null],
    ['response', 'response rate', 'share', r.response.now.responseRate, r.response.before?.responseRate ?? null],
  ];
  if (r.overall) rows.push(['satisfaction', r.overall.label, 'mean', r.overall.mean, r.overall.previousMean]);
  if (r.nps) rows.push(['nps', r.nps.label, 'nps', r.nps.nps, r.nps.previousNps]);
  for (const t of r.touchpoints) rows.push(['touchpoint', t.touchpoint, 'mean', t.mean, t.previousMean]);
  for (const p of r.problems) {
    rows.push(['problem', p.category, 'rank', p.rank, null]);
    rows.push(['problem', p.category, 'points', p.points, p.yoy ? p.yoy.previousPoints : null]);
    rows.push(['problem', p.category, 'share', p.share, p.yoy ? p.yoy.previousShare : null]);
    rows.push(['problem', p.category, 'respondents', p.respondents, p.yoy ? p.yoy.previousRespondents : null]);
  }
  for (const c of r.ticketCounts) rows.push(['tickets', c.label, 'count', c.count, null]);
  for (const c of r.closure) {
    rows.push(['closure effect', c.category, 'share', c.after.share, c.before.share]);
    rows.push(['closure effect', c.category, 'points', c.after.points, c.before.points]);
  }
  return toCsv(CSV_HEADER, rows);
}
