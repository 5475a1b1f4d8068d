/**
 * Emerging problems: uncoded mentions that say the same thing, grouped, so a quality manager
 * can see a problem nobody listed yet and make it a category. Mentions are compared on the
 * suggester's features (Snowball stems, compound parts, character 4-grams; generic complaint
 * words weigh little), IDF-weighted over the mentions themselves, by cosine similarity, and
 * grouped by average linkage. Stems and n-grams shared across languages ("support", "faktura",
 * "leverans"/"levering") let a group span languages where the words allow. Pure; no I/O.
 */
import { DEFAULT_FEATURES, featureExtractor, vocabularyOf, type Bag, type FeatureSettings } from './suggest';
import { isGeneric, isStopWord, stem, tokenize, LANGS, type Lang } from './text-normalize';

export interface EmergingMention {
  id: number;
  text: string;
  language: Lang;
}

export interface EmergingGroup {
  /** Best first: the mention most like the rest of the group leads. */
  mentions: EmergingMention[];
  /** A suggested category name per language: the group's most typical mention in it, else in any. */
  names: Record<Lang, string>;
  /** Words at least two mentions of the group use, most used first. */
  keywords: string[];
  /** Mentions of the previous wave that say the same thing (null: no previous wave). */
  previousCount: number | null;
  /** The group's share of this wave's mentions went up against the previous wave's (or it is new). */
  grew: boolean;
}

export interface GroupingOptions {
  /** Average cosine similarity two groups need to be joined. */
  threshold?: number;
  /** Fewest mentions a group needs to be shown. */
  minSize?: number;
  /**
   * Every mention of this wave, coded ones too: a group's share now is counted among them as its
   * share before is among the previous wave's, so coding other mentions does not move it.
   * Without it the share is counted among the uncoded mentions grouped.
   */
  wave?: EmergingMention[];
}

export const GROUP_THRESHOLD = 0.2;
export const MIN_GROUP_SIZE = 2;
// N-grams weigh more than in suggestions: across languages they are most of what two mentions share.
// Grouping was tuned with 4-grams (suggestions now use 3-grams, issue 17); kept so.
const FEATURES: FeatureSettings = { ...DEFAULT_FEATURES, ngramWeight: 1.5, ngramSize: 4 };
const NAME_MAX = 80;
const KEYWORDS = 5;

function unit(bag: Bag, idf: (k: string) => number): Bag {
  const v: Bag = new Map();
  let norm = 0;
  for (const [k, w] of bag) {
    const x = w * idf(k);
    v.set(k, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

/** A sparse vector as ascending feature numbers and their values: dot products by merging, not map look-ups. */
interface Sparse {
  keys: Int32Array;
  values: Float64Array;
}

function sparse(bag: Bag, numbers: Map<string, number>): Sparse {
  const entries = [...bag].map(([k, x]): [number, number] => {
    let n = numbers.get(k);
    if (n === undefined) numbers.set(k, (n = numbers.size));
    return [n, x];
  });
  entries.sort((a, b) => a[0] - b[0]);
  return { keys: Int32Array.from(entries, (e) => e[0]), values: Float64Array.from(entries, (e) => e[1]) };
}

function dot(a: Sparse, b: Sparse): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.keys.length && j < b.keys.length) {
    const ka = a.keys[i]!;
    const kb = b.keys[j]!;
    if (ka === kb) sum += a.values[i++]! * b.values[j++]!;
    else if (ka < kb) i++;
    else j++;
  }
  return sum;
}

/** Vectors of the mentions (and of the previous wave's, in the same space). */
function vectorise(current: EmergingMention[], previous: EmergingMention[], wave: EmergingMention[]) {
  const all = [...current, ...previous, ...wave];
  const extract = featureExtractor(vocabularyOf(all.map((m) => ({ text: m.text, lang: m.language })), FEATURES), FEATURES);
  const bags = all.map((m) => extract(m.text, m.language, false));
  const df = new Map<string, number>();
  for (const b of bags.slice(0, current.length)) for (const k of b.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = current.length;
  const idf = (k: string): number => Math.log((n + 1) / ((df.get(k) ?? 0) + 1)) + 1;
  const numbers = new Map<string, number>();
  const vectors = bags.map((b) => sparse(unit(b, idf), numbers));
  return { current: vectors.slice(0, n), previous: vectors.slice(n, n + previous.length), wave: vectors.slice(n + previous.length) };
}

/** Average-linkage clustering: repeatedly join the two groups most alike on average, while above the threshold. */
function cluster(vectors: Sparse[], threshold: number): number[][] {
  const n = vectors.length;
  const sim: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[i]![j] = sim[j]![i] = dot(vectors[i]!, vectors[j]!);
  // sums[a][b]: the sum of pairwise similarities between groups a and b.
  const sums = sim.map((row) => [...row]);
  const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
  for (;;) {
    let best = -1;
    let pair: [number, number] | null = null;
    for (let a = 0; a < n; a++) {
      const ma = members[a];
      if (!ma) continue;
      for (let b = a + 1; b < n; b++) {
        const mb = members[b];
        if (!mb) continue;
        const average = sums[a]![b]! / (ma.length * mb.length);
        if (average > best) [best, pair] = [average, [a, b]];
      }
    }
    if (!pair || best < threshold) break;
    const [a, b] = pair;
    members[a] = [...members[a]!, ...members[b]!];
    members[b] = null;
    for (let c = 0; c < n; c++) {
      if (c === a || !members[c]) continue;
      sums[a]![c] = sums[c]![a] = sums[a]![c]! + sums[b]![c]!;
    }
  }
  return members.filter((m): m is number[] => m !== null).map((m) => {
    const centrality = (i: number) => m.reduce((s, j) => s + (i === j ? 0 : sim[i]![j]!), 0);
    return [...m].sort((x, y) => centrality(y) - centrality(x) || x - y);
  });
}

/** The unit-length mean direction of the vectors. */
function centroid(vectors: Sparse[]): Sparse {
  const sum = new Map<number, number>();
  for (const v of vectors) v.keys.forEach((k, i) => sum.set(k, (sum.get(k) ?? 0) + v.values[i]!));
  const entries = [...sum].sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((t, [, x]) => t + x * x, 0)) || 1;
  return { keys: Int32Array.from(entries, (e) => e[0]), values: Float64Array.from(entries, (e) => e[1] / norm) };
}

function asName(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  const cut = t.length > NAME_MAX ? `${t.slice(0, NAME_MAX - 1).replace(/\s+\S*$/, '')}…` : t;
  return cut.charAt(0).toUpperCase() + cut.slice(1);
}

/**
 * The words (as written, the shortest form of each stem: "app" for app/appen) that at least two
 * of the group's mentions use, by how many use them.
 */
function keywordsOf(mentions: EmergingMention[]): string[] {
  const uses = new Map<string, { word: string; count: number }>();
  for (const m of mentions) {
    const seen = new Set<string>();
    for (const word of tokenize(m.text)) {
      if (word.length < 3 || isStopWord(word, m.language)) continue;
      const s = stem(word, m.language);
      if (isGeneric(s, m.language) || seen.has(s)) continue;
      seen.add(s);
      const u = uses.get(s);
      if (!u) uses.set(s, { word, count: 1 });
      else {
        u.count++;
        if (word.length < u.word.length || (word.length === u.word.length && word < u.word)) u.word = word;
      }
    }
  }
  return [...uses.values()]
    .filter((u) => u.count >= 2)
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, KEYWORDS)
    .map((u) => u.word);
}

/**
 * Groups this wave's uncoded mentions that say the same thing; `previous` (the previous wave's
 * mentions, or null when there is none) tells which groups grew, against `options.wave` (this
 * wave's mentions) when given. Largest groups first.
 */
export function findEmergingGroups(current: EmergingMention[], previous: EmergingMention[] | null, options: GroupingOptions = {}): EmergingGroup[] {
  const threshold = options.threshold ?? GROUP_THRESHOLD;
  const minSize = options.minSize ?? MIN_GROUP_SIZE;
  if (current.length < minSize) return [];
  const wave = previous && options.wave ? options.wave : [];
  const vectors = vectorise(current, previous ?? [], wave);
  const groups = cluster(vectors.current, threshold).filter((g) => g.length >= minSize);
  return groups
    .map((indexes): EmergingGroup => {
      const mentions = indexes.map((i) => current[i]!);
      const lead = mentions[0]!;
      const names = Object.fromEntries(LANGS.map((l) => [l, asName((mentions.find((m) => m.language === l) ?? lead).text)])) as Record<Lang, string>;
      let previousCount: number | null = null;
      let grew = true;
      if (previous) {
        const c = centroid(indexes.map((i) => vectors.current[i]!));
        previousCount = vectors.previous.filter((v) => dot(c, v) >= threshold).length;
        const shareNow = wave.length ? vectors.wave.filter((v) => dot(c, v) >= threshold).length / wave.length : mentions.length / current.length;
        const shareBefore = previous.length ? previousCount / previous.length : 0;
        grew = shareNow > shareBefore;
      }
      return { mentions, names, keywords: keywordsOf(mentions), previousCount, grew };
    })
    .sort((a, b) => b.mentions.length - a.mentions.length || a.mentions[0]!.id - b.mentions[0]!.id);
}
