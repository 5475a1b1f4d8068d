import { sql } from 'kysely';
import type { Db } from '../db/database';
import { listUsersByRoleOrId } from '../accounts/user.repository';
import { NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN, type AnalysisFilter } from './analysis';
import { categoryNameSql } from '../catalogue/catalogue.repository';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';

export interface AnalysisCampaign {
  id: number;
  name: string;
  template: string;
  status: string;
  launchedAt: string | null;
  definition: string | null;
}

export async function findAnalysisCampaign(db: Db, id: number): Promise<AnalysisCampaign | undefined> {
  const row = await db
    .selectFrom('campaign')
    .select(['id', 'name', 'template', 'status', 'launched_at', 'definition'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, template: row.template, status: row.status, launchedAt: row.launched_at, definition: row.definition };
}

/** Launched campaigns, newest first, with their submitted response counts. */
/** Campaigns with a snapshot, newest first, with their submitted responses counted (of the KAM's accounts only when given). */
export async function listLaunchedCampaigns(db: Db, kamUserId: number | null) {
  const rows = await db
    .selectFrom('campaign')
    .leftJoin('response', (j) =>
      j
        .onRef('response.campaign_id', '=', 'campaign.id')
        .on('response.status', '=', 'submitted')
        .$call((on) => (kamUserId === null ? on : on.on('response.customer_id', 'in', (eb) => eb.selectFrom('customer').select('customer.id').where('customer.kam_user_id', '=', kamUserId)))),
    )
    .where('campaign.definition', 'is not', null)
    .groupBy(['campaign.id', 'campaign.name', 'campaign.template', 'campaign.status', 'campaign.launched_at'])
    .select((eb) => [
      'campaign.id',
      'campaign.name',
      'campaign.template',
      'campaign.status',
      'campaign.launched_at',
      eb.fn.count<number>('response.id').as('submitted'),
    ])
    .orderBy('campaign.launched_at', (ob) => ob.desc().nullsLast())
    .orderBy('campaign.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, template: r.template, status: r.status, launchedAt: r.launched_at, submitted: Number(r.submitted) }));
}

/** The campaign of the same template launched most recently before this one. */
export async function findPreviousCampaign(db: Db, campaign: AnalysisCampaign): Promise<AnalysisCampaign | undefined> {
  if (!campaign.launchedAt) return undefined;
  const row = await db
    .selectFrom('campaign')
    .select('id')
    .where('template', '=', campaign.template)
    .where('id', '!=', campaign.id)
    .where('definition', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('launched_at', '<', campaign.launchedAt!),
        eb.and([eb('launched_at', '=', campaign.launchedAt!), eb('id', '<', campaign.id)]),
      ]),
    )
    .orderBy('launched_at', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? findAnalysisCampaign(db, row.id) : undefined;
}

/** Ids of customers matching the filter (a subquery), or undefined when nothing narrows. */
export function customersMatching(db: Db, f: AnalysisFilter) {
  if (!f.segment && !f.region && !f.kamUserId && !f.relationship && !f.customerId) return undefined;
  let q = db.selectFrom('customer').select('customer.id');
  if (f.segment) q = q.where('customer.segment', 'in', f.segment.length ? f.segment : ['\u0000']);
  if (f.region) q = q.where('customer.region', 'in', f.region.length ? f.region : ['\u0000']);
  if (f.relationship) q = q.where('customer.relationship', 'in', f.relationship.length ? f.relationship : ['\u0000']);
  if (f.kamUserId) q = q.where('customer.kam_user_id', 'in', f.kamUserId.length ? f.kamUserId : [-1]);
  if (f.customerId) q = q.where('customer.id', 'in', f.customerId.length ? f.customerId : [-1]);
  return q;
}

/** Submitted response ids of a campaign for the filter (a subquery). */
export function responseIdsMatching(db: Db, campaignId: number, filter: AnalysisFilter) {
  let q = db
    .selectFrom('response')
    .select('response.id')
    .where('response.campaign_id', '=', campaignId)
    .where('response.status', '=', 'submitted');
  const customers = customersMatching(db, filter);
  if (customers) q = q.where('response.customer_id', 'in', customers);
  return q;
}

/**
 * The mentions of one category in the filtered submitted responses, joined to their response
 * (`r`) and customer. `questionIds`, when given, are the campaign's problem-list questions, the
 * only ones that have mentions.
 */
function mentionsOfCategory(db: Db, campaignId: number, questionIds: string[] | undefined, categoryId: number, filter: AnalysisFilter) {
  let q = db
    .selectFrom('problem_mention as pm')
    .innerJoin('response as r', 'r.id', 'pm.response_id')
    .innerJoin('customer', 'customer.id', 'r.customer_id')
    .where('pm.campaign_id', '=', campaignId)
    .where('pm.category_id', '=', categoryId)
    .where('r.campaign_id', '=', campaignId)
    .where('r.status', '=', 'submitted');
  if (questionIds) q = q.where('pm.question_id', 'in', questionIds);
  // The `+` keeps the planner reading mentions in (rank, id) order from
  // problem_mention_verbatim_idx, instead of every response of the matching customers.
  const customers = customersMatching(db, filter);
  if (customers) q = q.where(sql<number>`+r.customer_id`, 'in', customers);
  return q;
}

export interface Verbatim {
  id: number;
  text: string;
  language: string;
  rank: number;
  customerId: number;
  customer: string;
}

/** Verbatims of one category (best ranks first, then oldest), escaped by the views. */
export async function listVerbatims(db: Db, campaignId: number, categoryId: number, filter: AnalysisFilter, limit: number): Promise<Verbatim[]> {
  return (await listVerbatimsByCategory(db, campaignId, undefined, [categoryId], filter, limit)).get(categoryId) ?? [];
}

/**
 * Verbatims of each category (best ranks first, then oldest), at most `limit` per category;
 * escaped by the views. One query per category, read in (rank, id) order from
 * problem_mention_verbatim_idx, so it stops at the limit however many mentions there are.
 */
export async function listVerbatimsByCategory(
  db: Db,
  campaignId: number,
  questionIds: string[] | undefined,
  categoryIds: number[],
  filter: AnalysisFilter,
  limit: number,
): Promise<Map<number, Verbatim[]>> {
  const byCategory = new Map<number, Verbatim[]>(categoryIds.map((id) => [id, []]));
  if (!categoryIds.length || questionIds?.length === 0) return byCategory;
  for (const categoryId of categoryIds) {
    const rows = await mentionsOfCategory(db, campaignId, questionIds, categoryId, filter)
      .select(['pm.id', 'pm.text', 'pm.language', 'pm.rank', 'customer.id as customerId', 'customer.name as customer'])
      .orderBy('pm.rank')
      .orderBy('pm.id')
      .limit(limit)
      .execute();
    byCategory.set(categoryId, rows);
  }
  return byCategory;
}

export interface AffectedAccount {
  customerId: number;
  customer: string;
  contacts: { name: string | null; email: string }[];
}

/**
 * Accounts that mention each category, with the contacts who did: the first `limit` contacts
 * per category by customer name, then email. Each account has at least one contact, so only the
 * first `limit` customer names of a category can appear: those customers are found first, in
 * name order from the customers (stopping at the limit), then their contacts, one name at a time
 * until the limit is reached.
 */
export async function listAffectedAccountsByCategory(
  db: Db,
  campaignId: number,
  questionIds: string[],
  categoryIds: number[],
  filter: AnalysisFilter,
  limit: number,
): Promise<Map<number, AffectedAccount[]>> {
  const byCategory = new Map<number, AffectedAccount[]>(categoryIds.map((id) => [id, []]));
  if (!categoryIds.length || !questionIds.length) return byCategory;
  // A customer mentions the category when its running totals say so (migration 0037): one
  // primary-key lookup per customer read in name order.
  const mentioned = (categoryId: number) =>
    db
      .selectFrom('ranking_totals as t')
      .select('t.customer_id')
      .where(sql<boolean>`t.customer_id = c.id`)
      .where('t.campaign_id', '=', campaignId)
      .where('t.question_id', 'in', questionIds)
      .where('t.category_id', '=', categoryId)
      .where('t.respondents', '>', 0);
  const customerRows = (categoryId: number) => {
    let q = db
      .selectFrom('customer as c')
      .select(['c.id', 'c.name'])
      .where((eb) => eb.exists(mentioned(categoryId)));
    const customers = customersMatching(db, filter);
    if (customers) q = q.where('c.id', 'in', customers);
    return q;
  };
  for (const categoryId of categoryIds) {
    const first = await customerRows(categoryId).orderBy('c.name').limit(limit).execute();
    if (!first.length) continue;
    // Customers sharing the last name shown rank together (as a dense rank by name would).
    const lastName = first[first.length - 1]!.name;
    const tied = first.length < limit ? [] : await customerRows(categoryId).where('c.name', '=', lastName).where('c.id', 'not in', first.map((c) => c.id)).execute();
    const names: { name: string; ids: number[] }[] = [];
    for (const c of [...first, ...tied]) {
      const group = names.find((n) => n.name === c.name);
      if (group) group.ids.push(c.id);
      else names.push({ name: c.name, ids: [c.id] });
    }
    const accounts = new Map<number, AffectedAccount>();
    let shown = 0;
    for (const group of names) {
      if (shown >= limit) break;
      const contacts = await db
        .selectFrom('response as r')
        .innerJoin('contact', 'contact.id', 'r.contact_id')
        .innerJoin('customer', 'customer.id', 'r.customer_id')
        .where('r.customer_id', 'in', group.ids)
        .where('r.campaign_id', '=', campaignId)
        .where('r.status', '=', 'submitted')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('problem_mention as pm')
              .select('pm.id')
              .whereRef('pm.response_id', '=', 'r.id')
              .where('pm.campaign_id', '=', campaignId)
              .where('pm.category_id', '=', categoryId)
              .where('pm.question_id', 'in', questionIds),
          ),
        )
        .select(['customer.id as customerId', 'customer.name as customer', 'contact.id as contactId', 'contact.name as contactName', 'contact.email as contactEmail'])
        .distinct()
        .orderBy('contact.email')
        .limit(limit - shown)
        .execute();
      for (const r of contacts) {
        const a = accounts.get(r.customerId) ?? { customerId: r.customerId, customer: r.customer, contacts: [] };
        a.contacts.push({ name: r.contactName, email: r.contactEmail });
        accounts.set(r.customerId, a);
      }
      shown += contacts.length;
    }
    byCategory.set(categoryId, [...accounts.values()]);
  }
  return byCategory;
}

/**
 * Distinct values the filters offer, of the accounts of `kamUserId` when given (a KAM sees no
 * other account's segment or region); the KAMs are every user with that role or with an account.
 */
export async function listFilterOptions(db: Db, kamUserId: number | null = null) {
  const distinct = async (column: 'segment' | 'region' | 'relationship') => {
    let q = db.selectFrom('customer').select(`customer.${column} as v`).distinct().where(`customer.${column}`, 'is not', null);
    if (kamUserId !== null) q = q.where('customer.kam_user_id', '=', kamUserId);
    return (await q.orderBy('v').execute()).map((r) => r.v as string);
  };
  const kamIds = await db.selectFrom('customer').select('kam_user_id').distinct().where('kam_user_id', 'is not', null).execute();
  const kams = await listUsersByRoleOrId(db, 'kam', kamIds.map((r) => r.kam_user_id!));
  return { segments: await distinct('segment'), regions: await distinct('region'), relationships: await distinct('relationship'), kams };
}

export async function findCustomer(db: Db, id: number) {
  const row = await db.selectFrom('customer').select(['id', 'name', 'kam_user_id', 'segment', 'region']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, kamUserId: row.kam_user_id, segment: row.segment, region: row.region };
}

export interface AccountResponse {
  id: number;
  submittedAt: string | null;
  language: string;
  contact: string;
  email: string;
  values: { questionId: string; value: number | null; choice: string | null; text: string | null }[];
  mentions: { rank: number; text: string; language: string; category: string | null }[];
}

/** One account's submitted responses in a campaign with every answer row. */
export async function listAccountAnswers(db: Db, campaignId: number, customerId: number, lang: Language = DEFAULT_LANGUAGE): Promise<AccountResponse[]> {
  const responses = await db
    .selectFrom('response')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .select(['response.id', 'response.submitted_at', 'response.language', 'contact.name', 'contact.email'])
    .where('response.campaign_id', '=', campaignId)
    .where('response.customer_id', '=', customerId)
    .where('response.status', '=', 'submitted')
    .orderBy('response.id')
    .execute();
  const ids = responses.map((r) => r.id);
  if (!ids.length) return [];
  const values = await db
    .selectFrom('answer_value')
    .select(['response_id as responseId', 'question_id as questionId', 'value', 'choice', 'text'])
    .where('response_id', 'in', ids)
    .orderBy('id')
    .execute();
  const mentions = await db
    .selectFrom('problem_mention as pm')
    .select(['pm.response_id as responseId', 'pm.rank', 'pm.text', 'pm.language', categoryNameSql('pm.category_id', lang).as('category')])
    .where('pm.response_id', 'in', ids)
    .orderBy('pm.response_id')
    .orderBy('pm.rank')
    .execute();
  return responses.map((r) => ({
    id: r.id,
    submittedAt: r.submitted_at,
    language: r.language,
    contact: r.name ?? r.email,
    email: r.email,
    values: values.filter((v) => v.responseId === r.id).map(({ responseId: _, ...v }) => v),
    mentions: mentions.filter((m) => m.responseId === r.id).map(({ responseId: _, ...m }) => m),
  }));
}

export interface RatingTotals {
  questionId: string;
  segment: string | null;
  count: number;
  sum: number;
  /** Σ value², for the variance of the mean in the trend. */
  sumSquares: number;
  /** Answers in the NPS promoter band (9–10); meaningful for NPS questions only. */
  promoters: number;
  /** Answers in the NPS detractor band (0–6). */
  detractors: number;
}

/** Count and sum of the numeric answers per question and customer segment, for the filter. */
export async function aggregateRatings(db: Db, campaignId: number, questionIds: string[], filter: AnalysisFilter): Promise<RatingTotals[]> {
  if (!questionIds.length) return [];
  const rows = await db
    .selectFrom('answer_value as av')
    .innerJoin('response', 'response.id', 'av.response_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .where('av.campaign_id', '=', campaignId)
    .where('av.question_id', 'in', questionIds)
    .where('av.value', 'is not', null)
    .where('av.response_id', 'in', responseIdsMatching(db, campaignId, filter))
    .groupBy(['av.question_id', 'customer.segment'])
    .select((eb) => [
      'av.question_id as questionId',
      'customer.segment as segment',
      eb.fn.count<number>('av.value').as('count'),
      eb.fn.sum<number>('av.value').as('sum'),
      sql<number>`sum(av.value * av.value)`.as('sum_squares'),
      sql<number>`sum(case when av.value >= ${NPS_PROMOTER_MIN} then 1 else 0 end)`.as('promoters'),
      sql<number>`sum(case when av.value <= ${NPS_DETRACTOR_MAX} then 1 else 0 end)`.as('detractors'),
    ])
    .execute();
  return rows.map((r) => ({
    questionId: r.questionId,
    segment: r.segment,
    count: Number(r.count),
    sum: Number(r.sum),
    sumSquares: Number(r.sum_squares),
    promoters: Number(r.promoters),
    detractors: Number(r.detractors),
  }));
}

/** Every numeric answer to the questions in the filtered submitted responses, for the key drivers. */
export async function listNumericAnswersByResponse(db: Db, campaignId: number, questionIds: string[], filter: AnalysisFilter) {
  if (!questionIds.length) return [];
  const rows = await db
    .selectFrom('answer_value as av')
    .select(['av.response_id', 'av.question_id', 'av.value'])
    .where('av.campaign_id', '=', campaignId)
    .where('av.question_id', 'in', questionIds)
    .where('av.value', 'is not', null)
    .where('av.response_id', 'in', responseIdsMatching(db, campaignId, filter))
    .execute();
  return rows.map((r) => ({ responseId: r.response_id, questionId: r.question_id, value: Number(r.value) }));
}
