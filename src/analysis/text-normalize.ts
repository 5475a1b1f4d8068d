/**
 * Text normalisation for matching free-text problem mentions in English, Swedish and Danish:
 * tokenising, stop words, light stemmers, compound splitting and character n-grams.
 * Pure functions, no I/O.
 */

export type Lang = 'en' | 'sv' | 'da';
export const LANGS: readonly Lang[] = ['en', 'sv', 'da'];

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

// Short lists: function words plus "problem", which every mention in a problem catalogue implies.
const STOP: Record<Lang, ReadonlySet<string>> = {
  en: new Set(
    ('a an the and or but if of to in on at by for with from as is are was were be been being am it its this that ' +
      'these those there here we our ours us you your they them their he she his her me my not no nor so too very ' +
      'can could will would should shall may might must do does did done have has had having get gets got than then ' +
      'when while which who whom what why how all any some more most much many also just only even still again ' +
      'always never often sometimes every each about into over up out off per via etc please ' +
      'doesn didn don isn aren wasn weren couldn won wouldn haven hasn hadn shouldn ' +
      'problem problems issue issues')
      .split(/\s+/),
  ),
  sv: new Set(
    ('och att det som en ett är var vara varit har hade inte på till av för med om men så de den dem vi ni jag du ' +
      'han hon man sig sin sitt sina vår vårt våra er ert era deras hans hennes mig dig oss från ut upp när då där ' +
      'här vad vilken vilket vilka hur också bara mycket alltid aldrig ofta ibland kan kunde ska skulle måste ' +
      'eller än nu sedan innan över hos mot alla allt något några någon ingen inga inget ju nog väl många mer mest ' +
      'problem problemet problemen problemer')
      .split(/\s+/),
  ),
  da: new Set(
    ('og at det som en et er var være været har havde ikke på til af for med om men så de den dem vi jeg du han ' +
      'hun man sig sin sit sine vores jeres deres hans hendes mig dig os fra ud op når da der her hvad hvilken ' +
      'hvilket hvilke hvordan også kun meget altid aldrig ofte nogle gange kan kunne skal skulle må eller end nu ' +
      'siden før over hos mod alle alt noget nogen ingen intet jo nok vel mange mere mest ' +
      'problem problemet problemer problemerne')
      .split(/\s+/),
  ),
};

/** Stop word in the given language, or in any of the three when the language is unknown. */
export function isStopWord(word: string, lang?: Lang | null): boolean {
  if (lang) return STOP[lang].has(word);
  return STOP.en.has(word) || STOP.sv.has(word) || STOP.da.has(word);
}

// ---------------------------------------------------------------------------------------------
// Stemmers. Suffix stripping after Snowball's Swedish and Danish stemmers, with a few additions
// so that the definite and plural forms of the same noun meet (fakturan/faktura, leverans/
// leveransen). English is a light Porter-like stripper. Stems are match keys, not words.

const SV_VOWELS = 'aeiouyäåö';
const DA_VOWELS = 'aeiouyæåø';

/** Start of region R1: after the first non-vowel that follows a vowel, but at least 3. */
function r1Start(word: string, vowels: string): number {
  for (let i = 1; i < word.length; i++) {
    if (!vowels.includes(word[i] ?? '') && vowels.includes(word[i - 1] ?? '')) return Math.max(3, i + 1);
  }
  return word.length;
}

function byLengthDesc(list: string): string[] {
  return list.split(/\s+/).sort((a, b) => b.length - a.length);
}

/** Remove the longest listed suffix lying in R1; returns the word unchanged if none. */
function stripLongest(word: string, r1: number, suffixes: readonly string[]): string {
  for (const s of suffixes) {
    if (word.endsWith(s) && word.length - s.length >= r1) return word.slice(0, -s.length);
  }
  return word;
}

const SV_STEP1 = byLengthDesc(
  'a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter or as arnas ernas ' +
    'ornas es ades andes ens arens hetens erns at andet het ast an ' +
    'ing ingen ingar ingarna ingens ingarnas',
);
const SV_S_ENDING = 'bcdfghjklmnoprtvy';

export function stemSwedish(word: string): string {
  const r1 = r1Start(word, SV_VOWELS);
  let w = stripLongest(word, r1, SV_STEP1);
  // A final -s is genitive or part of the stem (leverans); dropping it either way makes
  // "leverans" and "leveransen" meet.
  if (w.endsWith('s') && w.length - 1 >= r1 && SV_S_ENDING.includes(w[w.length - 2] ?? '')) w = w.slice(0, -1);
  if (w.length - 2 >= r1 && /(dd|gd|nn|mm|dt|gt|kt|tt)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('löst')) w = w.slice(0, -1);
  else if (w.endsWith('fullt')) w = w.slice(0, -1);
  else w = stripLongest(w, r1, ['lig', 'els', 'ig']);
  return w;
}

const DA_STEP1 = byLengthDesc(
  'hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer heds es endes erendes enes ernes ' +
    'eres ens hedens erens ers ets erets et eret ede ing ingen inger ingerne ings',
);
const DA_S_ENDING = 'abcdfghjklmnoprtvyzå';

export function stemDanish(word: string): string {
  const r1 = r1Start(word, DA_VOWELS);
  let w = stripLongest(word, r1, DA_STEP1);
  if (w === word && w.endsWith('s') && w.length - 1 >= r1 && DA_S_ENDING.includes(w[w.length - 2] ?? '')) {
    w = w.slice(0, -1);
  }
  const step2 = (x: string): string => (x.length - 2 >= r1 && /(gd|dt|gt|kt)$/.test(x) ? x.slice(0, -1) : x);
  w = step2(w);
  if (w.endsWith('igst')) w = w.slice(0, -2);
  if (w.endsWith('løst')) w = w.slice(0, -1);
  else {
    const stripped = stripLongest(w, r1, ['elig', 'lig', 'els', 'ig']);
    if (stripped !== w) w = step2(stripped);
  }
  // Undouble a final consonant pair: bestill(e) -> bestil.
  const last = w[w.length - 1] ?? '';
  if (w.length - 2 >= r1 && last === w[w.length - 2] && !DA_VOWELS.includes(last)) w = w.slice(0, -1);
  return w;
}

const EN_SUFFIXES = byLengthDesc('ational ations ation ingly edly ments ment ness ing ed ly ful');
const EN_VOWELS = 'aeiouy';

export function stemEnglish(word: string): string {
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && w.length > 3 && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const s of EN_SUFFIXES) {
    if (!w.endsWith(s)) continue;
    const base = w.slice(0, -s.length);
    if (base.length >= 3 && [...base].some((c) => EN_VOWELS.includes(c))) {
      w = s === 'ational' ? base + 'ate' : base;
      // stopped -> stopp -> stop
      if (/([bdfgmnprt])\1$/.test(w)) w = w.slice(0, -1);
    }
    break;
  }
  // delivery / deliveries / delivered / deliver, price / pricing: drop a final e, y or i.
  if (w.length > 3 && /[eyi]$/.test(w)) w = w.slice(0, -1);
  return w;
}

export function stem(word: string, lang: Lang): string {
  if (lang === 'sv') return stemSwedish(word);
  if (lang === 'da') return stemDanish(word);
  return stemEnglish(word);
}

/** Distinct stems of a word under each language, for text whose language is unknown. */
export function stemAny(word: string): string[] {
  return [...new Set(LANGS.map((l) => stem(word, l)))];
}

// ---------------------------------------------------------------------------------------------

/** Character n-grams of a stem with boundary marks: "faktur" -> "#fak", "fakt", ..., "tur#". */
export function charNgrams(s: string, n = 4): string[] {
  const padded = `#${s}#`;
  if (padded.length <= n) return [padded];
  const out: string[] = [];
  for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  return out;
}

/**
 * Split a compound into parts known to `isKnown` (which receives a candidate stem).
 * Non-final parts may carry a linking -s- or -e- (leverans|tid, kund|e|service); the final
 * part is stemmed as a whole word. Returns the stems of the parts, or null.
 * Strict: every part known. Otherwise, when `loose`, one known part of 4+ letters is enough
 * and only the known parts are returned.
 */
export function splitCompound(
  word: string,
  lang: Lang,
  isKnown: (stem: string) => boolean,
  options: { minPart?: number; loose?: boolean } = {},
): string[] | null {
  const minPart = options.minPart ?? 3;
  if (word.length < minPart * 2) return null;

  const headStem = (part: string): string | null => {
    const candidates = [part, stem(part, lang)];
    if (part.length > minPart && (part.endsWith('s') || part.endsWith('e'))) {
      const base = part.slice(0, -1);
      candidates.push(base, stem(base, lang));
    }
    for (const c of candidates) if (c.length >= minPart - 1 && isKnown(c) && !isStopWord(c, lang)) return c;
    return null;
  };
  const tailStem = (part: string): string | null => {
    const s = stem(part, lang);
    return isKnown(s) && !isStopWord(part, lang) ? s : null;
  };

  // best[i]: fewest known parts covering word[i..]; ties prefer the longer first part.
  const best: (string[] | null)[] = new Array(word.length + 1).fill(null);
  best[word.length] = [];
  for (let i = word.length - minPart; i >= 0; i--) {
    let choice: string[] | null = null;
    for (let j = word.length; j >= i + minPart; j--) {
      if (i === 0 && j === word.length) continue; // the word itself is not a split
      const rest = best[j];
      if (!rest) continue;
      const s = j === word.length ? tailStem(word.slice(i)) : headStem(word.slice(i, j));
      if (!s) continue;
      const candidate = [s, ...rest];
      if (!choice || candidate.length < choice.length) choice = candidate;
    }
    best[i] = choice;
  }
  const strict = best[0];
  if (strict && strict.length >= 2) return strict;
  if (!options.loose) return null;

  // Loose: two parts, one of them known (e.g. "ordererkännandet" -> "order").
  let found: { s: string; len: number } | null = null;
  for (let j = minPart; j <= word.length - minPart; j++) {
    const head = word.slice(0, j);
    const tail = word.slice(j);
    const h = head.length >= 4 ? headStem(head) : null;
    if (h && (!found || head.length > found.len)) found = { s: h, len: head.length };
    const t = tail.length >= 4 ? tailStem(tail) : null;
    if (t && (!found || tail.length > found.len)) found = { s: t, len: tail.length };
  }
  return found ? [found.s] : null;
}
