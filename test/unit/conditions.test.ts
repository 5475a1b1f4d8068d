import { validateAnswers } from '../../src/surveys/answer';
import { isQuestionShown, parseSurveyDefinition, type SurveyDefinition } from '../../src/surveys/survey-definition';
import { formatZodIssues } from '../../src/surveys/template-loader';

const L = (en: string) => ({ en, sv: `${en} (sv)`, da: `${en} (da)` });
const template = (questions: unknown[]) => ({ slug: 'conditions', version: 1, title: L('Conditions'), sections: [{ id: 'main', title: L('Main'), questions }] });

const def: SurveyDefinition = parseSurveyDefinition(
  template([
    { id: 'nps', type: 'nps', required: true, text: L('Recommend us?') },
    { id: 'why', type: 'text', required: true, text: L('Why?'), showIf: { question: 'nps', max: 6 } },
    { id: 'channel', type: 'choice', text: L('Channel'), options: [{ id: 'web', text: L('Web') }, { id: 'phone', text: L('Phone') }] },
    { id: 'phone_wait', type: 'rating', required: true, text: L('Waiting time'), labels: { low: L('Long'), high: L('Short') }, showIf: { question: 'channel', anyOf: ['phone'] } },
  ]),
).data!;

describe('conditions', () => {
  it('a hidden required question does not block submit, and its answer is not stored', () => {
    const result = validateAnswers(def, [], { nps: '9', why: 'typed before changing my mind', channel: 'web' }, 'en');
    expect(result).toEqual({ ok: true, answers: { nps: { type: 'nps', value: 9 }, channel: { type: 'choice', options: ['web'] } } });
  });

  it('a shown required question is required', () => {
    const result = validateAnswers(def, [], { nps: '3', channel: 'phone' }, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.questionId)).toEqual(['why', 'phone_wait']);
  });

  it('shows a question by range or by picked option; an unanswered question hides it', () => {
    const [, why, , wait] = def.sections[0]!.questions;
    expect(isQuestionShown(why!, { nps: '6' })).toBe(true);
    expect(isQuestionShown(why!, { nps: '7' })).toBe(false);
    expect(isQuestionShown(why!, {})).toBe(false);
    expect(isQuestionShown(wait!, { channel: ['web', 'phone'] })).toBe(true);
    expect(isQuestionShown(wait!, { channel: 'web' })).toBe(false);
  });

  it('must refer to an earlier comparable question and its options', () => {
    const issues = (questions: unknown[]) => {
      const parsed = parseSurveyDefinition(template(questions));
      return parsed.success ? [] : formatZodIssues(parsed.error);
    };
    expect(issues([{ id: 'why', type: 'text', text: L('Why?'), showIf: { question: 'nps', max: 6 } }, { id: 'nps', type: 'nps', text: L('NPS') }])).toEqual([
      'sections[0].questions[0].showIf.question: Must be an earlier question (no earlier question "nps")',
    ]);
    expect(
      issues([
        { id: 'channel', type: 'choice', text: L('Channel'), options: [{ id: 'web', text: L('Web') }, { id: 'phone', text: L('Phone') }] },
        { id: 'wait', type: 'text', text: L('Wait'), showIf: { question: 'channel', anyOf: ['fax'] } },
      ]),
    ).toEqual(['sections[0].questions[1].showIf.anyOf: No option "fax" in question "channel"']);
  });
});
