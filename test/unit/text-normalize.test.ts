import { charNgrams, isStopWord, splitCompound, stem, tokenize } from '../../src/analysis/text-normalize';

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

  it('knows stop words per language and in any language when the language is unknown', () => {
    expect(isStopWord('och', 'sv')).toBe(true);
    expect(isStopWord('ikke', 'da')).toBe(true);
    expect(isStopWord('the', 'en')).toBe(true);
    expect(isStopWord('ikke', 'sv')).toBe(false);
    expect(isStopWord('ikke')).toBe(true);
    expect(isStopWord('leverans')).toBe(false);
  });

  it('gives Swedish "leveransen", "leveranser" and "leverans" the same stem', () => {
    const forms = ['leverans', 'leveransen', 'leveranser', 'leveranserna', 'leveransens'];
    expect(new Set(forms.map((w) => stem(w, 'sv'))).size).toBe(1);
  });

  it('gives Swedish definite and plural forms of -a nouns the same stem', () => {
    const forms = ['faktura', 'fakturan', 'fakturor', 'fakturorna'];
    expect(new Set(forms.map((w) => stem(w, 'sv'))).size).toBe(1);
    expect(stem('långsamma', 'sv')).toBe(stem('långsam', 'sv'));
  });

  it('gives Danish "leveringen", "leveringer" and "levering" the same stem', () => {
    const forms = ['levering', 'leveringen', 'leveringer', 'leveringerne'];
    expect(new Set(forms.map((w) => stem(w, 'da'))).size).toBe(1);
    expect(stem('forsinkede', 'da')).toBe(stem('forsinket', 'da'));
  });

  it('gives English "deliveries", "delivery" and "delivered" the same stem', () => {
    const forms = ['delivery', 'deliveries', 'delivered', 'delivering', 'deliver'];
    expect(new Set(forms.map((w) => stem(w, 'en'))).size).toBe(1);
    expect(stem('quotation', 'en')).toBe(stem('quotes', 'en'));
  });

  it('splits a Swedish compound into known parts, across a linking -s-', () => {
    const known = new Set(['leveran', 'tid', 'faktur', 'fel']);
    const isKnown = (s: string): boolean => known.has(s);
    expect(splitCompound('leveranstiden', 'sv', isKnown)).toEqual(['leveran', 'tid']);
    expect(splitCompound('fakturafel', 'sv', isKnown)).toEqual(['faktur', 'fel']);
  });

  it('splits a Danish compound across a linking -s- or -e-', () => {
    const known = new Set(['lever', 'tid', 'kund', 'servic']);
    const isKnown = (s: string): boolean => known.has(s);
    expect(splitCompound('leveringstiden', 'da', isKnown)).toEqual(['lever', 'tid']);
    expect(splitCompound('kundeservice', 'da', isKnown)).toEqual(['kund', 'servic']);
  });

  it('does not split a word into unknown or too short parts unless asked to split loosely', () => {
    const known = new Set(['order']);
    const isKnown = (s: string): boolean => known.has(s);
    expect(splitCompound('ordererkännandet', 'sv', isKnown)).toBeNull();
    expect(splitCompound('ordererkännandet', 'sv', isKnown, { loose: true })).toEqual(['order']);
    expect(splitCompound('information', 'en', isKnown)).toBeNull();
  });

  it('makes character 4-grams with word boundary marks', () => {
    expect(charNgrams('faktur')).toEqual(['#fak', 'fakt', 'aktu', 'ktur', 'tur#']);
    expect(charNgrams('ab')).toEqual(['#ab#']);
  });
});
