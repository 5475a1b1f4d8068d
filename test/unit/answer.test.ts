import { answerRows, countsAsYes, fieldName, readAnswerForm, validateAnswers } from '../../src/surveys/answer';
import { parseSurveyDefinition, type SurveyDefinition } from '../../src/surveys/survey-definition';

const L = (en: string) => ({ en, sv: `${en} (sv)`, da: `${en} (da)` });
const def: SurveyDefinition = parseSurveyDefinition({
  slug: 'unit',
  version: 1,
  title: L('Unit'),
  sections: [
    {
      id: 'main',
      title: L('Main'),
      questions: [
        { id: 'overall', type: 'rating', required: true, text: L('Overall'), labels: { low: L('Bad'), high: L('Good') }, allowNotApplicable: true },
        { id: 'channels', type: 'choice', multiple: true, text: L('Channels'), options: [{ id: 'web', text: L('Web') }, { id: 'phone', text: L('Phone') }] },
        { id: 'problems', type: 'problem_list', maxItems: 3, minItems: 2, maxLength: 20, text: L('Problems') },
        { id: 'known', type: 'problem_rating', categories: [7, 8], scale: 'yes_no', text: L('Known') },
      ],
    },
  ],
}).data!;
const catalogue = [
  { id: 7, name: L('Late') },
  { id: 8, name: L('Wrong') },
];

describe('answer form', () => {
  it('reads only known fields and refuses a form with any other field', () => {
    expect(readAnswerForm(def, { _csrf: 'x', [fieldName('nope')]: '1' })).toEqual({ ok: false, unknownFields: ['a__nope'] });
    const read = readAnswerForm(def, { [fieldName('overall')]: ['3', '4'], [fieldName('channels')]: ['web', 'phone'] });
    expect(read).toEqual({ ok: true, raw: { overall: '3', channels: ['web', 'phone'] } });
  });

  it('reads every question of a frozen (launched) definition, again and again, from the fields of each form', () => {
    const launched = structuredClone(def);
    for (const o of [launched, ...launched.sections, ...launched.sections.flatMap((s) => s.questions)]) Object.freeze(o);
    const form = (rank: string, known: string) => ({
      [fieldName('overall')]: '4',
      [fieldName('channels')]: 'phone',
      [fieldName('problems', 2, 'text')]: 'C',
      [fieldName('problems', 2, 'rank')]: rank,
      [fieldName('known', 8, 'frequency')]: known,
      [fieldName('known', 8, 'bother')]: '0',
    });
    expect(readAnswerForm(launched, form('1', '1'))).toEqual({
      ok: true,
      raw: { overall: '4', channels: ['phone'], problems: [{ text: 'C', pick: '', rank: '1' }], known: { '8': { frequency: '1', bother: '0' } } },
    });
    expect(readAnswerForm(launched, form('2', ''))).toEqual({
      ok: true,
      raw: { overall: '4', channels: ['phone'], problems: [{ text: 'C', pick: '', rank: '2' }], known: { '8': { frequency: '', bother: '0' } } },
    });
    expect(readAnswerForm(launched, { [fieldName('known', 9, 'bother')]: '1' })).toEqual({ ok: false, unknownFields: ['a__known__9__bother'] });
  });

  it('keeps problem slots in rank order, with unranked ones last', () => {
    const read = readAnswerForm(def, {
      [fieldName('problems', 0, 'text')]: 'A',
      [fieldName('problems', 0, 'rank')]: '',
      [fieldName('problems', 1, 'text')]: 'B',
      [fieldName('problems', 1, 'rank')]: '3',
      [fieldName('problems', 2, 'pick')]: '7',
      [fieldName('problems', 2, 'rank')]: '1',
    });
    expect(read.ok && read.raw.problems).toEqual([
      { text: '', pick: '7', rank: '1' },
      { text: 'B', pick: '', rank: '3' },
      { text: 'A', pick: '', rank: '' },
    ]);
  });

  it('requires the minimum number of problems and distinct ranks, with messages in the respondent’s language', () => {
    const few = validateAnswers(def, catalogue, { overall: '3', problems: [{ text: 'A', pick: '', rank: '1' }] }, 'en');
    expect(few).toEqual({ ok: false, errors: [{ questionId: 'problems', anchor: 'a__problems__0__text', message: 'List at least 2 problems.' }] });
    const same = validateAnswers(def, catalogue, { overall: '3', problems: [{ text: 'A', pick: '', rank: '1' }, { text: 'B', pick: '', rank: '1' }] }, 'sv');
    expect(same.ok ? [] : same.errors.map((e) => e.message)).toEqual([
      'Två problem har samma nummer. Ge varje problem ett eget nummer från 1 till 3.',
    ]);
  });

  it('rejects a problem text longer than maxLength and a required rating left empty', () => {
    const result = validateAnswers(def, catalogue, { problems: [{ text: 'x'.repeat(21), pick: '', rank: '1' }, { text: 'B', pick: '', rank: '2' }] }, 'da');
    expect(result.ok ? [] : result.errors.map((e) => [e.anchor, e.message])).toEqual([
      ['a__overall__1', 'Besvar dette spørgsmål.'],
      ['a__problems__0__text', 'Brug højst 20 tegn. Du har skrevet 21.'],
    ]);
  });

  it('turns a valid answer into answer_value, problem_mention and problem_rating_answer rows', () => {
    const result = validateAnswers(
      def,
      catalogue,
      {
        overall: 'na',
        channels: ['phone', 'web'],
        problems: [{ text: '', pick: '8', rank: '2' }, { text: ' Slow ', pick: '', rank: '1' }],
        known: { '7': { frequency: '1', bother: '0' }, '8': { frequency: '', bother: '1' } },
      },
      'sv',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(answerRows(def, result.answers)).toEqual({
      values: [
        { question_id: 'overall', value: null, choice: 'na', text: null },
        { question_id: 'channels', value: null, choice: 'web', text: null },
        { question_id: 'channels', value: null, choice: 'phone', text: null },
        { question_id: 'problems', value: 2, choice: null, text: null },
      ],
      mentions: [
        { question_id: 'problems', rank: 1, text: 'Slow', category_id: null },
        { question_id: 'problems', rank: 2, text: 'Wrong (sv)', category_id: 8 },
      ],
      ratings: [
        { question_id: 'known', category_id: 7, frequency: 1, bother: 0, is_frequent: 1, is_bothersome: 0 },
        { question_id: 'known', category_id: 8, frequency: null, bother: 1, is_frequent: null, is_bothersome: 1 },
      ],
    });
  });

  it('counts 4 and 5 as yes on the 1–5 scale and 1 as yes on yes/no', () => {
    expect([1, 2, 3, 4, 5].map((v) => countsAsYes('1-5', v))).toEqual([0, 0, 0, 1, 1]);
    expect([0, 1].map((v) => countsAsYes('yes_no', v))).toEqual([0, 1]);
    expect(countsAsYes('1-5', null)).toBeNull();
  });
});
