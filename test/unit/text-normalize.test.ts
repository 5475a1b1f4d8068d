import { algorithms } from 'snowball-stemmers';
import stopwordLists = require('stopword');
import { LANGS, LANGUAGE_DATA, charNgrams, compoundParts, isGeneric, isStopWord, stem, tokenize, type Lang, type SplitOptions } from '../../src/analysis/text-normalize';

/** The parts' stems of a split, as the suggester weighs them. */
const splitCompound = (word: string, lang: Lang, isKnown: (s: string) => boolean, options?: SplitOptions) => compoundParts(word, lang, isKnown, options)?.map((p) => p.stem) ?? null;

describe('text normalisation', () => {
  it('tokenises to lowercase letter words, keeping å ä ö æ ø and dropping numbers and punctuation', () => {
    expect(tokenize('Leveranserna kommer SENT! Fakturaen er forkert, 12 % — Øresund café')).toEqual([
      'leveranserna',
      'kommer',
      'sent',
      'fakturaen',
      'er',
      'forkert',
      'øresund',
      'cafe',
    ]);
  });

  it('drops the part after an apostrophe', () => {
    expect(tokenize("The customer's order doesn't arrive")).toEqual(['the', 'customer', 'order', 'doesn', 'arrive']);
  });

  it('takes stop words from the maintained lists, keeping the ones a complaint needs', () => {
    expect(isStopWord('och', 'sv')).toBe(true);
    expect(isStopWord('ikke', 'da')).toBe(true);
    expect(isStopWord('the', 'en')).toBe(true);
    expect(isStopWord('ikke', 'sv')).toBe(false);
    expect(isStopWord('ikke')).toBe(true);
    expect(isStopWord('leverans')).toBe(false);
    // In the Swedish list, but "långsam support" and "sent" deliveries mean something.
    expect(isStopWord('långsam', 'sv')).toBe(false);
    expect(isStopWord('sent', 'sv')).toBe(false);
  });

  it('marks generic complaint words in each language, whatever their form', () => {
    for (const [word, lang] of [['svårt', 'sv'], ['svåra', 'sv'], ['problemet', 'sv'], ['svært', 'da'], ['problemer', 'da'], ['hard', 'en'], ['problems', 'en']] as const) {
      expect(isGeneric(stem(word, lang), lang)).toBe(true);
    }
    for (const [word, lang] of [['faktura', 'sv'], ['leveringen', 'da'], ['invoice', 'en']] as const) expect(isGeneric(stem(word, lang), lang)).toBe(false);
  });

  it('stems with Snowball: inflected forms meet', () => {
    expect(new Set(['leveransen', 'leveranser', 'leveranserna', 'leveransens'].map((w) => stem(w, 'sv'))).size).toBe(1);
    expect(new Set(['faktura', 'fakturor', 'fakturorna'].map((w) => stem(w, 'sv'))).size).toBe(1);
    expect(new Set(['levering', 'leveringen', 'leveringer', 'leveringerne'].map((w) => stem(w, 'da'))).size).toBe(1);
    expect(new Set(['delivery', 'deliveries'].map((w) => stem(w, 'en'))).size).toBe(1);
    expect(stem('delivered', 'en')).toBe(stem('delivering', 'en'));
  });

  it('has every language as data: a Snowball algorithm and a stop-word list that exist', () => {
    for (const lang of LANGS) {
      expect(algorithms()).toContain(LANGUAGE_DATA[lang].snowball);
      expect(stopwordLists[LANGUAGE_DATA[lang].stopwords]?.length).toBeGreaterThan(50);
    }
  });

  it('splits a Swedish compound into known parts, across a linking -s-', () => {
    const known = new Set(['leverans', 'tid', 'faktur', 'fel']);
    const isKnown = (s: string): boolean => known.has(s);
    expect(splitCompound('leveranstiden', 'sv', isKnown)).toEqual(['leverans', 'tid']);
    expect(splitCompound('fakturafel', 'sv', isKnown)).toEqual(['faktur', 'fel']);
  });

  it('splits a Danish compound across a linking -s- or -e-', () => {
    const known = new Set(['levering', 'tid', 'kund', 'servic']);
    const isKnown = (s: string): boolean => known.has(s);
    expect(splitCompound('leveringstiden', 'da', isKnown)).toEqual(['levering', 'tid']);
    expect(splitCompound('kundeservice', 'da', isKnown)).toEqual(['kund', 'servic']);
  });

  it('does not take a derivational ending for a part: fakturering is not faktur|e|ring (to call)', () => {
    const known = new Set(['faktur', 'ring', 'avgift', 'lev']);
    const isKnown = (s: string): boolean => known.has(s);
    expect(splitCompound('fakturering', 'sv', isKnown)).toBeNull();
    expect(splitCompound('faktureringen', 'sv', isKnown, { loose: true })).toEqual(['faktur']);
    expect(splitCompound('leveringen', 'da', isKnown, { loose: true })).toEqual(['lev']);
    // Inside a word too, before a linking -s-.
    expect(splitCompound('faktureringsavgift', 'sv', isKnown)).toBeNull();
    // A part "ring" that no -e- comes before is still one.
    expect(splitCompound('avgiftring', 'sv', isKnown)).toEqual(['avgift', 'ring']);
  });

  it('finds the known head of a compound whose other part is unknown only when asked to split loosely', () => {
    const known = new Set(['faktur']);
    const isKnown = (s: string): boolean => known.has(s);
    expect(splitCompound('fakturaraderna', 'sv', isKnown)).toBeNull();
    expect(splitCompound('fakturaraderna', 'sv', isKnown, { loose: true })).toEqual(['faktur']);
    expect(splitCompound('information', 'en', isKnown)).toBeNull();
  });

  it('makes character 4-grams with word boundary marks', () => {
    expect(charNgrams('faktur')).toEqual(['#fak', 'fakt', 'aktu', 'ktur', 'tur#']);
    expect(charNgrams('ab')).toEqual(['#ab#']);
  });
});
