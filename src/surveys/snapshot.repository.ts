import type { Db } from '../db/database';
import type { Localized } from './survey-definition';
import { findCategoryNames, namesInEveryLanguage } from '../catalogue/catalogue.repository';

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
    .select(['id', 'is_active'])
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .execute();
  const names = await findCategoryNames(db, rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id, name: namesInEveryLanguage(names.get(r.id) ?? {}), isActive: r.is_active === 1 }));
}
