// Tuning aid: accuracy on the sets one may tune on (dev, dev-2, held-out set 1, leave-one-out over
// the training set). Held-out set 2 is deliberately not here; see docs/coding.md.
// Run: npm run build && node dist/bench/coding-tune.js
import { accuracy, catalogue, dev, dev2, heldout, training } from './coding-accuracy';
import { buildSuggester, type SuggesterOptions } from '../src/analysis/suggest';

/** Each training mention scored by an engine that learned all the others. */
export function leaveOneOut(options: SuggesterOptions = {}): { top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  training.forEach((m, i) => {
    const s = buildSuggester({ categories: catalogue, coded: training.filter((_, j) => j !== i) }, options);
    const ranked = s.suggest(m.text, m.language, 3).map((x) => x.categoryId);
    if (ranked[0] === m.categoryId) top1++;
    if (ranked.includes(m.categoryId)) top3++;
  });
  return { top1: top1 / training.length, top3: top3 / training.length };
}

export function tuneLine(options: SuggesterOptions = {}): string {
  const s = buildSuggester({ categories: catalogue, coded: training }, options);
  const f = (a: { top1: number; top3: number }): string => `${(a.top1 * 100).toFixed(1)}/${(a.top3 * 100).toFixed(1)}`;
  const d = accuracy(s, dev);
  const d2 = accuracy(s, dev2);
  const h1 = accuracy(s, heldout);
  const loo = leaveOneOut(options);
  const mean1 = (d.top1 + d2.top1 + h1.top1 + loo.top1) / 4;
  return `dev ${f(d)}  dev2 ${f(d2)}  set1 ${f(h1)}  loo ${f(loo)}  mean-top1 ${(mean1 * 100).toFixed(1)}`;
}

if (require.main === module) console.log(tuneLine());
