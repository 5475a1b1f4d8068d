import type { Generated } from 'kysely';

/** One mention's coding change; a coding action (one or many mentions) shares a batch id. */
export interface CodingEventTable {
  id: Generated<number>;
  batch_id: string;
  mention_id: number;
  campaign_id: number;
  from_category_id: number | null;
  to_category_id: number | null;
  user_id: number | null;
  at: string;
  undone_at: string | null;
  undone_by: number | null;
}

/** Moved by triggers on every write the coding suggester learns from (migration 0022). */
export interface CodingVersionTable {
  name: string;
  version: number;
}

/** Per campaign, problem-list question, category and customer: the submitted respondents who mention it (migration 0037). */
export interface RankingTotalsTable {
  campaign_id: number;
  question_id: string;
  category_id: number;
  customer_id: number;
  respondents: number;
  /** Σ of each respondent's best rank of the category. */
  rank_sum: number;
}

/** Per campaign, question and customer: the submitted responses that answered it (migration 0037). */
export interface RankingAnsweredTable {
  campaign_id: number;
  question_id: string;
  customer_id: number;
  responses: number;
}

// Tables added by the analysis feature (its own migrations).
export interface AnalysisTables {
  coding_event: CodingEventTable;
  coding_version: CodingVersionTable;
  ranking_totals: RankingTotalsTable;
  ranking_answered: RankingAnsweredTable;
}
