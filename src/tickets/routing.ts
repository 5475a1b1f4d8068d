// Pure rules of routing top problems to their owning teams (no I/O).
import type { AnalysisFilter, RankedProblem, RankOrder } from '../analysis/analysis';
import { translate, type Translate } from '../shared/languages';
import { pickVerbatims, type TicketEvidence, type Verbatim } from './ticket';

const english = translate('en', 'staff');

export type SkipReason = 'no_owning_team' | 'already_routed';

/** Which problems to route: the top N, or every one at or above a score; optionally for a part of the base. */
export interface ProblemSelection {
  top?: number;
  minScore?: number;
  segment?: string[];
  region?: string[];
  kamUserId?: number[];
  relationship?: string[];
}

/** The part of the base a selection routes for; an empty list narrows nothing. */
export function analysisFilterOf(s: ProblemSelection): AnalysisFilter {
  const f: AnalysisFilter = {};
  if (s.segment?.length) f.segment = s.segment;
  if (s.region?.length) f.region = s.region;
  if (s.kamUserId?.length) f.kamUserId = s.kamUserId;
  if (s.relationship?.length) f.relationship = s.relationship;
  return f;
}

/** Campaigns with a problem list rank by points, the others by problem score. */
export function rankOrderOf(hasProblemList: boolean): RankOrder {
  return hasProblemList ? 'points' : 'problem_score';
}

export function scoreOf(p: RankedProblem, orderBy: RankOrder): number {
  return orderBy === 'points' ? p.points : (p.problemScore ?? 0);
}

/**
 * The problems a selection routes: the top N of the ranked list, or every one at or above
 * the minimum score; never a category nobody reported (score 0).
 */
export function chooseProblems(ranked: RankedProblem[], orderBy: RankOrder, selection: ProblemSelection): RankedProblem[] {
  const reported = ranked.filter((p) => scoreOf(p, orderBy) > 0);
  return selection.top !== undefined ? reported.slice(0, selection.top) : reported.filter((p) => scoreOf(p, orderBy) >= (selection.minScore ?? 0));
}

/** Why a category is not routed: it already has a ticket of this campaign, or no team owns it. */
export function skipReasonOf(existingTicketId: number | null, teamId: number | null): SkipReason | null {
  return existingTicketId ? 'already_routed' : teamId === null ? 'no_owning_team' : null;
}

/** What the analysis says about a problem at routing time, copied onto its ticket for good. */
export function evidenceOf(
  p: RankedProblem,
  o: { orderBy: RankOrder; campaignId: number; filter: AnalysisFilter; mentions: Verbatim[] },
): TicketEvidence {
  return {
    rank: p.rank,
    orderBy: o.orderBy,
    points: p.points,
    problemScore: p.problemScore,
    share: p.share,
    mentions: p.mentions,
    respondents: p.respondents,
    accounts: p.accounts,
    meanRank: p.meanRank,
    verbatims: pickVerbatims(o.mentions).map(({ text, language, rank }) => ({ text, language, rank })),
    analysisUrl: `/campaigns/${o.campaignId}/problems`,
    filter: o.filter as Record<string, unknown>,
  };
}

/** Why a problem was not routed, in words for the page (keys of the staff catalogue). */
export const SKIP_REASON_KEYS: Record<SkipReason, string> = {
  no_owning_team: 'tickets.routing.skip.no_owning_team',
  already_routed: 'tickets.routing.skip.already_routed',
};

/**
 * Why a selection matches fewer problems than it asked for: the top N when fewer than N
 * problems were reported (for this part of the base). Null when nothing is missing.
 */
export function shortfallOf(selection: ProblemSelection, found: number, t: Translate = english): string | null {
  if (selection.top === undefined || found >= selection.top) return null;
  const inPart = Object.keys(analysisFilterOf(selection)).length > 0;
  const vars = { top: selection.top, count: found };
  if (found === 0) return inPart ? t('tickets.routing.shortfall.noneInPart', vars) : t('tickets.routing.shortfall.none', vars);
  return inPart ? t('tickets.routing.shortfall.someInPart', vars) : t('tickets.routing.shortfall.some', vars);
}

/**
 * What routing did, in sentences: the tickets created, then each problem not routed with its
 * reason, then why fewer problems matched than asked. Nothing is skipped without saying so.
 */
export function routingSummary(
  selection: ProblemSelection,
  result: { created: unknown[]; skipped: { category: string; reason: SkipReason }[]; found: number },
  t: Translate = english,
): { created: string; notRouted: string | null; shortfall: string | null } {
  const n = result.created.length;
  const created = n === 0 ? t('tickets.routing.created.none') : t('tickets.routing.created.some', { count: n });
  const s = result.skipped.length;
  const list = result.skipped.map((k) => `${k.category} (${t(SKIP_REASON_KEYS[k.reason])})`).join('; ');
  const notRouted = s ? t('tickets.routing.notRouted', { count: s, list }) : null;
  return { created, notRouted, shortfall: shortfallOf(selection, result.found, t) };
}
