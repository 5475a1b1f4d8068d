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

// Tables added by the analysis feature (its own migrations).
export interface AnalysisTables {
  coding_event: CodingEventTable;
  coding_version: CodingVersionTable;
}
