import type { Insertable, Selectable } from 'kysely';
import { isPostgres, type Db } from '../db/database';
import type { CodingEventTable } from '../db/schema-analysis';
import type { AnalysisFilter } from './analysis';
import { responseIdsMatching } from './analysis.repository';
import { categoryNameSql } from '../catalogue/catalogue.repository';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';
import { refreshRankingTotalsOfMentions } from '../db/ranking-totals.repository';

export interface CampaignMention {
  id: number;
  campaignId: number;
  responseId: number;
  text: string;
  language: string;
  rank: number;
  categoryId: number | null;
  customerId: number;
  customer: string;
}

/** How many of the campaign's submitted mentions are still uncoded (in no category of the ranked list yet). */
export async function countUncodedMentions(db: Db, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('problem_mention as pm')
    .where('pm.campaign_id', '=', campaignId)
    .where('pm.response_id', 'in', responseIdsMatching(db, campaignId, {}))
    .where('pm.category_id', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The mentions of a campaign's filtered submitted responses, coded or uncoded, oldest first. */
export async function listCampaignMentions(
  db: Db,
  campaignId: number,
  filter: AnalysisFilter,
  options: { coded: boolean; limit?: number },
): Promise<CampaignMention[]> {
  let q = db
    .selectFrom('problem_mention as pm')
    .innerJoin('response', 'response.id', 'pm.response_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .where('pm.campaign_id', '=', campaignId)
    .where('pm.response_id', 'in', responseIdsMatching(db, campaignId, filter))
    .where('pm.category_id', options.coded ? 'is not' : 'is', null)
    .select([
      'pm.id',
      'pm.campaign_id as campaignId',
      'pm.response_id as responseId',
      'pm.text',
      'pm.language',
      'pm.rank',
      'pm.category_id as categoryId',
      'customer.id as customerId',
      'customer.name as customer',
    ])
    .orderBy('pm.id');
  if (options.limit) q = q.limit(options.limit);
  return q.execute();
}

/** Every mention (coded or not) of a campaign's filtered submitted responses: what a wave said. */
export async function listCampaignMentionTexts(db: Db, campaignId: number, filter: AnalysisFilter, limit: number): Promise<{ id: number; text: string; language: string }[]> {
  return db
    .selectFrom('problem_mention')
    .select(['id', 'text', 'language'])
    .where('campaign_id', '=', campaignId)
    .where('response_id', 'in', responseIdsMatching(db, campaignId, filter))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * The version of what the suggester learns from; triggers move it on every catalogue change and
 * every coding (migration 0022_coding). The first read on a database creates its row (a write
 * committed before that is in the data read after it; only one still open on PostgreSQL at that
 * moment, whose trigger found no row yet, is not counted until the next change).
 */
export async function findSuggesterVersion(db: Db): Promise<number> {
  const read = () => db.selectFrom('coding_version').select('version').where('name', '=', 'suggester').executeTakeFirst();
  let row = await read();
  if (!row) {
    await db.insertInto('coding_version').values({ name: 'suggester', version: 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();
    row = await read();
  }
  return Number(row?.version ?? 1);
}

/** The most recently coded mentions of every campaign, newest first: what the suggester learns from. */
export async function listRecentlyCodedMentions(db: Db, limit: number): Promise<{ text: string; language: string; categoryId: number }[]> {
  const rows = await db
    .selectFrom('problem_mention')
    .select(['text', 'language', 'category_id'])
    .where('category_id', 'is not', null)
    .orderBy('coded_at', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ text: r.text, language: r.language, categoryId: r.category_id! }));
}

export async function listMentionsByIds(db: Db, ids: number[]): Promise<MentionCoding[]> {
  return mentionsByIds(db, ids).execute();
}

/**
 * The mentions of submitted responses (a draft's are not coded yet), their rows locked until the
 * transaction ends, for a coding that must see their category as it is at the commit: on
 * PostgreSQL a concurrent coding waits here, and this one then reads what that one committed.
 * SQLite's BEGIN IMMEDIATE already holds the one write lock.
 */
export async function lockSubmittedMentionsByIds(trx: Db, ids: number[]): Promise<MentionCoding[]> {
  const query = mentionsByIds(trx, ids).innerJoin('response', 'response.id', 'problem_mention.response_id').where('response.status', '=', 'submitted');
  return (isPostgres(trx) ? query.forUpdate('problem_mention') : query).execute();
}

interface MentionCoding {
  id: number;
  responseId: number;
  campaignId: number;
  categoryId: number | null;
}

function mentionsByIds(db: Db, ids: number[]) {
  return db
    .selectFrom('problem_mention')
    .select(['problem_mention.id', 'problem_mention.response_id as responseId', 'problem_mention.campaign_id as campaignId', 'problem_mention.category_id as categoryId'])
    .where('problem_mention.id', 'in', ids);
}

export async function updateMentionsCategory(db: Db, ids: number[], coding: { categoryId: number; codedBy: number; codedAt: string }): Promise<void> {
  await db
    .updateTable('problem_mention')
    .set({ category_id: coding.categoryId, coded_by: coding.codedBy, coded_at: coding.codedAt })
    .where('id', 'in', ids)
    .execute();
  await refreshRankingTotalsOfMentions(db, ids);
}

/**
 * Puts a mention back to an earlier coding, but only while it still has the category the undone
 * event gave it (a later change is never overwritten).
 */
export async function restoreMentionCoding(
  db: Db,
  id: number,
  expectedCategoryId: number | null,
  coding: { categoryId: number | null; codedBy: number | null; codedAt: string | null },
): Promise<void> {
  await db
    .updateTable('problem_mention')
    .set({ category_id: coding.categoryId, coded_by: coding.codedBy, coded_at: coding.codedAt })
    .where('id', '=', id)
    .where('category_id', '=', expectedCategoryId)
    .execute();
  await refreshRankingTotalsOfMentions(db, [id]);
}

export type CodingEvent = {
  id: number;
  batchId: string;
  mentionId: number;
  campaignId: number;
  fromCategoryId: number | null;
  toCategoryId: number | null;
  userId: number | null;
  at: string;
  undoneAt: string | null;
  undoneBy: number | null;
};

function toCodingEvent(row: Selectable<CodingEventTable>): CodingEvent {
  return {
    id: row.id,
    batchId: row.batch_id,
    mentionId: row.mention_id,
    campaignId: row.campaign_id,
    fromCategoryId: row.from_category_id,
    toCategoryId: row.to_category_id,
    userId: row.user_id,
    at: row.at,
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
  };
}

export async function insertCodingEvents(db: Db, events: Omit<CodingEvent, 'id' | 'undoneAt' | 'undoneBy'>[]): Promise<void> {
  if (!events.length) return;
  const rows: Insertable<CodingEventTable>[] = events.map((e) => ({
    batch_id: e.batchId,
    mention_id: e.mentionId,
    campaign_id: e.campaignId,
    from_category_id: e.fromCategoryId,
    to_category_id: e.toCategoryId,
    user_id: e.userId,
    at: e.at,
  }));
  await db.insertInto('coding_event').values(rows).execute();
}

export async function listCodingBatch(db: Db, batchId: string): Promise<CodingEvent[]> {
  return (await db.selectFrom('coding_event').selectAll().where('batch_id', '=', batchId).orderBy('id').execute()).map(toCodingEvent);
}

/** Whether the mention was coded again, and not undone, after this event. */
export async function hasLaterCoding(db: Db, mentionId: number, eventId: number): Promise<boolean> {
  const row = await db
    .selectFrom('coding_event')
    .select('id')
    .where('mention_id', '=', mentionId)
    .where('id', '>', eventId)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Who coded the mention last before this event, and when (undone events do not count). */
export async function findPreviousCoding(db: Db, mentionId: number, eventId: number): Promise<{ userId: number | null; at: string } | undefined> {
  return db
    .selectFrom('coding_event')
    .select(['user_id as userId', 'at'])
    .where('mention_id', '=', mentionId)
    .where('id', '<', eventId)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function updateCodingBatchUndone(db: Db, batchId: string, undoneBy: number, undoneAt: string): Promise<void> {
  await db.updateTable('coding_event').set({ undone_at: undoneAt, undone_by: undoneBy }).where('batch_id', '=', batchId).execute();
}

export interface CodingBatch {
  batchId: string;
  userName: string | null;
  category: string | null;
  at: string | null;
  undoneAt: string | null;
  count: number;
}

/** The latest coding batches of a campaign: who, when, how many, to which category, undone or not. */
export async function listRecentCodingBatches(db: Db, campaignId: number, limit: number, lang: Language = DEFAULT_LANGUAGE): Promise<CodingBatch[]> {
  const rows = await db
    .selectFrom('coding_event as ce')
    .leftJoin('user', 'user.id', 'ce.user_id')
    .where('ce.campaign_id', '=', campaignId)
    .groupBy(['ce.batch_id', 'user.name', 'ce.to_category_id'])
    .select((eb) => [
      'ce.batch_id as batchId',
      'user.name as userName',
      categoryNameSql('ce.to_category_id', lang).as('category'),
      eb.fn.max('ce.at').as('at'),
      eb.fn.max('ce.undone_at').as('undoneAt'),
      eb.fn.countAll<number>().as('count'),
    ])
    .orderBy('at', 'desc')
    .orderBy('ce.batch_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
