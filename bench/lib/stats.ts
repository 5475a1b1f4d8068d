// Medians with their range, and the rows of the final table.
import os from 'node:os';

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error('no values to summarize');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** A number with thousands separators and `digits` decimals. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "296 (281–310)": the median, then the range over the rounds. */
export function range(s: Summary, digits = 0, unit = ''): string {
  if (s.n === 1) return `${num(s.median, digits)}${unit}`;
  return `${num(s.median, digits)}${unit} (${num(s.min, digits)}–${num(s.max, digits)})`;
}

/** Milliseconds as range(), switching to seconds from 10 s on. */
export function msRange(s: Summary): string {
  return s.median >= 10_000 ? range({ ...s, median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 }, 1, ' s') : range(s, 0, ' ms');
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

/** One row of the final table: what the table lists, measured in this run. */
export interface Row {
  /** Position in the table, so the final table keeps its order whichever benches ran. */
  order: number;
  work: string;
  app: string;
  baseline: string;
  ratio: string;
  p99: string;
  target: string;
  /** Whether the target is met; undefined when the bench cannot tell. */
  met?: boolean;
}

export function table(rows: Row[]): string[] {
  const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? 'yes' : 'no');
  return [
    '| work | app: median (min–max) | baseline: median (min–max) | ratio | app p99 | target | met |',
    '| --- | ---: | ---: | ---: | ---: | --- | :---: |',
    ...rows.map((r) => `| ${r.work} | ${r.app} | ${r.baseline} | ${r.ratio} | ${r.p99} | ${r.target} | ${mark(r.met)} |`),
  ];
}

/** Round counts and sizes every bench reads from the environment. */
export const SETTINGS = {
  rounds: Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3)),
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  scale: Number(process.env.BENCH_SCALE ?? 1),
};

/** `full` scaled by BENCH_SCALE, at least `min`. */
export function scaled(full: number, min = 1): number {
  return Math.max(min, Math.round(full * SETTINGS.scale));
}
