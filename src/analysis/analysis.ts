// Domain types and pure rules of the problem analysis (no I/O).
import { compareShares, type Movement } from './significance';

/** Customer columns the analysis can be narrowed by; each accepts one or several values. */
export interface AnalysisFilter {
  segment?: string[];
  region?: string[];
  kamUserId?: number[];
  relationship?: string[];
  /** One account's own figures (the KAM pages); never set from a query string. */
  customerId?: number[];
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

/** Whether a category was mentioned in both waves, only in this one (new) or only in the previous one (gone). */
export type YearPresence = 'both' | 'new' | 'gone';

export interface YearOverYear {
  categoryId: number;
  category: string;
  presence: YearPresence;
  /**
   * Up or down only when the change in share is larger than the sampling noise (see
   * significance.ts); new_category for a category made after the previous wave began that none
   * of its mentions were coded to: its 0 there is no figure, so nothing is compared.
   */
  movement: Movement | 'new_category';
  share: number;
  previousShare: number;
  shareChange: number;
  /** The 95 % interval of shareChange (Newcombe's hybrid score interval). */
  shareChangeLower: number;
  shareChangeUpper: number;
  respondents: number;
  previousRespondents: number;
  points: number;
  previousPoints: number;
  pointsChange: number;
}

/** How many answered the problem list in each wave: the denominators of the shares. */
export interface WaveSizes {
  now: number;
  before: number;
}

/**
 * Compares this campaign's ranked list with the previous one, category by category: the change
 * in share with its 95 % interval, marked up or down only when the interval leaves out zero, and
 * too_few for every row when either wave has fewer than MIN_RESPONDENTS_TO_COMPARE answers.
 * `madeSincePrevious`: the categories created after the previous wave began (see movement).
 */
export function compareYears(current: RankedProblem[], previous: RankedProblem[], sizes: WaveSizes, madeSincePrevious: ReadonlySet<number> = new Set()): YearOverYear[] {
  const before = new Map(previous.filter((p) => p.respondents > 0).map((p) => [p.categoryId, p]));
  const now = current.filter((p) => p.respondents > 0);
  const seen = new Set(now.map((p) => p.categoryId));
  const row = (p: RankedProblem | undefined, old: RankedProblem | undefined, presence: YearPresence): YearOverYear => {
    const x1 = p?.respondents ?? 0;
    const x2 = old?.respondents ?? 0;
    const comparison = compareShares(x1, sizes.now, x2, sizes.before);
    return {
      categoryId: (p ?? old)!.categoryId,
      category: (p ?? old)!.category,
      presence,
      movement: presence === 'new' && madeSincePrevious.has(p!.categoryId) ? 'new_category' : comparison.movement,
      share: p?.share ?? 0,
      previousShare: old?.share ?? 0,
      shareChange: (p?.share ?? 0) - (old?.share ?? 0),
      shareChangeLower: comparison.lower,
      shareChangeUpper: comparison.upper,
      respondents: x1,
      previousRespondents: x2,
      points: p?.points ?? 0,
      previousPoints: old?.points ?? 0,
      pointsChange: (p?.points ?? 0) - (old?.points ?? 0),
    };
  };
  const rows = now.map((p) => row(p, before.get(p.categoryId), before.has(p.categoryId) ? 'both' : 'new'));
  for (const old of before.values()) if (!seen.has(old.categoryId)) rows.push(row(undefined, old, 'gone'));
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

// ---------------------------------------------------------------------------------------------
// NPS bands

/** 9–10 on the 0–10 scale. */
export const NPS_PROMOTER_MIN = 9;
/** 0–6 on the 0–10 scale. */
export const NPS_DETRACTOR_MAX = 6;

export type NpsBand = 'promoter' | 'passive' | 'detractor';

/** Promoter 9–10, passive 7–8, detractor 0–6. */
export function npsBandOf(score: number): NpsBand {
  if (score >= NPS_PROMOTER_MIN) return 'promoter';
  if (score <= NPS_DETRACTOR_MAX) return 'detractor';
  return 'passive';
}

// ---------------------------------------------------------------------------------------------
// Problem figures

/** The lowest answer that counts as yes in a problem rating: 1 on yes/no, 4 (4–5) on the 1–5 scale. */
export function ratingYesMin(scale: 'yes_no' | '1-5'): number {
  return scale === '1-5' ? 4 : 1;
}

/** part ÷ whole, 0 when the whole is 0. */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** yes ÷ answers, null when nobody answered. */
export function shareOfYes(yes: number, answers: number): number | null {
  return answers > 0 ? yes / answers : null;
}

/** shareFrequent × shareBothersome, null unless both are known. */
export function problemScoreOf(shareFrequent: number | null, shareBothersome: number | null): number | null {
  return shareFrequent !== null && shareBothersome !== null ? shareFrequent * shareBothersome : null;
}

/** A category with nothing counted yet. */
export function emptyFigures(categoryId: number): ProblemFigures {
  return {
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
  };
}

/** The figure the list is ordered by: points, or problem score (0 when not rated). */
export function orderingFigure(p: RankedProblem, order: RankOrder): number {
  return order === 'points' ? p.points : (p.problemScore ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Frequency × bother

/** A share at or above this is "frequent" or "bothersome": the lines that split the matrix in four. */
export const QUADRANT_THRESHOLD = 0.5;

export type Quadrant = 'frequent_bothersome' | 'frequent_tolerated' | 'rare_bothersome' | 'rare_tolerated';

export function quadrantOf(shareFrequent: number, shareBothersome: number): Quadrant {
  const frequent = shareFrequent >= QUADRANT_THRESHOLD;
  const bothersome = shareBothersome >= QUADRANT_THRESHOLD;
  if (frequent) return bothersome ? 'frequent_bothersome' : 'frequent_tolerated';
  return bothersome ? 'rare_bothersome' : 'rare_tolerated';
}

// ---------------------------------------------------------------------------------------------
// The coding form

/** The coding page's form as posted: the button pressed and the choices on the page. */
export interface CodingFormChoice {
  /** "Accept" on a suggestion: `<mentionId>:<categoryId>`. */
  accept?: string;
  /** "Code" on one row: that mention, coded to the row's own choice in `category`. */
  apply?: number;
  /** Each row's chosen category, keyed by mention id. */
  category?: Record<string, string>;
  /** "Code selected": the ticked mentions, coded to `bulkCategoryId`. */
  mentionIds: number[];
  bulkCategoryId?: string;
}

/** Which mentions to code to which category, and the form field that answers for it. */
export interface CodingRequest {
  mentionIds: number[];
  categoryId: number;
  field: string;
}

export type CodingRequestOutcome = { ok: true; request: CodingRequest } | { ok: false; errors: Record<string, string[]> };

/**
 * What the pressed button asks for: an accepted suggestion, one row's own choice, or the ticked
 * mentions with the bulk category. A missing choice is reported on the field it belongs to.
 */
export function codingRequestOf(form: CodingFormChoice): CodingRequestOutcome {
  if (form.accept) {
    const [mentionId, categoryId] = form.accept.split(':').map(Number) as [number, number];
    return { ok: true, request: { mentionIds: [mentionId], categoryId, field: 'bulkCategoryId' } };
  }
  if (form.apply) {
    const field = `category-${form.apply}`;
    const categoryId = Number(form.category?.[String(form.apply)] ?? 0);
    if (!categoryId) return { ok: false, errors: { [field]: ['coding.errors.chooseCategory'] } };
    return { ok: true, request: { mentionIds: [form.apply], categoryId, field } };
  }
  if (!form.mentionIds.length) return { ok: false, errors: { mentionIds: ['coding.errors.selectMention'] } };
  const categoryId = Number(form.bulkCategoryId ?? 0);
  if (!categoryId) return { ok: false, errors: { bulkCategoryId: ['coding.errors.chooseCategory'] } };
  return { ok: true, request: { mentionIds: form.mentionIds, categoryId, field: 'bulkCategoryId' } };
}
