import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';
import { MAX_MERGE_HOPS, categoryNameIn, type Category, type CategoryNames, type CategoryValues, type MentionSource } from './catalogue';
import { refreshRankingTotalsOfCategories } from '../db/ranking-totals.repository';

export type { Category, CategoryValues } from './catalogue';
export { namesInEveryLanguage } from './catalogue';

// A category's names live in problem_category_name, one row per language (migration 0032).
// Every other feature reads them through the functions below, in the language it wants and
// with the English name where that language has none.

/**
 * The name of the category whose id is in `categoryIdColumn` ("ticket.category_id"), in `lang`,
 * else in English; null where the column is null. For a select: `categoryNameSql(…).as('category')`.
 */
export function categoryNameSql(categoryIdColumn: string, lang: Language): RawBuilder<string | null> {
  const id = sql.ref(categoryIdColumn);
  const nameIn = (language: string) => sql`(select n.name from problem_category_name n where n.category_id = ${id} and n.language = ${language})`;
  return lang === DEFAULT_LANGUAGE ? sql<string | null>`${nameIn(lang)}` : sql<string | null>`coalesce(${nameIn(lang)}, ${nameIn(DEFAULT_LANGUAGE)})`;
}

/** Every name of the given categories, by category id (a category without names maps to {}). */
export async function findCategoryNames(db: Db, ids: readonly number[]): Promise<Map<number, CategoryNames>> {
  const byId = new Map<number, Record<string, string>>(ids.map((id) => [id, {}]));
  if (!ids.length) return byId;
  const rows = await db.selectFrom('problem_category_name').select(['category_id', 'language', 'name']).where('category_id', 'in', [...new Set(ids)]).execute();
  for (const r of rows) byId.get(r.category_id)![r.language] = r.name;
  return byId;
}

/** The categories' names in one language (English where that language has none). */
export async function categoryNamesIn(db: Db, ids: readonly number[], lang: Language): Promise<Map<number, string>> {
  const names = await findCategoryNames(db, ids);
  return new Map([...names].map(([id, n]) => [id, categoryNameIn(n, lang)]));
}

async function writeNames(db: Db, categoryId: number, names: CategoryNames): Promise<void> {
  for (const [language, name] of Object.entries(names)) {
    await db
      .insertInto('problem_category_name')
      .values({ category_id: categoryId, language, name })
      .onConflict((oc) => oc.columns(['category_id', 'language']).doUpdateSet({ name }))
      .execute();
  }
}

function baseQuery(db: Db) {
  return db
    .selectFrom('problem_category as pc')
    .leftJoin('team', 'team.id', 'pc.team_id')
    .select([
      'pc.id',
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

type CategoryRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toCategory(r: CategoryRow, names: CategoryNames): Category {
  return {
    id: r.id,
    names,
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
  const rows = await q.orderBy(categoryNameSql('pc.id', DEFAULT_LANGUAGE)).orderBy('pc.id').execute();
  const names = await findCategoryNames(db, rows.map((r) => r.id));
  return rows.map((r) => toCategory(r, names.get(r.id) ?? {}));
}

export async function findCategoryById(db: Db, id: number): Promise<Category | undefined> {
  const row = await baseQuery(db).where('pc.id', '=', id).executeTakeFirst();
  return row && toCategory(row, (await findCategoryNames(db, [row.id])).get(row.id) ?? {});
}

function columnsOf(v: CategoryValues) {
  return { description: v.description, keywords: v.keywords.join(', '), team_id: v.teamId };
}

/** The categories created after `at` (ISO 8601): none of an earlier wave's mentions could be coded to them then. */
export async function listCategoryIdsCreatedAfter(db: Db, at: string): Promise<Set<number>> {
  const rows = await db.selectFrom('problem_category').select('id').where('created_at', '>', at).execute();
  return new Set(rows.map((r) => r.id));
}

/** Every name of the categories that are not merged away, except `exceptId`'s. */
export async function listOtherCategoryNames(db: Db, exceptId?: number): Promise<{ language: string; name: string }[]> {
  let query = db
    .selectFrom('problem_category_name as n')
    .innerJoin('problem_category as c', 'c.id', 'n.category_id')
    .select(['n.language', 'n.name'])
    .where('c.merged_into_id', 'is', null);
  if (exceptId !== undefined) query = query.where('c.id', '<>', exceptId);
  return query.execute();
}

export async function insertCategory(db: Db, v: CategoryValues, now: Date): Promise<number> {
  const row = await db
    .insertInto('problem_category')
    .values({ ...columnsOf(v), is_active: 1, created_at: now.toISOString(), updated_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeNames(db, row.id, v.names);
  return row.id;
}

export async function updateCategory(db: Db, id: number, v: CategoryValues & { isActive: boolean }, now: Date): Promise<void> {
  await db
    .updateTable('problem_category')
    .set({ ...columnsOf(v), is_active: v.isActive ? 1 : 0, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  await writeNames(db, id, v.names);
}

/** Follows merged_into_id to the surviving category; undefined for an unknown id or a chain too long. */
export async function resolveCategoryId(db: Db, id: number): Promise<number | undefined> {
  let current = id;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const row = await db.selectFrom('problem_category').select(['id', 'merged_into_id']).where('id', '=', current).executeTakeFirst();
    if (!row) return undefined;
    if (row.merged_into_id === null) return row.id;
    current = row.merged_into_id;
  }
  return undefined;
}

/** The problem mention a new category is started from. */
export async function findMentionSource(db: Db, mentionId: number): Promise<MentionSource | undefined> {
  return db.selectFrom('problem_mention').select(['id', 'text', 'language', 'campaign_id as campaignId']).where('id', '=', mentionId).executeTakeFirst();
}

/** Every problem mention of the merged category now names the survivor. */
export async function moveMentionsToCategory(db: Db, fromId: number, intoId: number): Promise<void> {
  await db.updateTable('problem_mention').set({ category_id: intoId }).where('category_id', '=', fromId).execute();
  await refreshRankingTotalsOfCategories(db, [fromId, intoId]);
}

/**
 * Every problem-rating answer of the merged category moves to the survivor; a response that
 * rated both keeps its rating of the survivor (one rating per response, question and item).
 */
export async function moveProblemRatingsToCategory(db: Db, fromId: number, intoId: number): Promise<void> {
  await db
    .deleteFrom('problem_rating_answer')
    .where('category_id', '=', fromId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('problem_rating_answer as survivor')
          .select('survivor.id')
          .whereRef('survivor.response_id', '=', 'problem_rating_answer.response_id')
          .whereRef('survivor.question_id', '=', 'problem_rating_answer.question_id')
          .where('survivor.category_id', '=', intoId),
      ),
    )
    .execute();
  await db.updateTable('problem_rating_answer').set({ category_id: intoId }).where('category_id', '=', fromId).execute();
}

/**
 * Records the merge on the categories: the merged one is retired and points at the survivor,
 * and so do the categories merged into it before (chains stay one hop long).
 */
export async function updateCategoryMerged(db: Db, fromId: number, intoId: number, now: Date): Promise<void> {
  const stamp = now.toISOString();
  await db.updateTable('problem_category').set({ merged_into_id: intoId, updated_at: stamp }).where('merged_into_id', '=', fromId).execute();
  await db.updateTable('problem_category').set({ merged_into_id: intoId, is_active: 0, updated_at: stamp }).where('id', '=', fromId).execute();
}
