import type { Db } from '../db/database';

export interface Category {
  id: number;
  names: { en: string; sv: string; da: string };
  description: string | null;
  keywords: string[];
  teamId: number | null;
  teamName: string | null;
  isActive: boolean;
  mergedIntoId: number | null;
  createdAt: string;
  updatedAt: string;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('problem_category as pc')
    .leftJoin('team', 'team.id', 'pc.team_id')
    .select([
      'pc.id',
      'pc.name_en',
      'pc.name_sv',
      'pc.name_da',
      'pc.description',
      'pc.keywords',
      'pc.team_id',
      'team.name as team_name',
      'pc.is_active',
      'pc.merged_into_id',
      'pc.created_at',
      'pc.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toCategory(r: Row): Category {
  return {
    id: r.id,
    names: { en: r.name_en, sv: r.name_sv, da: r.name_da },
    description: r.description,
    keywords: r.keywords.split(',').map((k) => k.trim()).filter(Boolean),
    teamId: r.team_id,
    teamName: r.team_name,
    isActive: r.is_active === 1,
    mergedIntoId: r.merged_into_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listCategories(db: Db, options: { includeMerged?: boolean; activeOnly?: boolean } = {}): Promise<Category[]> {
  let q = baseQuery(db);
  if (!options.includeMerged) q = q.where('pc.merged_into_id', 'is', null);
  if (options.activeOnly) q = q.where('pc.is_active', '=', 1);
  return (await q.orderBy('pc.name_en').orderBy('pc.id').execute()).map(toCategory);
}

export async function findCategoryById(db: Db, id: number): Promise<Category | undefined> {
  const row = await baseQuery(db).where('pc.id', '=', id).executeTakeFirst();
  return row && toCategory(row);
}

export interface CategoryValues {
  names: { en: string; sv: string; da: string };
  description: string | null;
  keywords: string[];
  teamId: number | null;
}

export async function insertCategory(db: Db, v: CategoryValues, now: Date): Promise<number> {
  const row = await db
    .insertInto('problem_category')
    .values({
      name_en: v.names.en,
      name_sv: v.names.sv,
      name_da: v.names.da,
      description: v.description,
      keywords: v.keywords.join(', '),
      team_id: v.teamId,
      is_active: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCategory(db: Db, id: number, v: CategoryValues & { isActive: boolean }, now: Date): Promise<void> {
  await db
    .updateTable('problem_category')
    .set({
      name_en: v.names.en,
      name_sv: v.names.sv,
      name_da: v.names.da,
      description: v.description,
      keywords: v.keywords.join(', '),
      team_id: v.teamId,
      is_active: v.isActive ? 1 : 0,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Follows merged_into_id to the surviving category (merges keep chains one hop long; this tolerates more). */
export async function resolveCategoryId(db: Db, id: number): Promise<number | undefined> {
  let current = id;
  for (let hop = 0; hop < 20; hop++) {
    const row = await db.selectFrom('problem_category').select(['id', 'merged_into_id']).where('id', '=', current).executeTakeFirst();
    if (!row) return undefined;
    if (row.merged_into_id === null) return row.id;
    current = row.merged_into_id;
  }
  return undefined;
}

export async function teamExists(db: Db, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom('team').select('id').where('id', '=', id).executeTakeFirst());
}

export async function listTeamsForCatalogue(db: Db) {
  return db.selectFrom('team').select(['id', 'name']).where('is_active', '=', 1).orderBy('name').execute();
}
