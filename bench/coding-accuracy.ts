/**
 * Accuracy of category suggestions on the two held-out sets of coded mentions (and on the dev
 * set the engine was tuned on). `npm run bench -- coding` prints, per set, top-1 and top-3
 * overall and per language for the full engine, ablations and a naive exact-word baseline,
 * and the build and suggestion times of a production-sized load. See docs/coding.md.
 */
import catalogueJson from '../test/fixtures/coding-catalogue.json';
import trainingJson from '../test/fixtures/coding-training.json';
import heldoutJson from '../test/fixtures/coding-heldout.json';
import heldout2Json from '../test/fixtures/coding-heldout-2.json';
import heldout3Json from '../test/fixtures/coding-heldout-3.json';
import devJson from '../test/fixtures/coding-dev.json';
import dev2Json from '../test/fixtures/coding-dev-2.json';
import { buildSuggester, type CatalogueCategory, type CodedMention, type Suggester, type SuggesterOptions } from '../src/analysis/suggest';
import { isStopWord, tokenize, type Lang } from '../src/analysis/text-normalize';

export const catalogue = catalogueJson as CatalogueCategory[];
export const training = trainingJson as CodedMention[];
/** Written by the catalogue's author, so it shares the catalogue's vocabulary. */
export const heldout = heldoutJson as CodedMention[];
/** Written before reading the catalogue; mentions that fit no category have categoryId null. */
export const heldout2All = heldout2Json as (Omit<CodedMention, 'categoryId'> & { categoryId: number | null })[];
export const heldout2 = heldout2All.filter((m): m is CodedMention => m.categoryId !== null);
/** Written like set 2 by another author, without the catalogue's keywords or the complaint thesaurus. */
export const heldout3All = heldout3Json as typeof heldout2All;
export const heldout3 = heldout3All.filter((m): m is CodedMention => m.categoryId !== null);
/** What the engine was tuned on; never the held-out sets. */
export const dev = devJson as CodedMention[];
/** A second, larger dev set (108 mentions, paraphrased as customers complain); tuned on too. */
export const dev2 = dev2Json as CodedMention[];

type Ranker = Pick<Suggester, 'suggest'>;

export interface Accuracy {
  n: number;
  top1: number;
  top3: number;
}

export function accuracy(ranker: Ranker, mentions: CodedMention[]): Accuracy {
  let top1 = 0;
  let top3 = 0;
  for (const m of mentions) {
    const ranked = ranker.suggest(m.text, m.language, 3).map((s) => s.categoryId);
    if (ranked[0] === m.categoryId) top1++;
    if (ranked.includes(m.categoryId)) top3++;
  }
  const n = mentions.length;
  return { n, top1: n ? top1 / n : 0, top3: n ? top3 / n : 0 };
}

/** Baseline: count of a mention's distinct words that occur verbatim in the category's text. */
export function naiveRanker(categories: CatalogueCategory[], coded: CodedMention[]): Ranker {
  const words = new Map<number, Set<string>>();
  const add = (id: number, text: string): void => {
    const set = words.get(id) ?? new Set<string>();
    for (const w of tokenize(text)) if (!isStopWord(w)) set.add(w);
    words.set(id, set);
  };
  for (const c of categories) {
    for (const t of [...Object.values(c.names), ...c.keywords, c.description ?? '']) add(c.id, t);
  }
  for (const m of coded) add(m.categoryId, m.text);
  return {
    suggest(text: string, language: Lang, limit = 3) {
      const query = new Set(tokenize(text).filter((w) => !isStopWord(w, language)));
      const scored = categories.map((c) => {
        const set = words.get(c.id) ?? new Set<string>();
        let hits = 0;
        for (const w of query) if (set.has(w)) hits++;
        return { categoryId: c.id, score: query.size ? hits / query.size : 0 };
      });
      return scored
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score || a.categoryId - b.categoryId)
        .slice(0, limit);
    },
  };
}

export function engine(options: SuggesterOptions = {}): Suggester {
  return buildSuggester({ categories: catalogue, coded: training }, options);
}

/**
 * k-fold cross-validation over the held-out set: each fold is scored by an engine that has also
 * learned the other folds, which shows what learning adds as coded mentions accumulate.
 */
export function crossValidated(mentions: CodedMention[], folds = 5): Ranker {
  const foldOf = new Map(mentions.map((m, i) => [m, i % folds]));
  const engines = Array.from({ length: folds }, (_, f) =>
    buildSuggester({ categories: catalogue, coded: [...training, ...mentions.filter((m) => foldOf.get(m) !== f)] }),
  );
  // Route each mention to the engine that did not learn it.
  const byText = new Map(mentions.map((m) => [`${m.language}:${m.text}`, foldOf.get(m) ?? 0]));
  return {
    suggest(text: string, language: Lang, limit = 3) {
      return engines[byText.get(`${language}:${text}`) ?? 0]?.suggest(text, language, limit) ?? [];
    },
  };
}

/** A production-sized load: 50 categories, 5,000 coded mentions, 1,000 mentions to suggest for. */
export function syntheticLoad(): { categories: CatalogueCategory[]; coded: CodedMention[]; mentions: CodedMention[] } {
  const categories: CatalogueCategory[] = [];
  for (let i = 0; categories.length < 50; i++) {
    const base = catalogue[i % catalogue.length] as CatalogueCategory;
    const round = Math.floor(i / catalogue.length);
    const tag = round ? ` ${round}` : '';
    categories.push({
      id: i + 1,
      names: { en: base.names.en + tag, sv: base.names.sv + tag, da: base.names.da + tag },
      keywords: base.keywords,
      description: base.description ?? null,
    });
  }
  const pool = [...training, ...dev];
  const coded: CodedMention[] = [];
  for (let i = 0; i < 5000; i++) {
    const m = pool[i % pool.length] as CodedMention;
    coded.push({ ...m, text: `${m.text} ${i % 7 ? '' : 'igen'}`.trim(), categoryId: ((m.categoryId - 1 + 18 * (i % 3)) % 50) + 1 });
  }
  const mentions = Array.from({ length: 1000 }, (_, i) => pool[(i * 7) % pool.length] as CodedMention);
  return { categories, coded, mentions };
}

export function timeLoad(): { buildMs: number; suggestMs: number } {
  const load = syntheticLoad();
  const t0 = performance.now();
  const s = buildSuggester({ categories: load.categories, coded: load.coded });
  const t1 = performance.now();
  for (const m of load.mentions) s.suggest(m.text, m.language, 3);
  const t2 = performance.now();
  return { buildMs: t1 - t0, suggestMs: t2 - t1 };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const LANGS_SHOWN: Lang[] = ['sv', 'da', 'en'];

export interface SetResult {
  all: Accuracy;
  perLanguage: Record<Lang, Accuracy>;
}

export function measure(ranker: Ranker, mentions: CodedMention[]): SetResult {
  const perLanguage = Object.fromEntries(LANGS_SHOWN.map((l) => [l, accuracy(ranker, mentions.filter((m) => m.language === l))])) as Record<Lang, Accuracy>;
  return { all: accuracy(ranker, mentions), perLanguage };
}

export const SETS: { name: string; mentions: CodedMention[] }[] = [
  { name: 'held-out set 1 (coding-heldout.json, same author as the catalogue)', mentions: heldout },
  { name: 'held-out set 2 (coding-heldout-2.json, written before reading the catalogue)', mentions: heldout2 },
  { name: 'held-out set 3 (coding-heldout-3.json, another author, written before reading the catalogue)', mentions: heldout3 },
  { name: 'dev set (coding-dev.json, tuned on)', mentions: dev },
  { name: 'dev set 2 (coding-dev-2.json, tuned on)', mentions: dev2 },
];

export function variants(mentions: CodedMention[]): [string, Ranker][] {
  return [
    ['Full engine (catalogue + nearest coded mentions)', engine()],
    ['Full engine, 5-fold cross-validation (also learns the other 4/5 of this set)', crossValidated(mentions)],
    ['Without nearest neighbours (coded mentions only in the category bags)', engine({ neighbours: false })],
    ['Without learning (catalogue only)', engine({ learn: false })],
    ['Without the complaint thesaurus (complaint-concepts.ts)', engine({ concepts: false })],
    ['Without generic-word weighting', engine({ generic: false })],
    ['Without compound splitting', engine({ compounds: false })],
    ['Without character n-grams', engine({ ngrams: false })],
    ['Without stemming (exact words, BM25 + n-grams)', engine({ stemming: false })],
    ['Naive exact word match (catalogue + coded mentions)', naiveRanker(catalogue, training)],
  ];
}

function count(mentions: CodedMention[], l: Lang): number {
  return mentions.filter((m) => m.language === l).length;
}

export function report(): string {
  const lines = [`Catalogue: ${catalogue.length} categories; coded mentions learned from: ${training.length} (coding-training.json).`];
  const unfit = new Map([[heldout2, heldout2All.length - heldout2.length], [heldout3, heldout3All.length - heldout3.length]]);
  for (const set of SETS) {
    const m = set.mentions;
    lines.push(
      '',
      `### ${set.name}: ${m.length} mentions (sv ${count(m, 'sv')}, da ${count(m, 'da')}, en ${count(m, 'en')})` +
        (unfit.has(set.mentions) ? `; ${unfit.get(set.mentions)} more fit no category and are not counted` : ''),
      '',
      '| variant | top-1 | top-3 | sv top-1 | da top-1 | en top-1 | sv top-3 | da top-3 | en top-3 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const [name, ranker] of variants(m)) {
      const r = measure(ranker, m);
      const per = LANGS_SHOWN.map((l) => r.perLanguage[l]);
      lines.push(`| ${name} | ${pct(r.all.top1)} | ${pct(r.all.top3)} | ${per.map((a) => pct(a.top1)).join(' | ')} | ${per.map((a) => pct(a.top3)).join(' | ')} |`);
    }
  }
  const t = timeLoad();
  lines.push('', `Speed (50 categories, 5,000 coded mentions, 1,000 suggestions): build ${t.buildMs.toFixed(0)} ms, suggest ${t.suggestMs.toFixed(0)} ms.`);
  return lines.join('\n');
}
