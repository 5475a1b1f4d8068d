/**
 * Suggests problem catalogue categories for a free-text problem mention.
 *
 * Each category becomes one weighted bag of features built from its names, keywords and
 * description (weighted higher) and from every mention already coded to it (learned). A
 * mention is scored against each bag with BM25 over stems, compound parts and character
 * 4-grams. Pure and deterministic; build once, suggest many.
 */
import { LANGS, charNgrams, isStopWord, splitCompound, stem, tokenize, type Lang } from './text-normalize';

export type { Lang } from './text-normalize';

export interface CatalogueCategory {
  id: number;
  names: { en: string; sv: string; da: string };
  keywords: string[];
  description?: string | null;
}

export interface CodedMention {
  text: string;
  language: Lang;
  categoryId: number;
}

export interface SuggesterInput {
  categories: CatalogueCategory[];
  coded: CodedMention[];
}

export interface Suggestion {
  categoryId: number;
  /** 0..1: the share of the mention's weighted features that the category explains. */
  score: number;
}

export interface Suggester {
  /** Categories ranked best first (ties by id), only those with score > 0, at most `limit`. */
  suggest(text: string, language: Lang, limit?: number): Suggestion[];
}

/** Switches for measuring what each part adds; everything is on by default. */
export interface SuggesterOptions {
  stemming?: boolean;
  compounds?: boolean;
  ngrams?: boolean;
  /** Learn from coded mentions. */
  learn?: boolean;
}

// Source weights: curated catalogue text says more about a category than one customer's words.
const W_NAME = 3;
const W_KEYWORD = 2;
const W_DESCRIPTION = 1;
const W_CODED = 1;
// Feature weights within one word.
const W_PART = 0.7;
const W_NGRAMS = 0.5; // shared by all n-grams of a word
const MIN_COMPOUND_LENGTH = 6;
// BM25
const K1 = 1.2;
const B = 0.75;

const CACHE_LIMIT = 50_000;

type Bag = Map<string, number>;

function addTo(bag: Bag, key: string, weight: number): void {
  bag.set(key, (bag.get(key) ?? 0) + weight);
}

/** Keep the larger weight: one word must not count twice because two stemmers agree. */
function maxInto(bag: Bag, key: string, weight: number): void {
  const old = bag.get(key);
  if (old === undefined || weight > old) bag.set(key, weight);
}

export function buildSuggester(input: SuggesterInput, options: SuggesterOptions = {}): Suggester {
  const useStemming = options.stemming ?? true;
  const useCompounds = (options.compounds ?? true) && useStemming;
  const useNgrams = options.ngrams ?? true;
  const learn = options.learn ?? true;

  const stemsOf = (word: string, lang: Lang | null): string[] => {
    if (!useStemming) return [word];
    if (lang) return [stem(word, lang)];
    return [...new Set(LANGS.map((l) => stem(word, l)))];
  };

  // Texts of each category with their language (null: keywords and descriptions are mixed).
  const sources = input.categories.map((c) => {
    const texts: { text: string; lang: Lang | null; weight: number }[] = [];
    for (const l of LANGS) texts.push({ text: c.names[l], lang: l, weight: W_NAME });
    for (const k of c.keywords) texts.push({ text: k, lang: null, weight: W_KEYWORD });
    if (c.description) texts.push({ text: c.description, lang: null, weight: W_DESCRIPTION });
    return texts;
  });
  if (learn) {
    const index = new Map(input.categories.map((c, i) => [c.id, i]));
    for (const m of input.coded) {
      const i = index.get(m.categoryId);
      if (i !== undefined) sources[i]?.push({ text: m.text, lang: m.language, weight: W_CODED });
    }
  }

  // Vocabulary of known stems, which compounds are split against.
  const known = new Set<string>();
  for (const texts of sources) {
    for (const t of texts) {
      for (const word of tokenize(t.text)) {
        if (isStopWord(word, t.lang)) continue;
        for (const s of stemsOf(word, t.lang)) known.add(s);
      }
    }
  }
  const isKnown = (s: string): boolean => known.has(s);

  const wordCache = new Map<string, Bag>();
  /** Features of one word. Queries may split loosely: one known part of an unknown word. */
  const wordFeatures = (word: string, lang: Lang | null, query: boolean): Bag => {
    const cacheKey = `${query ? 'q' : 'd'}${lang ?? '*'}:${word}`;
    const cached = wordCache.get(cacheKey);
    if (cached) return cached;
    const bag: Bag = new Map();
    const stems = stemsOf(word, lang);
    for (const s of stems) maxInto(bag, `s:${s}`, 1);
    if (useCompounds && word.length >= MIN_COMPOUND_LENGTH) {
      for (const l of lang ? [lang] : LANGS) {
        const whole = stem(word, l);
        const parts = splitCompound(word, l, isKnown, { loose: query && !known.has(whole) });
        for (const p of parts ?? []) if (p !== whole) maxInto(bag, `s:${p}`, W_PART);
      }
    }
    if (useNgrams) {
      for (const s of stems) {
        const grams = charNgrams(s, 4);
        for (const g of grams) maxInto(bag, `g:${g}`, W_NGRAMS / grams.length);
      }
    }
    if (wordCache.size >= CACHE_LIMIT) wordCache.clear();
    wordCache.set(cacheKey, bag);
    return bag;
  };

  const textFeatures = (text: string, lang: Lang | null, query: boolean): Bag => {
    const bag: Bag = new Map();
    for (const word of tokenize(text)) {
      if (isStopWord(word, lang)) continue;
      for (const [k, w] of wordFeatures(word, lang, query)) addTo(bag, k, w);
    }
    return bag;
  };

  // Category documents.
  const docs: Bag[] = sources.map((texts) => {
    const doc: Bag = new Map();
    for (const t of texts) for (const [k, w] of textFeatures(t.text, t.lang, false)) addTo(doc, k, w * t.weight);
    return doc;
  });
  const n = docs.length;
  const lengths = docs.map((d) => [...d.values()].reduce((a, b) => a + b, 0));
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n) || 1;

  const df = new Map<string, number>();
  for (const d of docs) for (const k of d.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const idf = (k: string): number => {
    const f = df.get(k) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };

  // Postings hold the finished BM25 term value, so a query is only lookups and sums.
  const postings = new Map<string, { doc: number; value: number }[]>();
  docs.forEach((d, i) => {
    const norm = K1 * (1 - B + (B * (lengths[i] ?? 0)) / avgLength);
    for (const [k, tf] of d) {
      const value = (idf(k) * tf * (K1 + 1)) / (tf + norm);
      const list = postings.get(k);
      if (list) list.push({ doc: i, value });
      else postings.set(k, [{ doc: i, value }]);
    }
  });
  const ids = input.categories.map((c) => c.id);

  return {
    suggest(text: string, language: Lang, limit = 3): Suggestion[] {
      if (n === 0 || limit <= 0) return [];
      const query = textFeatures(text, language, true);
      const raw = new Float64Array(n);
      let upper = 0;
      for (const [k, qw] of query) {
        // The best any document can reach for this feature: BM25's tf part is below K1 + 1.
        upper += qw * idf(k) * (K1 + 1);
        for (const p of postings.get(k) ?? []) raw[p.doc] = (raw[p.doc] ?? 0) + qw * p.value;
      }
      if (upper <= 0) return [];
      const out: Suggestion[] = [];
      raw.forEach((r, i) => {
        if (r > 0) out.push({ categoryId: ids[i] ?? 0, score: Math.min(1, r / upper) });
      });
      out.sort((a, b) => b.score - a.score || a.categoryId - b.categoryId);
      return out.slice(0, limit);
    },
  };
}
