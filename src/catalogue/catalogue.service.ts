import type { Db, Tx } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { findTeamById, listTeams, type Team } from '../accounts/team.repository';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { languagesOfTakenNames, type Category, type CategoryNames, type CategoryValues, type MentionSource } from './catalogue';
import { canManageCatalogue } from './catalogue.policy';
import { nameField } from './catalogue.schemas';
import { DEFAULT_LANGUAGE } from '../shared/languages';
import {
  findCategoryById,
  findMentionSource,
  insertCategory,
  listCategories,
  listOtherCategoryNames,
  moveMentionsToCategory,
  moveProblemRatingsToCategory,
  resolveCategoryId,
  updateCategory,
  updateCategoryMerged,
} from './catalogue.repository';

/**
 * Runs inside the merge transaction, after the catalogue's own rows moved: another feature moves
 * what it keeps per category (tickets). A hook that throws rolls the merge back.
 */
export type CategoryMergeHook = (trx: Tx, merge: { fromId: number; intoId: number }) => Promise<void>;

/**
 * Codes the problem mention a new category was started from (and the mentions identical to it),
 * inside the transaction that adds the category; returns how many it coded. The coding feature
 * provides it (wired in app.ts), so the catalogue never imports coding.
 */
export type MentionCoder = (trx: Tx, user: CurrentUser, mentionId: number, categoryId: number, now: Date) => Promise<number>;

function requireCatalogueKeeper(user: CurrentUser): void {
  if (!canManageCatalogue(user)) throw new ForbiddenError('the catalogue is kept by quality managers');
}

async function checkTeam(db: Db, teamId: number | null): Promise<void> {
  if (teamId !== null && !(await findTeamById(db, teamId))) {
    throw new ValidationError('catalogue.errors.chooseTeam', { teamId: ['catalogue.errors.chooseTeam'] });
  }
}

/**
 * Refuses names another category has in the same language, beside each such name's field.
 * @throws ValidationError
 */
export async function checkCategoryNamesFree(db: Db, names: CategoryNames, exceptId?: number): Promise<void> {
  const taken = languagesOfTakenNames(names, await listOtherCategoryNames(db, exceptId));
  if (taken.length) throw new ValidationError('catalogue.errors.nameTaken', Object.fromEntries(taken.map((l) => [nameField(l), ['catalogue.errors.nameTaken']])));
}

async function findCategoryOrThrow(db: Db, id: number): Promise<Category> {
  const category = await findCategoryById(db, id);
  if (!category) throw new NotFoundError(`category ${id}`);
  return category;
}

/** Every category, merged ones included. @throws ForbiddenError */
export async function listCatalogue(db: Db, user: CurrentUser): Promise<Category[]> {
  requireCatalogueKeeper(user);
  return listCategories(db, { includeMerged: true });
}

/** A category by id; a merged id resolves to the category it was merged into. @throws ForbiddenError, NotFoundError */
export async function getCategory(db: Db, user: CurrentUser, id: number): Promise<Category> {
  requireCatalogueKeeper(user);
  const survivor = await resolveCategoryId(db, id);
  const category = survivor === undefined ? undefined : await findCategoryById(db, survivor);
  if (!category) throw new NotFoundError(`category ${id}`);
  return category;
}

/** What the category form offers: the active teams to own it and the categories to merge into. */
export interface CategoryFormOptions {
  teams: Team[];
  categories: Category[];
}

async function formOptions(db: Db): Promise<CategoryFormOptions> {
  return { teams: await listTeams(db, { activeOnly: true }), categories: await listCategories(db) };
}

/**
 * The form for a new category, started from a problem mention when one is given and exists.
 * @throws ForbiddenError
 */
export async function getNewCategoryPage(db: Db, user: CurrentUser, fromMentionId?: number): Promise<CategoryFormOptions & { mention: MentionSource | undefined }> {
  requireCatalogueKeeper(user);
  const mention = fromMentionId === undefined ? undefined : await findMentionSource(db, fromMentionId);
  return { mention, ...(await formOptions(db)) };
}

/**
 * The edit form of a category. A merged id keeps working: `survivorId` names the category it
 * was merged into, which the page leads to.
 * @throws ForbiddenError, NotFoundError
 */
export async function getCategoryEditPage(db: Db, user: CurrentUser, id: number): Promise<CategoryFormOptions & { category: Category; survivorId?: number }> {
  requireCatalogueKeeper(user);
  const category = await findCategoryOrThrow(db, id);
  const survivorId = category.mergedIntoId === null ? undefined : await resolveCategoryId(db, id);
  return { category, ...(survivorId === undefined ? {} : { survivorId }), ...(await formOptions(db)) };
}

/**
 * Adds a category. Started from a problem mention (`fromMention`), the mention is coded to the
 * new category in the same transaction; a mention that no longer exists is ignored.
 * Returns the category and the mention it was coded to, if any.
 * @throws ForbiddenError, ValidationError (unknown team)
 */
export async function addCategory(
  db: Db,
  user: CurrentUser,
  values: CategoryValues,
  now: Date,
  fromMention?: { mentionId: number; codeMention: MentionCoder },
): Promise<{ category: Category; codedMention: MentionSource | undefined; codedCount: number }> {
  requireCatalogueKeeper(user);
  return db.transaction().execute(async (trx) => {
    await checkTeam(trx, values.teamId);
    await checkCategoryNamesFree(trx, values.names);
    const id = await insertCategory(trx, values, now);
    const mention = fromMention && (await findMentionSource(trx, fromMention.mentionId));
    const codedCount = fromMention && mention ? await fromMention.codeMention(trx, user, mention.id, id, now) : 0;
    return { category: await findCategoryOrThrow(trx, id), codedMention: mention, codedCount };
  });
}

/** addCategory for callers that keep only the new id. @throws ForbiddenError, ValidationError (unknown team) */
export async function createCategory(db: Db, user: CurrentUser, values: CategoryValues, now: Date): Promise<number> {
  return (await addCategory(db, user, values, now)).category.id;
}

/**
 * Renames, re-keywords, re-owns, retires or reactivates a category. Its id never changes, so
 * earlier campaigns keep pointing at it. A merged category cannot be edited.
 * @throws ForbiddenError, NotFoundError, ValidationError
 */
export async function editCategory(db: Db, user: CurrentUser, id: number, values: CategoryValues & { isActive: boolean }, now: Date): Promise<void> {
  requireCatalogueKeeper(user);
  const category = await findCategoryOrThrow(db, id);
  if (category.mergedIntoId !== null) throw new ValidationError('catalogue.errors.mergedNoEdit', { [nameField(DEFAULT_LANGUAGE)]: ['catalogue.errors.mergedNoEdit'] });
  await checkTeam(db, values.teamId);
  // The name check and the names it allows in one transaction (the routing page edits inside its own).
  const edit = async (trx: Db) => {
    await checkCategoryNamesFree(trx, values.names, id);
    await updateCategory(trx, id, values, now);
  };
  await (db.isTransaction ? edit(db) : db.transaction().execute(edit));
}

/**
 * Merges category `fromId` into `intoId`: every problem mention and problem-rating answer of the
 * merged category moves to the survivor, categories merged earlier into it now point at the
 * survivor, it keeps resolving to the survivor through merged_into_id, and the hooks (tickets)
 * run in the same transaction. A response that rated both keeps its rating of the survivor.
 * @throws ForbiddenError, NotFoundError, ValidationError (same category, or one already merged)
 */
export async function mergeCategories(
  db: Db,
  user: CurrentUser,
  fromId: number,
  intoId: number,
  now: Date,
  hooks: readonly CategoryMergeHook[] = [],
): Promise<{ from: Category; into: Category }> {
  requireCatalogueKeeper(user);
  if (fromId === intoId) throw new ValidationError('catalogue.errors.mergeSame', { intoId: ['catalogue.errors.mergeSame'] });
  const [from, into] = await Promise.all([findCategoryById(db, fromId), findCategoryById(db, intoId)]);
  if (!from) throw new NotFoundError(`category ${fromId}`);
  if (!into || into.mergedIntoId !== null) throw new ValidationError('catalogue.errors.mergeIntoMerged', { intoId: ['catalogue.errors.mergeIntoMerged'] });
  if (from.mergedIntoId !== null) throw new ValidationError('catalogue.errors.alreadyMerged', { intoId: ['catalogue.errors.alreadyMerged'] });
  await db.transaction().execute(async (trx) => {
    await moveMentionsToCategory(trx, fromId, intoId);
    await moveProblemRatingsToCategory(trx, fromId, intoId);
    await updateCategoryMerged(trx, fromId, intoId, now);
    for (const hook of hooks) await hook(trx, { fromId, intoId });
  });
  return { from, into };
}
