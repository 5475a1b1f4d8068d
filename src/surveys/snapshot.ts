import type { Localized } from './survey-definition';
import { allQuestions, SurveyDefinition } from './survey-definition';
import type { CatalogueEntry } from './snapshot.repository';

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

/**
 * The snapshot of a definition against a catalogue: "active" becomes the ids of the active
 * categories, and the catalogue keeps only the categories some question shows.
 */
export function resolveSnapshot(definition: SurveyDefinition, categories: readonly CatalogueEntry[], now: Date): CampaignSnapshot {
  const active = categories.filter((c) => c.isActive).map((c) => c.id);
  const resolved: SurveyDefinition = structuredClone(definition);
  const shown = new Set<number>();
  for (const question of allQuestions(resolved)) {
    if (question.type === 'problem_rating') {
      if (question.categories === 'active') question.categories = active;
      question.categories.forEach((id) => shown.add(id));
    }
    if (question.type === 'problem_list' && question.allowCatalogue) active.forEach((id) => shown.add(id));
  }
  const catalogue = categories.filter((c) => shown.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
  return { definition: resolved, catalogue, takenAt: now.toISOString() };
}

export function parseSnapshot(json: string): CampaignSnapshot {
  return JSON.parse(json) as CampaignSnapshot;
}
