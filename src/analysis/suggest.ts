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

/** What feature extraction uses, after the options are applied. */
interface FeatureSettings {
  stemming: boolean;
  compounds: boolean;
  ngrams: boolean;
}

/** One text of a category with its language (null: keywords and descriptions are mixed) and source weight. */
interface SourceText {
  text: string;
  lang: Lang | null;
  weight: number;
}

function stemsOf(word: string, lang: Lang | null, settings: FeatureSettings): string[] {
  if (!settings.stemming) return [word];
  if (lang) return [stem(word, lang)];
  return [...new Set(LANGS.map((l) => stem(word, l)))];
}

/** The texts of each category, in input order: names, keywords, description and, when learning, its coded mentions. */
function categorySources(input: SuggesterInput, learn: boolean): SourceText[][] {
  const sources = input.categories.map((c) => {
    const texts: SourceText[] = [];
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
  return sources;
}

/** Every stem of the sources: the vocabulary compounds are split against. */
function vocabularyOf(sources: SourceText[][], settings: FeatureSettings): Set<string> {
  const known = new Set<string>();
  for (const texts of sources) {
    for (const t of texts) {
      for (const word of tokenize(t.text)) {
        if (isStopWord(word, t.lang)) continue;
        for (const s of stemsOf(word, t.lang, settings)) known.add(s);
      }
    }
  }
  return known;
}

/**
 * Turns texts into weighted features: stems, compound parts and character n-grams. Word
 * analysis is cached; queries may split loosely (one known part of an unknown word).
 */
function featureExtractor(known: ReadonlySet<string>, settings: FeatureSettings) {
  const isKnown = (s: string): boolean => known.has(s);
  const wordCache = new Map<string, Bag>();

  const wordFeatures = (word: string, lang: Lang | null, query: boolean): Bag => {
    const cacheKey = `${query ? 'q' : 'd'}${lang ?? '*'}:${word}`;
    const cached = wordCache.get(cacheKey);
    if (cached) return cached;
    const bag: Bag = new Map();
    const stems = stemsOf(word, lang, settings);
    for (const s of stems) maxInto(bag, `s:${s}`, 1);
    if (settings.compounds && word.length >= MIN_COMPOUND_LENGTH) {
      for (const l of lang ? [lang] : LANGS) {
        const whole = stem(word, l);
        const parts = splitCompound(word, l, isKnown, { loose: query && !known.has(whole) });
        for (const p of parts ?? []) if (p !== whole) maxInto(bag, `s:${p}`, W_PART);
      }
    }
    if (settings.ngrams) {
      for (const s of stems) {
        const grams = charNgrams(s, 4);
        for (const g of grams) maxInto(bag, `g:${g}`, W_NGRAMS / grams.length);
      }
    }
    if (wordCache.size >= CACHE_LIMIT) wordCache.clear();
    wordCache.set(cacheKey, bag);
    return bag;
  };

  return (text: string, lang: Lang | null, query: boolean): Bag => {
    const bag: Bag = new Map();
    for (const word of tokenize(text)) {
      if (isStopWord(word, lang)) continue;
      for (const [k, w] of wordFeatures(word, lang, query)) addTo(bag, k, w);
    }
    return bag;
  };
}

/** BM25 over the category documents; postings hold the finished term value, so a query is only lookups and sums. */
interface Bm25Index {
  size: number;
  idf(feature: string): number;
  postings: Map<string, { doc: number; value: number }[]>;
}

function bm25Index(docs: Bag[]): Bm25Index {
  const n = docs.length;
  const lengths = docs.map((d) => [...d.values()].reduce((a, b) => a + b, 0));
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n) || 1;

  const df = new Map<string, number>();
  for (const d of docs) for (const k of d.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const idf = (k: string): number => {
    const f = df.get(k) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };

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
  return { size: n, idf, postings };
}

/**
 * Each document's BM25 sum divided by the most the query could score (BM25's tf part is below
 * K1 + 1), best first, ties by category id.
 */
function rankDocuments(index: Bm25Index, query: Bag, categoryIds: number[], limit: number): Suggestion[] {
  const raw = new Float64Array(index.size);
  let upper = 0;
  for (const [k, qw] of query) {
    upper += qw * index.idf(k) * (K1 + 1);
    for (const p of index.postings.get(k) ?? []) raw[p.doc] = (raw[p.doc] ?? 0) + qw * p.value;
  }
  if (upper <= 0) return [];
  const out: Suggestion[] = [];
  raw.forEach((r, i) => {
    if (r > 0) out.push({ categoryId: categoryIds[i] ?? 0, score: Math.min(1, r / upper) });
  });
  out.sort((a, b) => b.score - a.score || a.categoryId - b.categoryId);
  return out.slice(0, limit);
}

export function buildSuggester(input: SuggesterInput, options: SuggesterOptions = {}): Suggester {
  const stemming = options.stemming ?? true;
  const settings: FeatureSettings = { stemming, compounds: (options.compounds ?? true) && stemming, ngrams: options.ngrams ?? true };
  const sources = categorySources(input, options.learn ?? true);
  const textFeatures = featureExtractor(vocabularyOf(sources, settings), settings);
  const docs = sources.map((texts) => {
    const doc: Bag = new Map();
    for (const t of texts) for (const [k, w] of textFeatures(t.text, t.lang, false)) addTo(doc, k, w * t.weight);
    return doc;
  });
  const index = bm25Index(docs);
  const categoryIds = input.categories.map((c) => c.id);

  return {
    suggest(text: string, language: Lang, limit = 3): Suggestion[] {
      if (index.size === 0 || limit <= 0) return [];
      return rankDocuments(index, textFeatures(text, language, true), categoryIds, limit);
    },
  };
}
