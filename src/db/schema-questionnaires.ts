import type { ColumnType, Generated } from 'kysely';

export interface QuestionnaireTable {
  id: Generated<number>;
  slug: string;
  title_en: string;
  title_sv: string;
  title_da: string;
  /** JSON array of question ids that were removed and must not be reused. */
  retired_ids: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface QuestionnaireVersionTable {
  id: Generated<number>;
  questionnaire_id: number;
  number: number;
  /** draft | published */
  status: ColumnType<string, string | undefined, string>;
  /** JSON survey definition. */
  definition: string;
  published_at: string | null;
  published_by: number | null;
  created_at: string;
  updated_at: string;
}

// Tables added by the questionnaires feature (db/migrations/0009_questionnaires.ts).
export interface QuestionnairesTables {
  questionnaire: QuestionnaireTable;
  questionnaire_version: QuestionnaireVersionTable;
}
