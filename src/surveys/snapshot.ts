import type { Db } from '../db/database';
import type { Localized } from './survey-definition';
import { allQuestions, SurveyDefinition } from './survey-definition';

/** A catalogue category as the survey showed it. */
export interface SnapshotCategory {
  id: number;
  name: Localized;
}

/**
 * What a campaign was launched with: the definition (with "active" catalogue references
 * resolved to ids) and the catalogue items it showed, so later edits never change it.
 */
export interface CampaignSnapshot {
  definition: SurveyDefinition;
  catalogue: SnapshotCategory[];
  takenAt: string;
}

/** Builds the snapshot stored in campaign.definition at launch. */
export async function buildCampaignSnapshot(db: Db, definition: SurveyDefinition, now: Date): Promise<CampaignSnapshot> {
  const rows = await db
    .selectFrom('problem_category')
    .select(['id', 'name_en', 'name_sv', 'name_da', 'is_active'])
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .execute();
  const active = rows.filter((r) => r.is_active === 1).map((r) => r.id);
  const resolved: SurveyDefinition = structuredClone(definition);
  const shown = new Set<number>();
  for (const question of allQuestions(resolved)) {
    if (question.type === 'problem_rating') {
      if (question.categories === 'active') question.categories = active;
      question.categories.forEach((id) => shown.add(id));
    }
    if (question.type === 'problem_list' && question.allowCatalogue) active.forEach((id) => shown.add(id));
  }
  const catalogue = rows
    .filter((r) => shown.has(r.id))
    .map((r) => ({ id: r.id, name: { en: r.name_en, sv: r.name_sv, da: r.name_da } }));
  return { definition: resolved, catalogue, takenAt: now.toISOString() };
}

export function parseSnapshot(json: string): CampaignSnapshot {
  return JSON.parse(json) as CampaignSnapshot;
}
