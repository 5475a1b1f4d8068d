// Sampling noise for the year-over-year comparison and the satisfaction trend (no I/O).
// docs/scoring.md ("Honest year over year") explains the choices and works an example by hand.

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/**
 * Below this many respondents in either wave a comparison is not drawn: the 95 % interval of a
 * difference of shares is then wider than about ±25 percentage points, so an arrow would mostly
 * show noise, and the normal approximation behind the NPS and mean intervals is poor.
 */
export const MIN_RESPONDENTS_TO_COMPARE = 30;

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson's score interval for a proportion x of n (Wilson 1927). Unlike p ± z·√(p(1−p)/n) it
 * stays inside 0..1 and does not collapse to a point at x = 0 or x = n.
 */
export function wilsonInterval(x: number, n: number, z = Z_95): Interval {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

export interface DifferenceInterval extends Interval {
  /** p1 − p2. */
  difference: number;
}

/**
 * The 95 % interval of p1 − p2 for two independent samples by Newcombe's hybrid score method
 * (Newcombe 1998, method 10): each share's Wilson interval (l, u), then
 *   lower = d − √((p1 − l1)² + (u2 − p2)²),  upper = d + √((u1 − p1)² + (p2 − l2)²).
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z = Z_95): DifferenceInterval {
  const p1 = n1 > 0 ? x1 / n1 : 0;
  const p2 = n2 > 0 ? x2 / n2 : 0;
  const w1 = wilsonInterval(x1, n1, z);
  const w2 = wilsonInterval(x2, n2, z);
  const d = p1 - p2;
  return {
    difference: d,
    lower: d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}

/**
 * What a comparison of two waves may say: up or down only when the interval of the difference
 * leaves out zero, steady when it does not, too_few when either wave is smaller than
 * MIN_RESPONDENTS_TO_COMPARE.
 */
export type Movement = 'up' | 'down' | 'steady' | 'too_few';

export function movementOf(interval: Interval): Movement {
  if (interval.lower > 0) return 'up';
  if (interval.upper < 0) return 'down';
  return 'steady';
}

export function tooFewToCompare(n1: number, n2: number): boolean {
  return n1 < MIN_RESPONDENTS_TO_COMPARE || n2 < MIN_RESPONDENTS_TO_COMPARE;
}

export interface ShareComparison extends DifferenceInterval {
  movement: Movement;
}

/** This wave's x1 of n1 against the previous wave's x2 of n2. */
export function compareShares(x1: number, n1: number, x2: number, n2: number): ShareComparison {
  const interval = newcombeDifference(x1, n1, x2, n2);
  return { ...interval, movement: tooFewToCompare(n1, n2) ? 'too_few' : movementOf(interval) };
}

// ---------------------------------------------------------------------------------------------
// NPS

/**
 * Each respondent scores +1 (promoter), 0 (passive) or −1 (detractor); the NPS is the mean of
 * that score. Its variance per respondent is pP + pD − (pP − pD)², so the standard error of the
 * NPS is √(that ÷ n). Fractions, as npsOf gives them (×100 on the pages).
 */
export function npsVariance(count: number, promoters: number, detractors: number): number | null {
  if (count <= 0) return null;
  const pP = promoters / count;
  const pD = detractors / count;
  return pP + pD - (pP - pD) ** 2;
}

/** Half the width of the NPS's 95 % interval (a fraction), null without answers. */
export function npsMarginOfError(count: number, promoters: number, detractors: number): number | null {
  const variance = npsVariance(count, promoters, detractors);
  return variance === null ? null : Z_95 * Math.sqrt(variance / count);
}

export interface NpsCounts {
  count: number;
  promoters: number;
  detractors: number;
}

export interface MeanComparison extends DifferenceInterval {
  movement: Movement;
}

/** NPS now − NPS before with a normal 95 % interval (the two waves' variances added). */
export function compareNps(now: NpsCounts, before: NpsCounts): MeanComparison {
  const v1 = npsVariance(now.count, now.promoters, now.detractors) ?? 0;
  const v2 = npsVariance(before.count, before.promoters, before.detractors) ?? 0;
  const nps = (c: NpsCounts) => (c.count > 0 ? (c.promoters - c.detractors) / c.count : 0);
  return normalComparison(nps(now) - nps(before), now.count, v1, before.count, v2);
}

// ---------------------------------------------------------------------------------------------
// Mean ratings

export interface RatingSums {
  count: number;
  sum: number;
  /** Σ value². */
  sumSquares: number;
}

/** The sample variance (n − 1), null below two answers. */
export function sampleVariance(s: RatingSums): number | null {
  if (s.count < 2) return null;
  const mean = s.sum / s.count;
  return Math.max(0, (s.sumSquares - s.count * mean * mean) / (s.count - 1));
}

/** Mean now − mean before with a normal 95 % interval on Welch's standard error √(s1²/n1 + s2²/n2). */
export function compareMeans(now: RatingSums, before: RatingSums): MeanComparison {
  const mean = (s: RatingSums) => (s.count > 0 ? s.sum / s.count : 0);
  return normalComparison(mean(now) - mean(before), now.count, sampleVariance(now) ?? 0, before.count, sampleVariance(before) ?? 0);
}

function normalComparison(difference: number, n1: number, v1: number, n2: number, v2: number): MeanComparison {
  if (n1 <= 0 || n2 <= 0) return { difference, lower: -Infinity, upper: Infinity, movement: 'too_few' };
  const half = Z_95 * Math.sqrt(v1 / n1 + v2 / n2);
  const interval = { difference, lower: difference - half, upper: difference + half };
  return { ...interval, movement: tooFewToCompare(n1, n2) ? 'too_few' : movementOf(interval) };
}
