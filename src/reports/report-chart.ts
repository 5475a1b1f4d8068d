// The Pareto chart of the reports drawn as SVG geometry on the server (no I/O): print views and
// PDFs then show it without a script, and its numbers are in the table beside it.

export interface ParetoInput {
  labels: string[];
  bars: number[];
  /** Cumulative share 0..1 after each bar. */
  line: number[];
}

export interface ParetoSvg {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: { x: number; y: number; width: number; height: number; label: string; labelX: number; value: number }[];
  /** "x,y x,y …" of the cumulative share line. */
  linePoints: string;
  dots: { x: number; y: number }[];
  /** Left axis (bar values) and right axis (cumulative %) ticks. */
  barTicks: { y: number; value: number }[];
  shareTicks: { y: number; share: number; label: string }[];
}

const WIDTH = 680;
const HEIGHT = 300;
const PLOT = { left: 44, top: 12, right: WIDTH - 44, bottom: HEIGHT - 96 };
const MAX_LABEL = 22;

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The chart of the first `limit` problems: bars scaled to the largest, the cumulative line on 0–100 %. */
export function paretoSvg(input: ParetoInput, limit = 12): ParetoSvg {
  const n = Math.min(limit, input.bars.length);
  const top = niceMax(Math.max(0, ...input.bars.slice(0, n)));
  const plotHeight = PLOT.bottom - PLOT.top;
  const slot = n ? (PLOT.right - PLOT.left) / n : 0;
  const barWidth = slot * 0.7;
  const yOf = (value: number) => round(PLOT.bottom - (value / top) * plotHeight);
  const shareY = (share: number) => round(PLOT.bottom - share * plotHeight);
  const bars = input.bars.slice(0, n).map((value, i) => {
    const x = round(PLOT.left + i * slot + (slot - barWidth) / 2);
    const y = yOf(value);
    const label = input.labels[i] ?? '';
    return { x, y, width: round(barWidth), height: round(PLOT.bottom - y), label: label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label, labelX: round(x + barWidth / 2), value };
  });
  const dots = input.line.slice(0, n).map((share, i) => ({ x: round(PLOT.left + i * slot + slot / 2), y: shareY(share) }));
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    bars,
    linePoints: dots.map((d) => `${d.x},${d.y}`).join(' '),
    dots,
    barTicks: [0, 0.5, 1].map((f) => ({ y: yOf(top * f), value: top * f })),
    shareTicks: [0, 0.5, 1].map((f) => ({ y: shareY(f), share: f, label: `${f * 100} %` })),
  };
}
