// The survey form's questions are most of its page and most of its rendering time. A question
// without an answer and without an error renders the same for every respondent of a campaign in
// a language, so that HTML is kept per launched snapshot (frozen, shared by every request of the
// campaign, see launchedSnapshot) and rendered again only for questions with answers or errors.
import type { Language } from '../shared/languages';
import type { FieldError, RawAnswers } from './answer';
import type { CampaignSnapshot } from './snapshot';
import type { Question } from './survey-definition';

const rendered = new WeakMap<CampaignSnapshot, Map<string, string>>();

/** Renders a question (the view's include of its template). */
export type RenderQuestion = () => string;

/**
 * For the form view: `(question, render) => html`, which returns the kept HTML of a blank
 * question of a launched snapshot and calls `render` otherwise. Snapshots that are not frozen
 * (a template preview builds a new one per request) are always rendered.
 */
export function blankQuestionCache(
  snapshot: CampaignSnapshot,
  lang: Language,
  raw: RawAnswers,
  errors: readonly FieldError[],
): (question: Question, render: RenderQuestion) => string {
  if (!Object.isFrozen(snapshot)) return (_question, render) => render();
  let byQuestion = rendered.get(snapshot);
  if (byQuestion === undefined) {
    byQuestion = new Map();
    rendered.set(snapshot, byQuestion);
  }
  const kept = byQuestion;
  return (question, render) => {
    if (raw[question.id] !== undefined || errors.some((e) => e.questionId === question.id)) return render();
    const key = `${lang}\0${question.id}`;
    let html = kept.get(key);
    if (html === undefined) {
      html = render();
      kept.set(key, html);
    }
    return html;
  };
}
