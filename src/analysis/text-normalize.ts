/**
 * Text normalisation for matching free-text problem mentions: tokenising, stop words, generic
 * words, Snowball stemmers, compound splitting and character n-grams. Everything that differs
 * between languages is data in LANGUAGE_DATA (a Snowball algorithm, a maintained stop-word list
 * from the stopword package, and a few words); adding a language is one entry there.
 * Pure functions, no I/O.
 */
import { newStemmer } from 'snowball-stemmers';
import stopwordLists = require('stopword');

export type Lang = 'en' | 'sv' | 'da';

export interface LanguageData {
  /** The Snowball algorithm (snowball-stemmers' name). */
  snowball: string;
  /** The stopword package's list (ISO 639-3 code). */
  stopwords: string;
  /** Words of that list that carry meaning in a complaint ("långsam" support, "sent" deliveries); kept. */
  keep: readonly string[];
  /**
   * Words every kind of complaint uses ("problem", "svårt", "hard"): they stay, but weigh
   * GENERIC_WEIGHT, so "hard to understand the invoice" is about the invoice.
   */
  generic: readonly string[];
  /** Letters that may join the parts of a compound (leverans|tid, kund|e|service). */
  linking: readonly string[];
  /**
   * Endings that derive a word, which a compound split must not take for a part with the letter
   * before it as a link: "fakturering" is fakturer|ing, not faktur|e|ring ("ring", to call).
   */
  suffixes: readonly string[];
}

export const LANGUAGE_DATA: Record<Lang, LanguageData> = {
  en: {
    snowball: 'english',
    stopwords: 'eng',
    keep: ['take'],
    generic: ['not', 'no', 'never', 'problem', 'problems', 'issue', 'issues', 'hard', 'difficult', 'bad', 'really', 'always', 'often', 'constant', 'constantly', 'thing', 'things', 'lot', 'lots', 'keep', 'keeps', 'real', 'big', 'terrible', 'awful'],
    linking: [],
    suffixes: [],
  },
  sv: {
    snowball: 'swedish',
    stopwords: 'swe',
    keep: ['långsam', 'långsamma', 'långsammare', 'långsamt', 'sent', 'senare', 'länge', 'längre', 'sämre', 'dag', 'dagar', 'dagarna', 'dagen', 'tidig', 'tidigare', 'beslut', 'nummer', 'kvar', 'olika'],
    generic: ['aldrig', 'problem', 'problemet', 'problemen', 'svårt', 'svår', 'svåra', 'dålig', 'dåligt', 'dåliga', 'alltid', 'ofta', 'hela', 'tiden', 'gång', 'gånger', 'sak', 'saker', 'stort', 'jättedåligt', 'verkligen', 'ständigt'],
    linking: ['s', 'e'],
    suffixes: ['ering'],
  },
  da: {
    snowball: 'danish',
    stopwords: 'dan',
    keep: ['ny', 'nyt'],
    generic: ['aldrig', 'problem', 'problemet', 'problemer', 'problemerne', 'svært', 'svær', 'svære', 'dårlig', 'dårligt', 'dårlige', 'altid', 'ofte', 'hele', 'tiden', 'gang', 'gange', 'ting', 'virkelig', 'konstant', 'stort'],
    linking: ['s', 'e'],
    suffixes: ['ering'],
  },
};

export const LANGS = Object.keys(LANGUAGE_DATA) as Lang[];

/** How much a generic word weighs against a word that carries the meaning (1). */
export const GENERIC_WEIGHT = 0.2;

/** Lowercased words of letters (any script), with accents other than å ä ö æ ø folded. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const lower = text.normalize('NFC').toLowerCase();
  for (const m of lower.matchAll(/\p{L}+(?:['’]\p{L}+)*/gu)) {
    // "doesn't" -> "doesn", "customer's" -> "customer": the part after the apostrophe carries nothing.
    const word = foldAccents(m[0].split(/['’]/)[0] ?? '');
    if (word.length >= 2) out.push(word);
  }
  return out;
}

const FOLD: Record<string, string> = {
  é: 'e', è: 'e', ê: 'e', ë: 'e', á: 'a', à: 'a', â: 'a', í: 'i', ì: 'i', ï: 'i',
  ó: 'o', ò: 'o', ô: 'o', ú: 'u', ù: 'u', û: 'u', ü: 'u', ç: 'c', ñ: 'n',
};

function foldAccents(word: string): string {
  // å ä ö æ ø distinguish words in sv/da, so they are kept; é in "kvalité" or ü in names are not.
  return /[éèêëáàâíìïóòôúùûüçñ]/.test(word) ? word.replace(/[éèêëáàâíìïóòôúùûüçñ]/g, (c) => FOLD[c] ?? c) : word;
}

interface Language {
  stem(word: string): string;
  stop: ReadonlySet<string>;
  /** Stems of the generic words. */
  generic: ReadonlySet<string>;
  linking: readonly string[];
  suffixes: readonly string[];
}

function loadLanguage(data: LanguageData): Language {
  const stemmer = newStemmer(data.snowball);
  const cache = new Map<string, string>();
  const stem = (word: string): string => {
    let s = cache.get(word);
    if (s === undefined) {
      s = stemmer.stem(word);
      if (cache.size > 100_000) cache.clear();
      cache.set(word, s);
    }
    return s;
  };
  const list = stopwordLists[data.stopwords];
  if (!list) throw new Error(`the stopword package has no list ${data.stopwords}`);
  const keep = new Set(data.keep);
  const generic = new Set(data.generic);
  return {
    stem,
    stop: new Set(list.map((w) => foldAccents(w.toLowerCase())).filter((w) => !keep.has(w) && !generic.has(w))),
    generic: new Set(data.generic.map(stem)),
    linking: data.linking,
    suffixes: data.suffixes,
  };
}

const LANGUAGES = Object.fromEntries(LANGS.map((l) => [l, loadLanguage(LANGUAGE_DATA[l])])) as Record<Lang, Language>;

/** Stop word in the given language, or in any language when it is unknown. */
export function isStopWord(word: string, lang?: Lang | null): boolean {
  if (lang) return LANGUAGES[lang].stop.has(word);
  return LANGS.some((l) => LANGUAGES[l].stop.has(word));
}

/** The Snowball stem of a lowercased word. */
export function stem(word: string, lang: Lang): string {
  return LANGUAGES[lang].stem(word);
}

/** Distinct stems of a word under each language, for text whose language is unknown. */
export function stemAny(word: string): string[] {
  return [...new Set(LANGS.map((l) => stem(word, l)))];
}

/** Whether a stem is a generic complaint word in the language (in any language when unknown). */
export function isGeneric(stemmed: string, lang?: Lang | null): boolean {
  if (lang) return LANGUAGES[lang].generic.has(stemmed);
  return LANGS.some((l) => LANGUAGES[l].generic.has(stemmed));
}

/** Character n-grams of a stem with boundary marks: "faktur" -> "#fak", "fakt", ..., "tur#". */
export function charNgrams(s: string, n = 4): string[] {
  const padded = `#${s}#`;
  if (padded.length <= n) return [padded];
  const out: string[] = [];
  for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  return out;
}

/** The first letters of known stems, for compoundParts's `starts`. */
export function stemStarts(known: Iterable<string>, minPart = 3): Set<string> {
  const out = new Set<string>();
  for (const s of known) if (s.length >= minPart - 1) out.add(s.slice(0, minPart - 1));
  return out;
}

/** A compound's part: the stem it matched and the letters it is written with (without a linking letter). */
export interface CompoundPart {
  stem: string;
  written: string;
}

/** How a compound may split: the shortest part, a loose split of an unknown word, the first letters of known stems. */
export interface SplitOptions {
  minPart?: number;
  loose?: boolean;
  starts?: ReadonlySet<string>;
}

/**
 * Split a compound into parts known to `isKnown` (which receives a candidate stem).
 * Non-final parts may end in one of the language's linking letters (leverans|tid,
 * kund|e|service); the final part is stemmed as a whole word. Returns each part's stem with the
 * letters it is written with (so a part can be read as the word it is: "order" in
 * "orderhanteringen"), or null. Strict: every part known. Otherwise, when `loose`, one known part
 * of 4+ letters is enough ("fakturaraderna" -> "faktur") and only that part is returned.
 */
export function compoundParts(
  word: string,
  lang: Lang,
  isKnown: (stem: string) => boolean,
  options: SplitOptions = {},
): CompoundPart[] | null {
  const minPart = options.minPart ?? 3;
  if (word.length < minPart * 2) return null;
  const { linking, suffixes } = LANGUAGES[lang];
  // word[i..j) is the rest of a derivational ending that begins with the letter before it: as the
  // last part with any inflection after it (fakturer|ingen), inside the word alone or with a link.
  const endsDerivation = (i: number, j: number): boolean =>
    i > 0 &&
    suffixes.some(
      (sfx) =>
        word.startsWith(sfx, i - 1) &&
        (j === word.length || j - i === sfx.length - 1 || (j - i === sfx.length && linking.includes(word[j - 1]!))),
    );
  // Stems only drop endings, so a part whose first letters begin no known stem is not stemmed at all.
  const starts = options.starts;
  const mayBeKnown = (part: string): boolean => !starts || starts.has(part.slice(0, minPart - 1));
  const knownStem = (written: string): CompoundPart | null => {
    for (const c of [written, stem(written, lang)]) if (c.length >= minPart - 1 && isKnown(c) && !isStopWord(c, lang)) return { stem: c, written };
    return null;
  };

  const headPart = (part: string): CompoundPart | null => {
    if (!mayBeKnown(part)) return null;
    const found = knownStem(part);
    if (found || part.length <= minPart || !linking.some((l) => part.endsWith(l))) return found;
    return knownStem(part.slice(0, -1));
  };
  const tailPart = (part: string): CompoundPart | null => {
    if (!mayBeKnown(part)) return null;
    const s = stem(part, lang);
    return isKnown(s) && !isStopWord(part, lang) ? { stem: s, written: part } : null;
  };

  // best[i]: fewest known parts covering word[i..]; ties prefer the longer first part.
  const best: (CompoundPart[] | null)[] = new Array(word.length + 1).fill(null);
  best[word.length] = [];
  for (let i = word.length - minPart; i >= 0; i--) {
    let choice: CompoundPart[] | null = null;
    for (let j = word.length; j >= i + minPart; j--) {
      if (i === 0 && j === word.length) continue; // the word itself is not a split
      const rest = best[j];
      if (!rest || endsDerivation(i, j)) continue;
      const part = j === word.length ? tailPart(word.slice(i)) : headPart(word.slice(i, j));
      if (!part) continue;
      const candidate = [part, ...rest];
      if (!choice || candidate.length < choice.length) choice = candidate;
    }
    best[i] = choice;
  }
  const strict = best[0];
  if (strict && strict.length >= 2) return strict;
  if (!options.loose) return null;

  // Loose: the longest known head or tail of 4+ letters.
  let found: { part: CompoundPart; len: number } | null = null;
  for (let j = minPart; j <= word.length - minPart; j++) {
    const head = word.slice(0, j);
    const tail = word.slice(j);
    const h = head.length >= 4 ? headPart(head) : null;
    if (h && (!found || head.length > found.len)) found = { part: h, len: head.length };
    const t = tail.length >= 4 && !endsDerivation(j, word.length) ? tailPart(tail) : null;
    if (t && (!found || tail.length > found.len)) found = { part: t, len: tail.length };
  }
  return found ? [found.part] : null;
}
