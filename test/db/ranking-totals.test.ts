import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import type { CurrentUser } from '../../src/auth/user';
import * as m0037 from '../../db/migrations/0037_ranking_totals';
import { rankProblems } from '../../src/analysis/ranking.service';
import { codeMentions, undoCoding } from '../../src/analysis/coding.service';
import { mergeCategories } from '../../src/catalogue/catalogue.service';
import { replaceAnswerRows } from '../../src/surveys/response.repository';
import { refreshRankingTotals } from '../../src/db/ranking-totals.repository';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { createUser } from '../support/factories';
import { NotFoundError } from '../../src/shared/errors';
import { eachTestGets } from '../support/per-test';

// The running totals (migration 0037) against a full recomputation from problem_mention and
// response after random sequences of every write that changes them.

const K = 3;

/** A small deterministic generator, so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type TotalsRow = { campaign_id: number; question_id: string; category_id: number; customer_id: number; respondents: number; rank_sum: number };

async function storedTotals(db: Db): Promise<TotalsRow[]> {
  const rows = await db.selectFrom('ranking_totals').selectAll().where('respondents', '>', 0).execute();
  return normalize(rows);
}

/** The totals as the old page computed them: best rank per submitted response and category. */
async function recomputedTotals(db: Db): Promise<TotalsRow[]> {
  const { rows } = await sql<TotalsRow>`
    select campaign_id, question_id, category_id, customer_id, count(*) as respondents, sum(best_rank) as rank_sum
    from (select r.campaign_id, pm.question_id, pm.category_id, r.customer_id, min(pm.rank) as best_rank
          from problem_mention pm join response r on r.id = pm.response_id
          where r.status = 'submitted' and pm.category_id is not null
          group by r.campaign_id, pm.question_id, pm.category_id, r.customer_id, r.id) best
    group by campaign_id, question_id, category_id, customer_id`.execute(db);
  return normalize(rows);
}

async function storedAnswered(db: Db) {
  const rows = await db.selectFrom('ranking_answered').select(['campaign_id', 'question_id', 'customer_id', 'responses']).where('responses', '>', 0).execute();
  return rows.map((r) => [Number(r.campaign_id), r.question_id, Number(r.customer_id), Number(r.responses)]).sort(byKey);
}

async function recomputedAnswered(db: Db) {
  const { rows } = await sql<{ campaign_id: number; question_id: string; customer_id: number; responses: number }>`
    select r.campaign_id, av.question_id, r.customer_id, count(distinct r.id) as responses
    from answer_value av join response r on r.id = av.response_id
    where r.status = 'submitted' group by r.campaign_id, av.question_id, r.customer_id`.execute(db);
  return rows.map((r) => [Number(r.campaign_id), r.question_id, Number(r.customer_id), Number(r.responses)]).sort(byKey);
}

const byKey = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));

function normalize(rows: TotalsRow[]): TotalsRow[] {
  return rows
    .map((r) => ({
      campaign_id: Number(r.campaign_id),
      question_id: r.question_id,
      category_id: Number(r.category_id),
      customer_id: Number(r.customer_id),
      respondents: Number(r.respondents),
      rank_sum: Number(r.rank_sum),
    }))
    .sort((a, b) => byKey(Object.values(a), Object.values(b)));
}

/** The page's figures by the old GROUP BY over mentions, for the customers given (all when undefined). */
async function oldFigures(db: Db, campaignId: number, customerIds?: number[]) {
  const totals = (await recomputedTotals(db)).filter((t) => t.campaign_id === campaignId && (!customerIds || customerIds.includes(t.customer_id)));
  const { rows } = await sql<{ n: number }>`
    select count(distinct av.response_id) as n from answer_value av join response r on r.id = av.response_id
    where av.campaign_id = ${campaignId} and av.question_id = 'problems' and r.status = 'submitted'
    ${customerIds ? sql`and r.customer_id in (${sql.join(customerIds.length ? customerIds : [-1])})` : sql``}`.execute(db);
  const answered = Number(rows[0]?.n ?? 0);
  const byCategory = new Map<number, { respondents: number; accounts: number; rankSum: number }>();
  for (const t of totals) {
    const f = byCategory.get(t.category_id) ?? { respondents: 0, accounts: 0, rankSum: 0 };
    f.respondents += t.respondents;
    f.accounts += 1;
    f.rankSum += t.rank_sum;
    byCategory.set(t.category_id, f);
  }
  return [...byCategory]
    .map(([categoryId, f]) => ({
      categoryId,
      respondents: f.respondents,
      accounts: f.accounts,
      points: f.respondents * (K + 1) - f.rankSum,
      meanRank: f.rankSum / f.respondents,
      share: answered ? f.respondents / answered : 0,
    }))
    .sort((a, b) => a.categoryId - b.categoryId);
}

async function appFigures(db: Db, campaignId: number, segment?: string) {
  const ranked = await rankProblems(db, campaignId, segment ? { segment: [segment] } : {});
  return ranked
    .filter((p) => p.respondents > 0)
    .map((p) => ({ categoryId: p.categoryId, respondents: p.respondents, accounts: p.accounts, points: p.points, meanRank: p.meanRank, share: p.share }))
    .sort((a, b) => a.categoryId - b.categoryId);
}

describe('the ranking totals', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function world() {
    const categories = [];
    for (let i = 0; i < 5; i++) categories.push((await createCategory(db, { en: `Problem ${i}` })).id);
    const campaigns = [(await createCampaign(db, { shape: { maxItems: K } })).id, (await createCampaign(db, { shape: { maxItems: K } })).id];
    const customers = [];
    for (let i = 0; i < 4; i++) customers.push((await createCustomer(db, { name: `Customer ${i}`, segment: i % 2 ? 'Retail' : 'Industry' })).id);
    const manager = await createUser(db, { role: 'manager' });
    const user: CurrentUser = { id: manager.id, email: manager.email, name: 'Manager', role: 'manager', teamIds: [] };
    return { categories, campaigns, customers, user };
  }

  it.each([1, 2, 3])('equal a full recomputation after a random sequence of writes (seed %i)', async (seed) => {
    const rnd = random(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const { categories, campaigns, customers, user } = await world();
    const live = () => categories.filter((c) => !merged.has(c));
    const merged = new Set<number>();
    const responses: { id: number; campaignId: number; customerId: number }[] = [];
    const batches: string[] = [];
    const problems = () =>
      Array.from({ length: 1 + Math.floor(rnd() * K) }, (_, i) => ({ categoryId: rnd() < 0.3 ? null : pick(live()), rank: i + 1, text: `text ${Math.floor(rnd() * 4)}` }));
    let at = Date.parse('2026-04-01T00:00:00Z');
    const now = () => new Date((at += 1000));

    for (let step = 0; step < 60; step++) {
      const action = rnd();
      if (action < 0.3 || responses.length < 3) {
        const campaignId = pick(campaigns);
        const customerId = pick(customers.filter((c) => c !== -1));
        const partial = rnd() < 0.15;
        const r = await createResponse(db, campaignId, customerId, { problems: problems(), status: partial ? 'partial' : 'submitted' });
        responses.push({ id: r.id, campaignId, customerId });
      } else if (action < 0.45) {
        // A resubmission, written as the survey service writes it (same transaction).
        const r = pick(responses);
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('response').set({ status: 'submitted' }).where('id', '=', r.id).execute();
          const mentions = problems().map((p) => ({ question_id: 'problems', rank: p.rank, text: p.text, category_id: p.categoryId }));
          await replaceAnswerRows(
            trx,
            { responseId: r.id, campaignId: r.campaignId, language: 'en', now: now().toISOString() },
            { values: [{ question_id: 'problems', value: mentions.length, choice: null, text: null }], ratings: [], mentions },
          );
          await refreshRankingTotals(trx, r.campaignId, [r.customerId]);
        });
      } else if (action < 0.7) {
        const campaignId = pick(campaigns);
        const ids = (await db.selectFrom('problem_mention').select('id').where('campaign_id', '=', campaignId).execute()).map((m) => m.id).filter(() => rnd() < 0.4);
        if (!ids.length) continue;
        const result = await codeMentions(db, user, { mentionIds: ids, categoryId: pick(live()) }, now());
        batches.push(result.batchId);
      } else if (action < 0.85) {
        if (!batches.length) continue;
        // A batch whose mentions were all rewritten or erased is gone with them.
        await undoCoding(db, user, pick(batches), now()).catch((e: unknown) => {
          if (!(e instanceof NotFoundError)) throw e;
        });
      } else if (action < 0.93) {
        const alive = live();
        if (alive.length < 3) continue;
        const from = pick(alive);
        const into = pick(alive.filter((c) => c !== from));
        await mergeCategories(db, user, from, into, now());
        merged.add(from);
      } else {
        // An erasure: the customer and, by the foreign keys' cascade, its responses and mentions.
        const customerId = pick(customers.filter((c) => c !== -1));
        if (customers.filter((c) => c !== -1).length < 2) continue;
        await db.deleteFrom('customer').where('id', '=', customerId).execute();
        customers[customers.indexOf(customerId)] = -1;
        responses.splice(0, responses.length, ...responses.filter((r) => r.customerId !== customerId));
      }
    }

    expect(await storedTotals(db)).toEqual(await recomputedTotals(db));
    expect(await storedAnswered(db)).toEqual(await recomputedAnswered(db));
    expect((await storedTotals(db)).length).toBeGreaterThan(0);
    const retail = (await db.selectFrom('customer').select('id').where('segment', '=', 'Retail').execute()).map((c) => c.id);
    for (const campaignId of campaigns) {
      expect(await appFigures(db, campaignId)).toEqual(await oldFigures(db, campaignId));
      expect(await appFigures(db, campaignId, 'Retail')).toEqual(await oldFigures(db, campaignId, retail));
    }
  });

  it('count a respondent who listed both merged categories once, at the better rank', async () => {
    const { categories, campaigns, customers, user } = await world();
    const [from, into] = [categories[0]!, categories[1]!];
    await createResponse(db, campaigns[0]!, customers[0]!, { problems: [{ categoryId: into, rank: 2 }, { categoryId: from, rank: 1 }] });
    await createResponse(db, campaigns[0]!, customers[1]!, { problems: [{ categoryId: from, rank: 3 }] });

    await mergeCategories(db, user, from, into, new Date('2026-04-01T00:00:00Z'));

    expect(await storedTotals(db)).toEqual(await recomputedTotals(db));
    expect(await appFigures(db, campaigns[0]!)).toEqual([{ categoryId: into, respondents: 2, accounts: 2, points: 3 + 1, meanRank: 2, share: 1 }]);
  });

  it('are filled by migration 0037 from the mentions already stored', async () => {
    const { categories, campaigns, customers } = await world();
    for (let i = 0; i < 12; i++) {
      await createResponse(db, campaigns[i % 2]!, customers[i % 4]!, {
        problems: [
          { categoryId: categories[i % 5]!, rank: 1 },
          { categoryId: categories[(i * 3) % 5]!, rank: 2 },
          { categoryId: null, rank: 3 },
        ],
        status: i % 5 === 4 ? 'partial' : 'submitted',
      });
    }
    const before = await storedTotals(db);
    await m0037.down(db);
    await m0037.up(db);

    expect(before.length).toBeGreaterThan(0);
    expect(await storedTotals(db)).toEqual(before);
    expect(await storedTotals(db)).toEqual(await recomputedTotals(db));
    expect(await storedAnswered(db)).toEqual(await recomputedAnswered(db));
  });
});
