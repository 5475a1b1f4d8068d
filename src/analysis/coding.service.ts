import crypto from 'node:crypto';
import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { listCategories, resolveCategoryId } from '../catalogue/catalogue.repository';
import { buildSuggester, type Lang, type Suggester } from './suggest';
import { LANGS } from './text-normalize';
import { canCodeMentions, canViewAnalysis, scopeFilter } from './analysis.policy';
import { responseIdsMatching } from './analysis.repository';

/** How many coded mentions (newest first) the suggester learns from. */
const LEARN_LIMIT = 5000;
const SUGGESTIONS = 3;

export interface MentionForCoding {
  id: number;
  campaignId: number;
  responseId: number;
  text: string;
  language: string;
  rank: number;
  categoryId: number | null;
  customerId: number;
  customer: string;
  suggestions: { categoryId: number; score: number; name: string }[];
}

const asLang = (l: string): Lang => ((LANGS as readonly string[]).includes(l) ? (l as Lang) : 'en');

/** A suggester learned from the active catalogue and the most recent coded mentions. */
export async function buildCatalogueSuggester(db: Db): Promise<{ suggester: Suggester; names: Map<number, string> }> {
  const categories = await listCategories(db, { activeOnly: true });
  const coded = await db
    .selectFrom('problem_mention')
    .select(['text', 'language', 'category_id'])
    .where('category_id', 'is not', null)
    .orderBy('coded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(LEARN_LIMIT)
    .execute();
  const suggester = buildSuggester({
    categories: categories.map((c) => ({ id: c.id, names: c.names, keywords: c.keywords, description: c.description })),
    coded: coded.map((m) => ({ text: m.text, language: asLang(m.language), categoryId: m.category_id! })),
  });
  return { suggester, names: new Map(categories.map((c) => [c.id, c.names.en])) };
}

/**
 * The mentions of a campaign, uncoded (default) or coded, each with the best-matching
 * categories. A KAM sees only their own accounts' mentions; members none.
 * @throws ForbiddenError, NotFoundError
 */
export async function listMentionsForCoding(
  db: Db,
  user: CurrentUser,
  campaignId: number,
  options: { coded?: boolean; limit?: number } = {},
): Promise<MentionForCoding[]> {
  if (!canViewAnalysis(user)) throw new ForbiddenError('not allowed');
  const campaign = await db.selectFrom('campaign').select('id').where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  let q = db
    .selectFrom('problem_mention as pm')
    .innerJoin('response', 'response.id', 'pm.response_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .where('pm.campaign_id', '=', campaignId)
    .where('pm.response_id', 'in', responseIdsMatching(db, campaignId, scopeFilter(user, {})))
    .select(['pm.id', 'pm.campaign_id', 'pm.response_id', 'pm.text', 'pm.language', 'pm.rank', 'pm.category_id', 'customer.id as customerId', 'customer.name as customer'])
    .orderBy('pm.id');
  q = options.coded === true ? q.where('pm.category_id', 'is not', null) : q.where('pm.category_id', 'is', null);
  if (options.limit) q = q.limit(options.limit);
  const rows = await q.execute();
  const { suggester, names } = await buildCatalogueSuggester(db);
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    responseId: r.response_id,
    text: r.text,
    language: r.language,
    rank: r.rank,
    categoryId: r.category_id,
    customerId: r.customerId,
    customer: r.customer,
    suggestions: suggester.suggest(r.text, asLang(r.language), SUGGESTIONS).map((s) => ({ ...s, name: names.get(s.categoryId) ?? '' })),
  }));
}

/**
 * Codes mentions to a category as one undoable batch and records who did it and when.
 * A merged category id codes to its survivor; a retired or unknown one is refused.
 * @throws ForbiddenError, NotFoundError (a mention outside the campaign), ValidationError
 */
export async function codeMentions(
  db: Db,
  user: CurrentUser,
  mentionIds: number[],
  categoryId: number,
  now: Date,
  campaignId?: number,
): Promise<{ batchId: string; count: number; categoryId: number }> {
  if (!canCodeMentions(user)) throw new ForbiddenError('coding is done by quality managers');
  const ids = [...new Set(mentionIds)];
  if (!ids.length) throw new ValidationError('none', { mentionIds: ['Select at least one mention'] });
  const target = await resolveCategoryId(db, categoryId);
  const category = target && (await db.selectFrom('problem_category').select(['id', 'is_active']).where('id', '=', target).executeTakeFirst());
  if (!category) throw new ValidationError('unknown category', { categoryId: ['Choose a category from the catalogue'] });
  if (category.is_active !== 1) throw new ValidationError('retired category', { categoryId: ['This category is retired; choose an active one'] });
  const batchId = crypto.randomUUID();
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const mentions = await trx.selectFrom('problem_mention').select(['id', 'campaign_id', 'category_id']).where('id', 'in', ids).execute();
    if (mentions.length !== ids.length || (campaignId !== undefined && mentions.some((m) => m.campaign_id !== campaignId))) {
      throw new NotFoundError('mention');
    }
    await trx
      .insertInto('coding_event')
      .values(
        mentions.map((m) => ({
          batch_id: batchId,
          mention_id: m.id,
          campaign_id: m.campaign_id,
          from_category_id: m.category_id,
          to_category_id: category.id,
          user_id: user.id,
          at: stamp,
        })),
      )
      .execute();
    await trx.updateTable('problem_mention').set({ category_id: category.id, coded_by: user.id, coded_at: stamp }).where('id', 'in', ids).execute();
  });
  return { batchId, count: ids.length, categoryId: category.id };
}

/**
 * Undoes a coding batch: each mention goes back to its previous category unless it was
 * coded again since (a later change is never overwritten). Recorded as undone by the user.
 * @throws ForbiddenError, NotFoundError, ValidationError (already undone)
 */
export async function undoCoding(
  db: Db,
  user: CurrentUser,
  batchId: string,
  now: Date,
  campaignId?: number,
): Promise<{ restored: number; campaignId: number }> {
  if (!canCodeMentions(user)) throw new ForbiddenError('coding is done by quality managers');
  return db.transaction().execute(async (trx) => {
    const events = await trx.selectFrom('coding_event').selectAll().where('batch_id', '=', batchId).execute();
    if (!events.length || (campaignId !== undefined && events[0]!.campaign_id !== campaignId)) throw new NotFoundError(`coding ${batchId}`);
    if (events.some((e) => e.undone_at !== null)) throw new ValidationError('already undone', { batchId: ['This coding was already undone'] });
    let restored = 0;
    for (const e of events) {
      const later = await trx
        .selectFrom('coding_event')
        .select('id')
        .where('mention_id', '=', e.mention_id)
        .where('id', '>', e.id)
        .where('undone_at', 'is', null)
        .executeTakeFirst();
      if (later) continue;
      const previous = e.from_category_id === null
        ? undefined
        : await trx
            .selectFrom('coding_event')
            .select(['user_id', 'at'])
            .where('mention_id', '=', e.mention_id)
            .where('id', '<', e.id)
            .where('undone_at', 'is', null)
            .orderBy('id', 'desc')
            .executeTakeFirst();
      await trx
        .updateTable('problem_mention')
        .set({
          category_id: e.from_category_id,
          coded_by: e.from_category_id === null ? null : (previous?.user_id ?? null),
          coded_at: e.from_category_id === null ? null : (previous?.at ?? null),
        })
        .where('id', '=', e.mention_id)
        .where('category_id', '=', e.to_category_id)
        .execute();
      restored++;
    }
    await trx.updateTable('coding_event').set({ undone_at: now.toISOString(), undone_by: user.id }).where('batch_id', '=', batchId).execute();
    return { restored, campaignId: events[0]!.campaign_id };
  });
}

/** The latest coding batches of a campaign: who, when, how many, to which category, undone or not. */
export async function listRecentCodings(db: Db, campaignId: number, limit = 10) {
  const rows = await db
    .selectFrom('coding_event as ce')
    .leftJoin('user', 'user.id', 'ce.user_id')
    .leftJoin('problem_category as pc', 'pc.id', 'ce.to_category_id')
    .where('ce.campaign_id', '=', campaignId)
    .groupBy(['ce.batch_id', 'user.name', 'pc.name_en'])
    .select((eb) => [
      'ce.batch_id as batchId',
      'user.name as userName',
      'pc.name_en as category',
      eb.fn.max('ce.at').as('at'),
      eb.fn.max('ce.undone_at').as('undoneAt'),
      eb.fn.countAll<number>().as('count'),
    ])
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
