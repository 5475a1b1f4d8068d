// Domain types and pure rules of the problem analysis (no I/O).

/** Customer columns the analysis can be narrowed by; each accepts one or several values. */
export interface AnalysisFilter {
  segment?: string[];
  region?: string[];
  kamUserId?: number[];
  relationship?: string[];
}

export type RankOrder = 'points' | 'problem_score';

/** One category of the ranked problem list; fields match the CSV columns in camelCase. */
export interface RankedProblem {
  rank: number;
  categoryId: number;
  category: string;
  /** Mentions coded to the category, a respondent listing it twice counted once. */
  mentions: number;
  respondents: number;
  accounts: number;
  /** respondents ÷ submitted responses that answered the problem list question (0 when nobody did). */
  share: number;
  /** Σ (K − r + 1) at each respondent's best rank. */
  points: number;
  /** Mean best rank among the respondents that mention the category; null when none do. */
  meanRank: number | null;
  /** From problem_rating: share of the respondents answering the item who said yes (4–5 on 1–5). */
  shareFrequent: number | null;
  shareBothersome: number | null;
  /** shareFrequent × shareBothersome. */
  problemScore: number | null;
}

/** Aggregates of one category before ordering. */
export type ProblemFigures = Omit<RankedProblem, 'rank'>;

export const CSV_COLUMNS = [
  'rank',
  'category_id',
  'category',
  'mentions',
  'respondents',
  'accounts',
  'share',
  'points',
  'mean_rank',
  'share_frequent',
  'share_bothersome',
  'problem_score',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The API and CSV shape: the same figures keyed by the CSV column names. */
export function toColumns(p: RankedProblem): Record<CsvColumn, number | string | null> {
  return {
    rank: p.rank,
    category_id: p.categoryId,
    category: p.category,
    mentions: p.mentions,
    respondents: p.respondents,
    accounts: p.accounts,
    share: p.share,
    points: p.points,
    mean_rank: p.meanRank,
    share_frequent: p.shareFrequent,
    share_bothersome: p.shareBothersome,
    problem_score: p.problemScore,
  };
}

/**
 * Orders categories by points (problem list) or problem score (problem rating) on unrounded
 * values, ties by respondents, then category name, then id (so the order is always the same).
 */
export function orderProblems(figures: ProblemFigures[], order: RankOrder): RankedProblem[] {
  const key = (p: ProblemFigures) => (order === 'points' ? p.points : (p.problemScore ?? -1));
  return [...figures]
    .sort(
      (a, b) =>
        key(b) - key(a) ||
        b.respondents - a.respondents ||
        (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) ||
        a.categoryId - b.categoryId,
    )
    .map((p, i) => ({ rank: i + 1, ...p }));
}

/** Cumulative share of the total of the ordering figure, for the Pareto line (0..1). */
export function cumulativeShares(values: number[]): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  let running = 0;
  return values.map((v) => {
    running += v;
    return total > 0 ? running / total : 0;
  });
}

export type YearChange = 'new' | 'up' | 'down' | 'gone' | 'same';

export interface YearOverYear {
  categoryId: number;
  category: string;
  change: YearChange;
  share: number;
  previousShare: number;
  shareChange: number;
  points: number;
  previousPoints: number;
  pointsChange: number;
}

/**
 * Compares this campaign's ranked list with the previous one: new (mentioned now, not then),
 * gone (then, not now), else up or down by the change in share, then in points.
 */
export function compareYears(current: RankedProblem[], previous: RankedProblem[]): YearOverYear[] {
  const before = new Map(previous.filter((p) => p.respondents > 0).map((p) => [p.categoryId, p]));
  const now = current.filter((p) => p.respondents > 0);
  const seen = new Set(now.map((p) => p.categoryId));
  const rows: YearOverYear[] = now.map((p) => {
    const old = before.get(p.categoryId);
    const shareChange = p.share - (old?.share ?? 0);
    const pointsChange = p.points - (old?.points ?? 0);
    const change: YearChange = !old
      ? 'new'
      : shareChange > 0 || (shareChange === 0 && pointsChange > 0)
        ? 'up'
        : shareChange < 0 || (shareChange === 0 && pointsChange < 0)
          ? 'down'
          : 'same';
    return {
      categoryId: p.categoryId,
      category: p.category,
      change,
      share: p.share,
      previousShare: old?.share ?? 0,
      shareChange,
      points: p.points,
      previousPoints: old?.points ?? 0,
      pointsChange,
    };
  });
  for (const old of before.values()) {
    if (seen.has(old.categoryId)) continue;
    rows.push({
      categoryId: old.categoryId,
      category: old.category,
      change: 'gone',
      share: 0,
      previousShare: old.share,
      shareChange: -old.share,
      points: 0,
      previousPoints: old.points,
      pointsChange: -old.points,
    });
  }
  return rows;
}

export interface NpsFigures {
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** share 9–10 minus share 0–6, as a fraction (−1..1); null without answers. Pages show it ×100. */
  nps: number | null;
}

export function npsOf(count: number, promoters: number, detractors: number): NpsFigures {
  return {
    count,
    promoters,
    passives: count - promoters - detractors,
    detractors,
    nps: count > 0 ? promoters / count - detractors / count : null,
  };
}
