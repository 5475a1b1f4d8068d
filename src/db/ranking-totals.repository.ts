import { compiledOnce } from './compiled-query';
import type { Db } from './database';

// The running totals of the ranked-problems page (db/migrations/0037_ranking_totals.ts), kept in
// the transaction of every write that changes them: a submission, a coding or its undo, a
// category merge. A refresh recomputes the rows it touches from problem_mention and response
// (a customer's responses in one campaign, or one category). Only a response that counted
// nothing before (no answer rows) adds its counts instead: there is nothing of it to replace.
// Shared by the surveys, catalogue and analysis features, hence here and not in one of them.

type Scope = { campaignId: number; customerIds: number[] } | { categoryIds: number[] };

/** Each submitted response's best rank per category, in the scope. */
function bestRanks(db: Db, scope: Scope) {
  let q = db
    .selectFrom('response as r')
    .innerJoin('problem_mention as pm', 'pm.response_id', 'r.id')
    .where('r.status', '=', 'submitted')
    .where('pm.category_id', 'is not', null);
  q = 'campaignId' in scope ? q.where('r.campaign_id', '=', scope.campaignId).where('r.customer_id', 'in', scope.customerIds) : q.where('pm.category_id', 'in', scope.categoryIds);
  return q
    .groupBy(['r.campaign_id', 'pm.question_id', 'pm.category_id', 'r.customer_id', 'r.id'])
    .select((eb) => ['r.campaign_id as campaign_id', 'pm.question_id as question_id', 'pm.category_id as category_id', 'r.customer_id as customer_id', eb.fn.min<number>('pm.rank').as('best_rank')]);
}

async function fillTotals(db: Db, scope: Scope): Promise<void> {
  await db
    .insertInto('ranking_totals')
    .columns(['campaign_id', 'question_id', 'category_id', 'customer_id', 'respondents', 'rank_sum'])
    .expression(
      db
        .selectFrom(bestRanks(db, scope).as('best'))
        .groupBy(['best.campaign_id', 'best.question_id', 'best.category_id', 'best.customer_id'])
        .select((eb) => [
          'best.campaign_id',
          'best.question_id',
          // Never null here (filtered above); coalesce only narrows the type.
          eb.fn.coalesce('best.category_id', eb.lit(0)).as('category_id'),
          'best.customer_id',
          eb.fn.countAll<number>().as('respondents'),
          eb.fn.sum<number>('best.best_rank').as('rank_sum'),
        ]),
    )
    .execute();
}

/** Recomputes the totals of these customers in the campaign (after their responses changed). */
export async function refreshRankingTotals(db: Db, campaignId: number, customerIds: number[]): Promise<void> {
  const ids = [...new Set(customerIds)];
  if (!ids.length) return;
  await db.deleteFrom('ranking_totals').where('campaign_id', '=', campaignId).where('customer_id', 'in', ids).execute();
  await fillTotals(db, { campaignId, customerIds: ids });
  await db.deleteFrom('ranking_answered').where('campaign_id', '=', campaignId).where('customer_id', 'in', ids).execute();
  await db
    .insertInto('ranking_answered')
    .columns(['campaign_id', 'question_id', 'customer_id', 'responses'])
    .expression(
      db
        .selectFrom('response as r')
        .innerJoin('answer_value as av', 'av.response_id', 'r.id')
        .where('r.campaign_id', '=', campaignId)
        .where('r.customer_id', 'in', ids)
        .where('r.status', '=', 'submitted')
        .groupBy(['r.campaign_id', 'av.question_id', 'r.customer_id'])
        .select((eb) => ['r.campaign_id', 'av.question_id', 'r.customer_id', eb.fn.count<number>('r.id').distinct().as('responses')]),
    )
    .execute();
}

/** Recomputes the totals of the customers whose responses hold these mentions (after a coding). */
export async function refreshRankingTotalsOfMentions(db: Db, mentionIds: number[]): Promise<void> {
  if (!mentionIds.length) return;
  const pairs = await db
    .selectFrom('problem_mention as pm')
    .innerJoin('response as r', 'r.id', 'pm.response_id')
    .where('pm.id', 'in', mentionIds)
    .select(['r.campaign_id as campaignId', 'r.customer_id as customerId'])
    .distinct()
    .execute();
  const byCampaign = new Map<number, number[]>();
  for (const p of pairs) byCampaign.set(p.campaignId, [...(byCampaign.get(p.campaignId) ?? []), p.customerId]);
  for (const [campaignId, customerIds] of byCampaign) await refreshRankingTotals(db, campaignId, customerIds);
}

/** Recomputes every campaign's totals of these categories (after a merge moved mentions between them). */
export async function refreshRankingTotalsOfCategories(db: Db, categoryIds: number[]): Promise<void> {
  if (!categoryIds.length) return;
  await db.deleteFrom('ranking_totals').where('category_id', 'in', categoryIds).execute();
  await fillTotals(db, { categoryIds });
}

// One statement per table, compiled once: a response's best rank per category (its mentions are
// in one campaign and one customer), added to the customer's rows or inserted as new ones.
const addTotalsOfResponse = compiledOnce((db, responseId: number) =>
  db
    .insertInto('ranking_totals')
    .columns(['campaign_id', 'question_id', 'category_id', 'customer_id', 'respondents', 'rank_sum'])
    .expression(
      db
        .selectFrom('problem_mention as pm')
        .innerJoin('response as r', 'r.id', 'pm.response_id')
        .where('pm.response_id', '=', responseId)
        .where('r.status', '=', 'submitted')
        .where('pm.category_id', 'is not', null)
        .groupBy(['r.campaign_id', 'r.customer_id', 'pm.question_id', 'pm.category_id'])
        .select((eb) => [
          'r.campaign_id',
          'pm.question_id',
          eb.ref('pm.category_id').$notNull().as('category_id'),
          'r.customer_id',
          eb.lit(1).as('respondents'),
          eb.fn.min<number>('pm.rank').as('rank_sum'),
        ]),
    )
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'customer_id', 'question_id', 'category_id']).doUpdateSet((eb) => ({
        respondents: eb('ranking_totals.respondents', '+', eb.ref('excluded.respondents')),
        rank_sum: eb('ranking_totals.rank_sum', '+', eb.ref('excluded.rank_sum')),
      })),
    ),
);

const addAnsweredOfResponse = compiledOnce((db, responseId: number) =>
  db
    .insertInto('ranking_answered')
    .columns(['campaign_id', 'question_id', 'customer_id', 'responses'])
    .expression(
      db
        .selectFrom('answer_value as av')
        .innerJoin('response as r', 'r.id', 'av.response_id')
        .where('av.response_id', '=', responseId)
        .where('r.status', '=', 'submitted')
        .groupBy(['r.campaign_id', 'r.customer_id', 'av.question_id'])
        .select((eb) => ['r.campaign_id', 'av.question_id', 'r.customer_id', eb.lit(1).as('responses')]),
    )
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'customer_id', 'question_id']).doUpdateSet((eb) => ({
        responses: eb('ranking_answered.responses', '+', eb.ref('excluded.responses')),
      })),
    ),
);

/**
 * Adds a submitted response's counts to its customer's totals. Only for a response that had no
 * answer_value or problem_mention rows before its answers were written (it counted nothing);
 * any other change goes through refreshRankingTotals.
 */
export async function addRankingTotalsOfResponse(db: Db, responseId: number): Promise<void> {
  await addTotalsOfResponse(db, responseId);
  await addAnsweredOfResponse(db, responseId);
}
