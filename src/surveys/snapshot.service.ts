import type { Db } from '../db/database';
import type { SurveyDefinition } from './survey-definition';
import { resolveSnapshot, type CampaignSnapshot } from './snapshot';
import { listCatalogueForSnapshot } from './snapshot.repository';

/** Builds the snapshot stored in campaign.definition at launch, against today's catalogue. */
export async function buildCampaignSnapshot(db: Db, definition: SurveyDefinition, now: Date): Promise<CampaignSnapshot> {
  return resolveSnapshot(definition, await listCatalogueForSnapshot(db), now);
}
