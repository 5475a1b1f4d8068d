import { languageInText, languageLabel } from '../../src/shared/languages';

describe('naming a language mid-sentence', () => {
  it('writes Swedish and Danish language names in lowercase, English ones capitalised', () => {
    expect(['en', 'sv', 'da'].map((code) => languageInText(code, 'sv'))).toEqual(['engelska', 'svenska', 'danska']);
    expect(['en', 'sv', 'da'].map((code) => languageInText(code, 'da'))).toEqual(['engelsk', 'svensk', 'dansk']);
    expect(['en', 'sv', 'da'].map((code) => languageInText(code, 'en'))).toEqual(['English', 'Swedish', 'Danish']);
    // A language without a folder is still named from the platform's data.
    expect(languageInText('de', 'sv')).toBe('tyska');
  });

  it('keeps the standalone label capitalised', () => {
    expect(['en', 'sv', 'da'].map((code) => languageLabel(code, 'sv'))).toEqual(['Engelska', 'Svenska', 'Danska']);
    expect(languageLabel('da', 'da')).toBe('Dansk');
  });
});
