/**
 * Suggests problem catalogue categories for a free-text problem mention.
 *
 * Two views of the same features (Snowball stems, compound parts, character 3-grams; generic
 * complaint words weigh little, see text-normalize.ts) are added up:
 * - the catalogue: each category is one weighted bag of its names, keywords and description
 *   and of the mentions coded to it, scored with BM25, whose IDF over the categories says how
 *   well a feature tells categories apart;
 * - the nearest coded mentions: the mention's IDF-weighted vector against each coded mention's
 *   (cosine), so what users coded counts as much as what the catalogue says.
 * Pure and deterministic; build once (per catalogue or coding change), suggest many.
 */
import { complaintConceptIndex } from './complaint-concepts';
import { LANGS, GENERIC_WEIGHT, charNgrams, compoundParts, isGeneric, isStopWord, stem, stemStarts, tokenize, type Lang } from './text-normalize';

export type { Lang } from './text-normalize';

export interface CatalogueCategory {
  id: number;
  /** The name per language code; a language without one is skipped. */
  names: Readonly<Record<string, string>>;
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
  /** 0..1: how well the category explains the mention. */
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
  /** Learn from coded mentions (into the category bags and as neighbours). */
  learn?: boolean;
  /** Score against the nearest coded mentions as well as the category bags. */
  neighbours?: boolean;
  /** Give generic complaint words ("problem", "svårt") their low weight. */
  generic?: boolean;
  /** Match words to the complaint thesaurus's concepts (complaint-concepts.ts). */
  concepts?: boolean;
}

// Source weights: curated catalogue text says more about a category than one customer's words;
// keywords (all languages in one list, the cognates faktura/invoice side by side) most.
const W_NAME = 3;
const W_KEYWORD = 3;
const W_DESCRIPTION = 1;
const W_CODED = 1;
// Feature weights within one word.
const W_PART = 0.7;
const W_NGRAMS = 0.5; // shared by all n-grams of a word
const W_CONCEPT = 1.5;
const NGRAM_SIZE = 3;
const MIN_COMPOUND_LENGTH = 6;
// BM25
const K1 = 1.2;
const B = 0.75;
// Neighbours: a category's neighbour score is the mean squared similarity of its best K coded
// mentions; squaring keeps one shared incidental word ("year") from outvoting the catalogue.
const NEIGHBOURS_K = 3;
const W_NEIGHBOURS = 0.5;

const CACHE_LIMIT = 50_000;

export type Bag = Map<string, number>;

function addTo(bag: Bag, key: string, weight: number): void {
  bag.set(key, (bag.get(key) ?? 0) + weight);
}

/** Keep the larger weight: one word must not count twice because two stemmers agree. */
function maxInto(bag: Bag, key: string, weight: number): void {
  const old = bag.get(key);
  if (old === undefined || weight > old) bag.set(key, weight);
}

/** What feature extraction uses, after the options are applied. */
export interface FeatureSettings {
  stemming: boolean;
  compounds: boolean;
  ngrams: boolean;
  generic: boolean;
  concepts: boolean;
  /** What all n-grams of one word weigh together, against 1 for its stem. */
  ngramWeight: number;
  /** Character n-gram length. */
  ngramSize: number;
}

export const DEFAULT_FEATURES: FeatureSettings = { stemming: true, compounds: true, ngrams: true, generic: true, concepts: true, ngramWeight: W_NGRAMS, ngramSize: NGRAM_SIZE };

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

/** The catalogue texts of each category, in input order: names, keywords, description. */
function catalogueSources(categories: CatalogueCategory[]): SourceText[][] {
  return categories.map((c) => {
    const texts: SourceText[] = [];
    for (const l of LANGS) {
      const name = c.names[l];
      if (name) texts.push({ text: name, lang: l, weight: W_NAME });
    }
    for (const k of c.keywords) texts.push({ text: k, lang: null, weight: W_KEYWORD });
    if (c.description) texts.push({ text: c.description, lang: null, weight: W_DESCRIPTION });
    return texts;
  });
}

/** Every stem of the texts: the vocabulary compounds are split against. */
export function vocabularyOf(texts: Iterable<{ text: string; lang: Lang | null }>, settings: FeatureSettings = DEFAULT_FEATURES): Set<string> {
  const known = new Set<string>();
  for (const t of texts) {
    for (const word of tokenize(t.text)) {
      if (isStopWord(word, t.lang)) continue;
      for (const s of stemsOf(word, t.lang, settings)) known.add(s);
    }
  }
  return known;
}

export type FeatureExtractor = (text: string, lang: Lang | null, query: boolean) => Bag;

/**
 * Turns texts into weighted features: stems, compound parts and character n-grams, a generic
 * word's at GENERIC_WEIGHT and without n-grams. Word analysis is cached; queries may split
 * loosely (one known part of an unknown word).
 */
export function featureExtractor(vocabulary: ReadonlySet<string>, settings: FeatureSettings = DEFAULT_FEATURES): FeatureExtractor {
  const concepts = settings.concepts && settings.stemming ? complaintConceptIndex() : null;
  // Compounds may split into the thesaurus's words too ("telefon|kö", "monterings|instruktioner").
  const known = concepts ? new Set([...vocabulary, ...concepts.stems]) : vocabulary;
  const isKnown = (s: string): boolean => known.has(s);
  const starts = stemStarts(known);
  const wordCache = new Map<string, Bag>();
  // What a whole word says, in its language or in each: stop words are looked up in every text, the others once per word (wordCache).
  const stopWordCache = new Map<string, readonly string[]>();
  const wordConcepts = (word: string, lang: Lang | null): readonly string[] =>
    concepts ? (lang ? [lang] : LANGS).flatMap((l) => concepts.ofWord(word, stem(word, l), l)) : [];
  const stopWordConcepts = (word: string, lang: Lang | null): readonly string[] => {
    const key = `${lang ?? '*'}:${word}`;
    let found = stopWordCache.get(key);
    if (!found) {
      found = wordConcepts(word, lang);
      if (stopWordCache.size >= CACHE_LIMIT) stopWordCache.clear();
      stopWordCache.set(key, found);
    }
    return found;
  };

  const wordFeatures = (word: string, lang: Lang | null, query: boolean): Bag => {
    const cacheKey = `${query ? 'q' : 'd'}${lang ?? '*'}:${word}`;
    const cached = wordCache.get(cacheKey);
    if (cached) return cached;
    const bag: Bag = new Map();
    const stems = stemsOf(word, lang, settings);
    const generic = settings.generic && stems.some((s) => isGeneric(s, lang));
    const weight = generic ? GENERIC_WEIGHT : 1;
    for (const s of stems) maxInto(bag, `s:${s}`, weight);
    if (!generic) for (const c of wordConcepts(word, lang)) maxInto(bag, `c:${c}`, W_CONCEPT);
    if (!generic && settings.compounds && word.length >= MIN_COMPOUND_LENGTH) {
      for (const l of lang ? [lang] : LANGS) {
        const whole = stem(word, l);
        const parts = compoundParts(word, l, isKnown, { loose: query && !known.has(whole), starts });
        for (const p of parts ?? []) {
          if (p.stem === whole || (settings.generic && isGeneric(p.stem, l))) continue;
          maxInto(bag, `s:${p.stem}`, W_PART);
          // A part says what it would say as a word of its own: "order" in "orderhanteringen"
          // (matched as another language's stem) is still an order, "lagen" in "emballagen" no stock.
          for (const c of wordConcepts(p.written, l)) maxInto(bag, `c:${c}`, W_CONCEPT * W_PART);
        }
      }
    }
    if (!generic && settings.ngrams) {
      for (const s of stems) {
        const grams = charNgrams(s, settings.ngramSize);
        for (const g of grams) maxInto(bag, `g:${g}`, settings.ngramWeight / grams.length);
      }
    }
    if (wordCache.size >= CACHE_LIMIT) wordCache.clear();
    wordCache.set(cacheKey, bag);
    return bag;
  };

  return (text, lang, query) => {
    const bag: Bag = new Map();
    const words = tokenize(text);
    for (const word of words) {
      if (isStopWord(word, lang)) {
        // A stop word may still say a concept the thesaurus lists ("down", "nere").
        for (const c of stopWordConcepts(word, lang)) addTo(bag, `c:${c}`, W_CONCEPT);
        continue;
      }
      for (const [k, w] of wordFeatures(word, lang, query)) addTo(bag, k, w);
    }
    if (concepts) for (const l of lang ? [lang] : LANGS) for (const c of concepts.ofPhrases(words, l)) addTo(bag, `c:${c}`, W_CONCEPT);
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

/** Each category's BM25 sum divided by the most the query could score (BM25's tf part is below K1 + 1). */
function bm25Scores(index: Bm25Index, query: Bag): Float64Array {
  const raw = new Float64Array(index.size);
  let upper = 0;
  for (const [k, qw] of query) {
    upper += qw * index.idf(k) * (K1 + 1);
    for (const p of index.postings.get(k) ?? []) raw[p.doc] = (raw[p.doc] ?? 0) + qw * p.value;
  }
  if (upper > 0) for (let i = 0; i < raw.length; i++) raw[i] = Math.min(1, (raw[i] ?? 0) / upper);
  return raw;
}

/** Unit-length IDF-weighted vectors of the coded mentions, in postings for the dot products. */
interface NeighbourIndex {
  /** The category (as a document index) of each coded mention. */
  docOf: number[];
  postings: Map<string, { mention: number; value: number }[]>;
}

function unitVector(bag: Bag, idf: (k: string) => number): Bag {
  const v: Bag = new Map();
  let norm = 0;
  for (const [k, w] of bag) {
    const x = w * idf(k);
    if (x <= 0) continue;
    v.set(k, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

/** Neighbours compare stems and compound parts only: n-grams would make every pair a little similar (and slow). */
function stemFeatures(bag: Bag): Bag {
  return new Map([...bag].filter(([k]) => k.startsWith('s:')));
}

function neighbourIndex(mentions: { bag: Bag; doc: number }[], idf: (k: string) => number): NeighbourIndex {
  const postings = new Map<string, { mention: number; value: number }[]>();
  mentions.forEach((m, i) => {
    for (const [k, x] of unitVector(stemFeatures(m.bag), idf)) {
      const list = postings.get(k);
      if (list) list.push({ mention: i, value: x });
      else postings.set(k, [{ mention: i, value: x }]);
    }
  });
  return { docOf: mentions.map((m) => m.doc), postings };
}

/** Per category, the mean squared cosine similarity of its NEIGHBOURS_K most similar coded mentions. */
function neighbourScores(index: NeighbourIndex, query: Bag, idf: (k: string) => number, size: number): Float64Array {
  const sims = new Map<number, number>();
  for (const [k, x] of unitVector(stemFeatures(query), idf)) {
    for (const p of index.postings.get(k) ?? []) sims.set(p.mention, (sims.get(p.mention) ?? 0) + x * p.value);
  }
  const best: number[][] = Array.from({ length: size }, () => []);
  for (const [mention, sim] of sims) {
    const top = best[index.docOf[mention] ?? 0]!;
    top.push(sim);
    top.sort((a, b) => b - a);
    if (top.length > NEIGHBOURS_K) top.pop();
  }
  return Float64Array.from(best, (top) => top.reduce((a, b) => a + b * b, 0) / NEIGHBOURS_K);
}

export function buildSuggester(input: SuggesterInput, options: SuggesterOptions = {}): Suggester {
  const stemming = options.stemming ?? true;
  const settings: FeatureSettings = {
    stemming,
    compounds: (options.compounds ?? true) && stemming,
    ngrams: options.ngrams ?? true,
    generic: options.generic ?? true,
    concepts: options.concepts ?? true,
    ngramWeight: W_NGRAMS,
    ngramSize: NGRAM_SIZE,
  };
  const learn = options.learn ?? true;
  const useNeighbours = learn && (options.neighbours ?? true);
  const docIndex = new Map(input.categories.map((c, i) => [c.id, i]));
  // Coded mentions of unknown (retired) categories teach nothing.
  const coded = learn ? input.coded.filter((m) => docIndex.has(m.categoryId)) : [];

  const catalogue = catalogueSources(input.categories);
  const texts = [...catalogue.flat(), ...coded.map((m) => ({ text: m.text, lang: m.language }))];
  const textFeatures = featureExtractor(vocabularyOf(texts, settings), settings);

  const docs = catalogue.map((sources) => {
    const doc: Bag = new Map();
    for (const t of sources) for (const [k, w] of textFeatures(t.text, t.lang, false)) addTo(doc, k, w * t.weight);
    return doc;
  });
  const codedBags = coded.map((m) => ({ bag: textFeatures(m.text, m.language, false), doc: docIndex.get(m.categoryId)! }));
  for (const m of codedBags) for (const [k, w] of m.bag) addTo(docs[m.doc]!, k, w * W_CODED);

  const index = bm25Index(docs);
  const neighbours = useNeighbours && codedBags.length ? neighbourIndex(codedBags, index.idf) : null;
  const categoryIds = input.categories.map((c) => c.id);

  return {
    suggest(text: string, language: Lang, limit = 3): Suggestion[] {
      if (index.size === 0 || limit <= 0) return [];
      const query = textFeatures(text, language, true);
      const scores = bm25Scores(index, query);
      if (neighbours) {
        const near = neighbourScores(neighbours, query, index.idf, index.size);
        for (let i = 0; i < scores.length; i++) scores[i] = ((scores[i] ?? 0) + W_NEIGHBOURS * (near[i] ?? 0)) / (1 + W_NEIGHBOURS);
      }
      const out: Suggestion[] = [];
      scores.forEach((s, i) => {
        if (s > 1e-9) out.push({ categoryId: categoryIds[i] ?? 0, score: Math.min(1, s) });
      });
      out.sort((a, b) => b.score - a.score || a.categoryId - b.categoryId);
      return out.slice(0, limit);
    },
  };
}
