// npm run bench -- coding: suggestion accuracy on the held-out sets (reported, not a timing; see
// docs/coding.md). The final table gets top-1 and top-3 of the full engine per set.
import type { Row } from './lib/stats';
import { SETS, engine, measure, report } from './coding-accuracy';

const TARGETS = { top1: 0.85, top3: 0.97 };

export async function run(): Promise<Row[]> {
  console.log(report());
  const full = engine();
  const rows: Row[] = [];
  SETS.forEach((set, i) => {
    const r = measure(full, set.mentions);
    const per = (k: 'top1' | 'top3') => (['sv', 'da', 'en'] as const).map((l) => `${l} ${(r.perLanguage[l][k] * 100).toFixed(0)}`).join(', ');
    for (const k of ['top1', 'top3'] as const) {
      rows.push({
        order: 900 + i * 2 + (k === 'top3' ? 1 : 0),
        work: `coding suggestions ${k === 'top1' ? 'top-1' : 'top-3'}, ${set.name.split(' (')[0]} (${set.mentions.length})`,
        app: `${(r.all[k] * 100).toFixed(1)} % (${per(k)})`,
        baseline: '–',
        ratio: '–',
        p99: '–',
        target: `≥ ${TARGETS[k] * 100} %`,
        met: r.all[k] >= TARGETS[k],
      });
    }
  });
  return rows;
}
