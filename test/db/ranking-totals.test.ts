import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import type { CurrentUser } from '../../src/auth/user';
import * as m0037 from '../../db/migrations/0037_ranking_totals';
import { rankProblems } from '../../src/analysis/ranking.service';
import { codeMentions, undoCoding } from '../../src/analysis/coding.service';
import { mergeCategories } from '../../src/catalogue/catalogue.service';
import { saveOrSubmitResponse } from '../../src/surveys/response.service';
import { fieldName } from '../../src/surveys/answer';
import { createCampaign, createCategory, createCustomer, createLink, createResponse } from '../support/analysis-factories';
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
    // Running, so the survey service takes their answers; every category can be picked.
    const catalogue = categories.map((id, i) => ({ id, name: `Problem ${i}` }));
    const campaigns = [];
    for (let i = 0; i < 2; i++) campaigns.push((await createCampaign(db, { status: 'running', shape: { maxItems: K, nps: true }, catalogue })).id);
    const customers = [];
    for (let i = 0; i < 4; i++) customers.push((await createCustomer(db, { name: `Customer ${i}`, segment: i % 2 ? 'Retail' : 'Industry' })).id);
    const manager = await createUser(db, { role: 'manager' });
    const user: CurrentUser = { id: manager.id, email: manager.email, name: 'Manager', role: 'manager', teamIds: [] };
    return { categories, campaigns, customers, user };
  }

  /** A form of the world's campaigns: up to K problems (own words or distinct picks, ranks shuffled), NPS most of the time. */
  function randomForm(rnd: () => number, picks: number[]): Record<string, string> {
    const form: Record<string, string> = {};
    const count = Math.floor(rnd() * (K + 1));
    const ranks = Array.from({ length: K }, (_, i) => i + 1).sort(() => rnd() - 0.5);
    const available = [...picks];
    for (let i = 0; i < count; i++) {
      const pick = rnd() < 0.3 || !available.length ? undefined : available.splice(Math.floor(rnd() * available.length), 1)[0];
      form[fieldName('problems', i, 'text')] = pick === undefined ? `text ${Math.floor(rnd() * 4)}` : '';
      form[fieldName('problems', i, 'pick')] = pick === undefined ? '' : String(pick);
      form[fieldName('problems', i, 'rank')] = String(ranks[i]);
    }
    if (rnd() < 0.8) form[fieldName('nps')] = String(Math.floor(rnd() * 11));
    return form;
  }

  async function expectTotalsRecomputed(step: string) {
    // The step in the message, so a failure says which write drifted the totals.
    expect({ step, totals: await storedTotals(db) }).toEqual({ step, totals: await recomputedTotals(db) });
    expect({ step, answered: await storedAnswered(db) }).toEqual({ step, answered: await recomputedAnswered(db) });
  }

  it.each([1, 2, 3])('equal a full recomputation after each of a random sequence of writes (seed %i)', async (seed) => {
    const rnd = random(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const { categories, campaigns, customers, user } = await world();
    const live = () => categories.filter((c) => !merged.has(c));
    const merged = new Set<number>();
    const links: { token: string; campaignId: number; customerId: number; isSubmitted: boolean }[] = [];
    const batches: string[] = [];
    let at = Date.parse('2026-04-01T00:00:00Z');
    const now = () => new Date((at += 1000));
    // Through the respondent's service, as a POST of the survey form writes it.
    const post = async (link: (typeof links)[number], action: 'save' | 'submit') => {
      const outcome = await saveOrSubmitResponse(db, { token: link.token, body: randomForm(rnd, live()), action, lang: 'en' }, now());
      expect(outcome.kind).toBe(action === 'save' ? 'saved' : 'submitted');
      if (action === 'submit') link.isSubmitted = true;
    };
    const counts = { first: 0, draftThenSubmitted: 0, resubmitted: 0, coded: 0, undone: 0, merged: 0, erased: 0 };

    for (let step = 0; step < 60; step++) {
      const action = rnd();
      const drafts = links.filter((l) => !l.isSubmitted);
      const submitted = links.filter((l) => l.isSubmitted);
      let done: string;
      if (action < 0.3 || submitted.length < 3) {
        // A first submission of a new link, or a draft saved (a response without answer rows).
        const campaignId = pick(campaigns);
        const customerId = pick(customers.filter((c) => c !== -1));
        const link = { ...(await createLink(db, campaignId, customerId)), campaignId, customerId, isSubmitted: false };
        links.push(link);
        const isDraft = rnd() < 0.2;
        await post(link, isDraft ? 'save' : 'submit');
        if (!isDraft) counts.first++;
        done = isDraft ? 'draft saved' : 'first submission';
      } else if (action < 0.4) {
        if (!drafts.length) continue;
        await post(pick(drafts), 'submit');
        counts.draftThenSubmitted++;
        done = 'draft submitted';
      } else if (action < 0.5) {
        await post(pick(submitted), 'submit');
        counts.resubmitted++;
        done = 'resubmission';
      } else if (action < 0.7) {
        const campaignId = pick(campaigns);
        const ids = (await db.selectFrom('problem_mention').select('id').where('campaign_id', '=', campaignId).execute()).map((m) => m.id).filter(() => rnd() < 0.4);
        if (!ids.length) continue;
        const result = await codeMentions(db, user, { mentionIds: ids, categoryId: pick(live()) }, now());
        batches.push(result.batchId);
        counts.coded++;
        done = 'coding';
      } else if (action < 0.82) {
        if (!batches.length) continue;
        // A batch whose mentions were all rewritten or erased is gone with them.
        await undoCoding(db, user, pick(batches), now()).catch((e: unknown) => {
          if (!(e instanceof NotFoundError)) throw e;
        });
        counts.undone++;
        done = 'undo';
      } else if (action < 0.92) {
        const alive = live();
        if (alive.length < 3) continue;
        const from = pick(alive);
        const into = pick(alive.filter((c) => c !== from));
        await mergeCategories(db, user, from, into, now());
        merged.add(from);
        counts.merged++;
        done = 'merge';
      } else {
        // An erasure: the customer and, by the foreign keys' cascade, its responses and mentions.
        const customerId = pick(customers.filter((c) => c !== -1));
        if (customers.filter((c) => c !== -1).length < 2) continue;
        await db.deleteFrom('customer').where('id', '=', customerId).execute();
        customers[customers.indexOf(customerId)] = -1;
        links.splice(0, links.length, ...links.filter((l) => l.customerId !== customerId));
        counts.erased++;
        done = 'erasure';
      }
      await expectTotalsRecomputed(`${step}: ${done}`);
    }

    // Every kind of write happened (else the sequence tested less than it says).
    expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
    expect((await storedTotals(db)).length).toBeGreaterThan(0);
    const retail = (await db.selectFrom('customer').select('id').where('segment', '=', 'Retail').execute()).map((c) => c.id);
    for (const campaignId of campaigns) {
      expect(await appFigures(db, campaignId)).toEqual(await oldFigures(db, campaignId));
      expect(await appFigures(db, campaignId, 'Retail')).toEqual(await oldFigures(db, campaignId, retail));
    }
  });

  it('add a first submission to its customer’s totals, counting each category once at its best rank', async () => {
    const { categories, campaigns, customers, user } = await world();
    const [a, b] = [categories[0]!, categories[1]!];
    const submit = async (customerId: number, form: Record<string, string>) => {
      const { token } = await createLink(db, campaigns[0]!, customerId);
      expect((await saveOrSubmitResponse(db, { token, body: form, action: 'submit', lang: 'en' }, new Date('2026-04-01T00:00:00Z'))).kind).toBe('submitted');
    };
    const problem = (i: number, pick: number | string, rank: number) =>
      typeof pick === 'number'
        ? { [fieldName('problems', i, 'pick')]: String(pick), [fieldName('problems', i, 'rank')]: String(rank) }
        : { [fieldName('problems', i, 'text')]: pick, [fieldName('problems', i, 'rank')]: String(rank) };

    await submit(customers[0]!, { ...problem(0, 'in my own words', 1), ...problem(1, a, 2), ...problem(2, b, 3) });
    await submit(customers[0]!, { ...problem(0, a, 1), [fieldName('nps')]: '3' });
    await submit(customers[1]!, { ...problem(0, b, 2), ...problem(1, a, 3) });
    // A coding of the own-words mention into a category the response already names at a better rank.
    const own = await db.selectFrom('problem_mention').select('id').where('text', '=', 'in my own words').executeTakeFirstOrThrow();
    await codeMentions(db, user, { mentionIds: [own.id], categoryId: a }, new Date('2026-04-01T00:00:00Z'));
    await submit(customers[0]!, { ...problem(0, b, 1) });

    expect(await storedTotals(db)).toEqual(await recomputedTotals(db));
    expect(await storedAnswered(db)).toEqual(await recomputedAnswered(db));
    const row = (customerId: number, categoryId: number) => ({ campaign_id: campaigns[0]!, question_id: 'problems', category_id: categoryId, customer_id: customerId });
    expect(await storedTotals(db)).toEqual(
      normalize([
        { ...row(customers[0]!, a), respondents: 2, rank_sum: 1 + 1 },
        { ...row(customers[0]!, b), respondents: 2, rank_sum: 3 + 1 },
        { ...row(customers[1]!, a), respondents: 1, rank_sum: 2 },
        { ...row(customers[1]!, b), respondents: 1, rank_sum: 1 },
      ]),
    );
    expect(await storedAnswered(db)).toEqual(
      [
        [campaigns[0]!, 'nps', customers[0]!, 1],
        [campaigns[0]!, 'problems', customers[0]!, 3],
        [campaigns[0]!, 'problems', customers[1]!, 1],
      ].sort(byKey),
    );
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
