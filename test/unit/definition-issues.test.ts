import { translate } from '../../src/shared/languages';
import { describeIssue, issueMessage } from '../../src/questionnaires/definition-issues';

// The survey schema's English lines, as the editor's pages show them to a reader of Danish.
describe('schema problems in the reader’s language', () => {
  const t = translate('da', 'staff');
  const reader = { t, lang: 'da' as const, languageName: (code: string) => ({ en: 'Engelsk', sv: 'Svensk', da: 'Dansk' })[code] ?? code, isLanguage: (code: string) => ['en', 'sv', 'da'].includes(code) };
  const definition = {
    title: { en: 'Partners', da: 'Partnere' },
    sections: [{ id: 'main', title: { en: 'Delivery', sv: 'Leverans', da: 'Levering' }, questions: [{ id: 'q', text: { en: 'On time?', da: 'Til tiden?' } }, { id: 'r', text: { en: 'Which?' } }] }],
  };

  it('names the place by its texts in the reader’s language, English where none is written', () => {
    expect(describeIssue(reader, 'sections[0].questions[0].scale: Too big: expected number to be <=10', definition)).toBe('Afsnittet »Levering«, spørgsmålet »Til tiden?«, antal trin: Må højst være 10');
    expect(describeIssue(reader, 'sections[0].questions[1].text.da: Must not be empty', definition)).toBe('Afsnittet »Levering«, spørgsmålet »Which?«, tekst, Dansk: Må ikke være tom');
  });

  it('names by position what the definition does not have, and the questionnaire for its own fields', () => {
    expect(describeIssue(reader, 'sections[3].questions[1].maxLength: Too small: expected number to be >=1', definition)).toBe('Afsnit 4, spørgsmål 2, længste svar: Skal være mindst 1');
    expect(describeIssue(reader, 'colour: Unknown field', definition)).toBe('Spørgeskemaet: Ukendt felt »colour«');
    expect(describeIssue(reader, 'Must have at least 1 section', definition)).toBe('Skal have mindst 1 afsnit');
  });

  it('keeps a message it does not know, and catalogue keys for the views to translate', () => {
    expect(issueMessage(t, 'Something new')).toBe('Something new');
    expect(issueMessage(t, 'questionnaires.errors.someText')).toBe('questionnaires.errors.someText');
  });
});
