import type { Db } from '../db/database';
import { NotFoundError } from '../shared/errors';
import type { Language } from '../shared/languages';
import { emptyFigures, orderProblems, problemScoreOf, type AnalysisFilter, type ProblemFigures, type RankedProblem, type RankOrder } from './analysis';
import { findAnalysisCampaign } from './analysis.repository';
import { campaignQuestions } from './campaign-questions';
import { answeredCount, categoryNamesIn, problemListFigures, problemRatingShares } from './ranking.repository';

export interface RankOptions {
  /** Defaults to points when the campaign has a problem list, else problem score. */
  orderBy?: RankOrder;
  /** Category names in this language (default English). */
  language?: Language;
}

/**
 * The ranked problem list of a campaign, exactly as docs/scoring.md defines it, for the
 * submitted responses whose customer matches the filter. Every figure is aggregated by the
 * database (GROUP BY); only the per-category rows are ordered here. Numbers are unrounded.
 * @throws NotFoundError when the campaign does not exist
 */
export async function rankProblems(
  db: Db,
  campaignId: number,
  filter: AnalysisFilter = {},
  options: RankOptions = {},
): Promise<RankedProblem[]> {
  const campaign = await findAnalysisCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const { problemList, problemRating } = campaignQuestions(campaign.definition);
  const figures = new Map<number, ProblemFigures>();
  if (problemList) {
    for (const f of await problemListFigures(db, campaignId, problemList, filter)) figures.set(f.categoryId, f);
  }
  if (problemRating) {
    for (const r of await problemRatingShares(db, campaignId, problemRating, filter)) {
      const f = figures.get(r.categoryId) ?? emptyFigures(r.categoryId);
      f.shareFrequent = r.shareFrequent;
      f.shareBothersome = r.shareBothersome;
      f.problemScore = problemScoreOf(r.shareFrequent, r.shareBothersome);
      figures.set(r.categoryId, f);
    }
  }
  if (figures.size === 0) return [];
  const names = await categoryNamesIn(db, [...figures.keys()], options.language ?? 'en');
  for (const f of figures.values()) f.category = names.get(f.categoryId) ?? '';
  return orderProblems([...figures.values()], options.orderBy ?? (problemList ? 'points' : 'problem_score'));
}


/**
 * How many submitted responses matching the filter answered the campaign's problem list (the
 * share's denominator); 0 when the campaign has none.
 * @throws NotFoundError when the campaign does not exist
 */
export async function countProblemListAnswers(db: Db, campaignId: number, filter: AnalysisFilter = {}): Promise<number> {
  const campaign = await findAnalysisCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const { problemList } = campaignQuestions(campaign.definition);
  return problemList ? answeredCount(db, campaignId, problemList.id, filter) : 0;
}
