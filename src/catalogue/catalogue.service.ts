import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { canManageSurveys } from '../auth/user.policy';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { findCategoryById, insertCategory, teamExists, updateCategory, type CategoryValues } from './catalogue.repository';

function requireManager(user: CurrentUser) {
  if (!canManageSurveys(user)) throw new ForbiddenError('the catalogue is kept by quality managers');
}

async function checkTeam(db: Db, teamId: number | null) {
  if (teamId !== null && !(await teamExists(db, teamId))) {
    throw new ValidationError('unknown team', { teamId: ['Choose one of the teams'] });
  }
}

/** Adds a category. @throws ForbiddenError, ValidationError (unknown team) */
export async function createCategory(db: Db, user: CurrentUser, values: CategoryValues, now: Date): Promise<number> {
  requireManager(user);
  await checkTeam(db, values.teamId);
  return insertCategory(db, values, now);
}

/**
 * Renames, re-keywords, re-owns, retires or reactivates a category. Its id never changes, so
 * earlier campaigns keep pointing at it. A merged category cannot be edited.
 * @throws ForbiddenError, NotFoundError, ValidationError
 */
export async function editCategory(db: Db, user: CurrentUser, id: number, values: CategoryValues & { isActive: boolean }, now: Date) {
  requireManager(user);
  const category = await findCategoryById(db, id);
  if (!category) throw new NotFoundError(`category ${id}`);
  if (category.mergedIntoId !== null) throw new ValidationError('merged', { nameEn: ['This category was merged and can no longer be edited'] });
  await checkTeam(db, values.teamId);
  await updateCategory(db, id, values, now);
}

/**
 * Merges category `fromId` into `intoId`: every problem mention, problem-rating answer and
 * ticket of the merged category moves to the survivor, categories merged earlier into it
 * now point at the survivor, and it keeps resolving to the survivor through merged_into_id.
 * A response that rated both keeps its rating of the survivor (one rating per response and item).
 * @throws ForbiddenError, NotFoundError, ValidationError (same category, or one already merged)
 */
export async function mergeCategories(db: Db, user: CurrentUser, fromId: number, intoId: number, now: Date) {
  requireManager(user);
  if (fromId === intoId) throw new ValidationError('same', { intoId: ['Choose a different category to merge into'] });
  const [from, into] = await Promise.all([findCategoryById(db, fromId), findCategoryById(db, intoId)]);
  if (!from) throw new NotFoundError(`category ${fromId}`);
  if (!into || into.mergedIntoId !== null) throw new ValidationError('into', { intoId: ['Choose a category that has not been merged'] });
  if (from.mergedIntoId !== null) throw new ValidationError('from', { intoId: ['This category was already merged'] });
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('problem_mention').set({ category_id: intoId }).where('category_id', '=', fromId).execute();
    await trx
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
    await trx.updateTable('problem_rating_answer').set({ category_id: intoId }).where('category_id', '=', fromId).execute();
    // One ticket per campaign and category: where the survivor already has a ticket in that
    // campaign, the merged category's ticket stays on the merged id (which resolves to the survivor).
    await trx
      .updateTable('ticket')
      .set({ category_id: intoId })
      .where('category_id', '=', fromId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('ticket as t2').select('t2.id').whereRef('t2.campaign_id', '=', 'ticket.campaign_id').where('t2.category_id', '=', intoId))),
      )
      .execute();
    await trx.updateTable('problem_category').set({ merged_into_id: intoId, updated_at: stamp }).where('merged_into_id', '=', fromId).execute();
    await trx.updateTable('problem_category').set({ merged_into_id: intoId, is_active: 0, updated_at: stamp }).where('id', '=', fromId).execute();
  });
  return { from, into };
}

