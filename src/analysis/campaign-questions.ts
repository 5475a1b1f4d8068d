import type { Question, QuestionOf } from '../surveys/survey-definition';
import { allQuestions } from '../surveys/survey-definition';
import { parseSnapshot, type CampaignSnapshot } from '../surveys/snapshot';

/** The questions of a campaign as launched (from its snapshot), or none before launch. */
export interface CampaignQuestions {
  all: Question[];
  problemList?: QuestionOf<'problem_list'>;
  problemRating?: QuestionOf<'problem_rating'>;
  snapshot?: CampaignSnapshot;
}

export function campaignQuestions(definitionJson: string | null): CampaignQuestions {
  if (!definitionJson) return { all: [] };
  const snapshot = parseSnapshot(definitionJson);
  const all = snapshot?.definition?.sections ? allQuestions(snapshot.definition) : [];
  return {
    all,
    problemList: all.find((q): q is QuestionOf<'problem_list'> => q.type === 'problem_list'),
    problemRating: all.find((q): q is QuestionOf<'problem_rating'> => q.type === 'problem_rating'),
    snapshot,
  };
}

/** K of the rank points K − r + 1: the question's maxItems (5 when the snapshot omits it). */
export function maxItemsOf(q: QuestionOf<'problem_list'>): number {
  return q.maxItems ?? 5;
}
