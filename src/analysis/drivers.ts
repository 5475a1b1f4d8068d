// Key drivers of satisfaction (no I/O): which touchpoints move overall satisfaction and the NPS,
// against how well each performs. docs/scoring.md ("Key drivers") explains the choice and its limits.

/** Below this many respondents with both answers a correlation is not shown as an importance. */
export const MIN_DRIVER_PAIRS = 30;

/** One respondent's answers: each touchpoint's score (the mean of its questions) and the outcomes. */
export interface DriverRespondent {
  touchpoints: Record<string, number>;
  overall?: number;
  nps?: number;
}

export interface TouchpointScale {
  touchpoint: string;
  /** The top of the rating scale (1..scale). */
  scale: number;
}

export type DriverQuadrant = 'improve_first' | 'keep_up' | 'watch' | 'maintain';

export interface KeyDriver {
  touchpoint: string;
  /** Pearson's r of the touchpoint score with overall satisfaction; null without enough pairs. */
  satisfactionCorrelation: number | null;
  satisfactionPairs: number;
  /** Pearson's r with the NPS answer (0–10). */
  npsCorrelation: number | null;
  npsPairs: number;
  /** The mean of the correlations shown (derived importance); null when neither is. */
  importance: number | null;
  /** Mean touchpoint score over its answers. */
  mean: number | null;
  answers: number;
  /** (mean − 1) ÷ (scale − 1): 0 at the bottom of the scale, 1 at the top. */
  performance: number | null;
  /** Against the touchpoints' average importance and performance; null without both. */
  quadrant: DriverQuadrant | null;
}

/** Pearson's correlation coefficient; null below two pairs or when either side does not vary. */
export function pearson(xs: number[], ys: number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i]!;
    sy += ys[i]!;
  }
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx, dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** r over the respondents who answered both the touchpoint and the outcome (pairwise). */
function correlationWith(respondents: DriverRespondent[], touchpoint: string, outcome: 'overall' | 'nps') {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of respondents) {
    const x = r.touchpoints[touchpoint];
    const y = r[outcome];
    if (x === undefined || y === undefined) continue;
    xs.push(x);
    ys.push(y);
  }
  return { r: xs.length >= MIN_DRIVER_PAIRS ? pearson(xs, ys) : null, pairs: xs.length };
}

const QUADRANT_ORDER: DriverQuadrant[] = ['improve_first', 'keep_up', 'watch', 'maintain'];

/**
 * Derived importance of each touchpoint (its correlation with overall satisfaction and with the
 * NPS) against its performance, ordered so that the touchpoints that matter most and score worst
 * come first: by quadrant (improve first, keep up, watch, maintain), then by importance.
 */
export function keyDrivers(touchpoints: TouchpointScale[], respondents: DriverRespondent[]): KeyDriver[] {
  const rows = touchpoints.map(({ touchpoint, scale }): KeyDriver => {
    const satisfaction = correlationWith(respondents, touchpoint, 'overall');
    const nps = correlationWith(respondents, touchpoint, 'nps');
    const shown = [satisfaction.r, nps.r].filter((r): r is number => r !== null);
    const scores = respondents.map((r) => r.touchpoints[touchpoint]).filter((v): v is number => v !== undefined);
    const mean = scores.length ? scores.reduce((s, v) => s + v, 0) / scores.length : null;
    return {
      touchpoint,
      satisfactionCorrelation: satisfaction.r,
      satisfactionPairs: satisfaction.pairs,
      npsCorrelation: nps.r,
      npsPairs: nps.pairs,
      importance: shown.length ? shown.reduce((s, r) => s + r, 0) / shown.length : null,
      mean,
      answers: scores.length,
      performance: mean === null || scale <= 1 ? null : (mean - 1) / (scale - 1),
      quadrant: null,
    };
  });
  const placed = rows.filter((r) => r.importance !== null && r.performance !== null);
  const average = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const importanceLine = placed.length ? average(placed.map((r) => r.importance!)) : 0;
  const performanceLine = placed.length ? average(placed.map((r) => r.performance!)) : 0;
  for (const r of placed) r.quadrant = driverQuadrantOf(r.importance!, r.performance!, importanceLine, performanceLine);
  const rank = (r: KeyDriver) => (r.quadrant === null ? QUADRANT_ORDER.length : QUADRANT_ORDER.indexOf(r.quadrant));
  return rows.sort(
    (a, b) => rank(a) - rank(b) || (b.importance ?? -2) - (a.importance ?? -2) || (a.performance ?? 2) - (b.performance ?? 2) || (a.touchpoint < b.touchpoint ? -1 : 1),
  );
}

/** Above the average importance and below the average performance: improve first. */
export function driverQuadrantOf(importance: number, performance: number, importanceLine: number, performanceLine: number): DriverQuadrant {
  const important = importance >= importanceLine;
  const good = performance >= performanceLine;
  if (important) return good ? 'keep_up' : 'improve_first';
  return good ? 'maintain' : 'watch';
}

/** Each respondent's touchpoint scores (the mean of their answers to its questions) and outcomes. */
export function driverRespondents(
  answers: { responseId: number; questionId: string; value: number }[],
  touchpointOf: ReadonlyMap<string, string>,
  overallQuestionId: string | undefined,
  npsQuestionId: string | undefined,
): DriverRespondent[] {
  type Collected = { sums: Map<string, [number, number]>; overall?: number; nps?: number };
  const byResponse = new Map<number, Collected>();
  for (const a of answers) {
    const r: Collected = byResponse.get(a.responseId) ?? { sums: new Map() };
    byResponse.set(a.responseId, r);
    if (a.questionId === overallQuestionId) r.overall = a.value;
    else if (a.questionId === npsQuestionId) r.nps = a.value;
    const touchpoint = touchpointOf.get(a.questionId);
    if (touchpoint) {
      const [sum, count] = r.sums.get(touchpoint) ?? [0, 0];
      r.sums.set(touchpoint, [sum + a.value, count + 1]);
    }
  }
  return [...byResponse.values()].map((r) => ({
    touchpoints: Object.fromEntries([...r.sums].map(([t, [sum, count]]) => [t, sum / count])),
    ...(r.overall !== undefined ? { overall: r.overall } : {}),
    ...(r.nps !== undefined ? { nps: r.nps } : {}),
  }));
}
