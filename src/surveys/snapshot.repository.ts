import type { Db } from '../db/database';
import type { Localized } from './survey-definition';

/** A catalogue category as a survey may show it. */
export interface CatalogueEntry {
  id: number;
  name: Localized;
  isActive: boolean;
}

/** The catalogue categories that were not merged away, by id (the order a snapshot lists them in). */
export async function listCatalogueForSnapshot(db: Db): Promise<CatalogueEntry[]> {
  const rows = await db
    .selectFrom('problem_category')
    .select(['id', 'name_en', 'name_sv', 'name_da', 'is_active'])
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: { en: r.name_en, sv: r.name_sv, da: r.name_da }, isActive: r.is_active === 1 }));
}
