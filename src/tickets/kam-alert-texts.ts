/** How a KAM alert names its questions: in the reader's language, from the campaign's snapshot. */
import { campaignQuestions } from '../analysis/campaign-questions';
import { textIn, type Language } from '../shared/languages';
import type { AlertAnswer, KamAlert } from './kam-alert.repository';

/**
 * The alerts with each answer's question named in `lang` (the snapshot's text in that language,
 * else the default language's, as textIn falls back). An answer stored without its question id,
 * or whose question the snapshot no longer has, keeps the text stored when it was raised.
 */
export function alertsIn<A extends Pick<KamAlert, 'answers' | 'campaignDefinition'>>(alerts: A[], lang: Language): A[] {
  const texts = new Map<string, Map<string, Partial<Record<string, string>>>>();
  const questionsOf = (definition: string) => {
    let byId = texts.get(definition);
    if (!byId) {
      byId = new Map(campaignQuestions(definition).all.map((q) => [q.id, q.text as Partial<Record<string, string>>]));
      texts.set(definition, byId);
    }
    return byId;
  };
  return alerts.map((alert) => {
    const definition = alert.campaignDefinition;
    if (!definition) return alert;
    const byId = questionsOf(definition);
    const answers = alert.answers.map((x): AlertAnswer => {
      const text = x.questionId ? byId.get(x.questionId) : undefined;
      const named = text ? textIn(text, lang) : '';
      return named ? { ...x, question: named } : x;
    });
    return { ...alert, answers };
  });
}
