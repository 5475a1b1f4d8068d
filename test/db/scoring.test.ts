import type { Db } from '../../src/db/database';
import { rankProblems } from '../../src/analysis/ranking.service';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

// The worked example of docs/scoring.md: K = 3, four responses answered the problem list.
async function workedExample(db: Db) {
  const late = await createCategory(db, { en: 'Late deliveries' });
  const invoice = await createCategory(db, { en: 'Invoice errors' });
  const support = await createCategory(db, { en: 'Slow support' });
  const campaign = await createCampaign(db, { shape: { maxItems: 3, rating: { scale: '1-5', categories: [late.id, invoice.id] } } });
  const alpha = await createCustomer(db, { name: 'Alpha', segment: 'Retail', region: 'North' });
  const beta = await createCustomer(db, { name: 'Beta', segment: 'Industry', region: 'South' });
  const gamma = await createCustomer(db, { name: 'Gamma', segment: 'Retail', region: 'South' });
  // R1 lists "Late deliveries" twice (ranks 1 and 3): it counts once, at rank 1.
  await createResponse(db, campaign.id, alpha.id, {
    ratingScale: '1-5',
    problems: [
      { categoryId: late.id, rank: 1 },
      { categoryId: invoice.id, rank: 2 },
      { categoryId: late.id, rank: 3 },
    ],
    rated: { [late.id]: [5, 4], [invoice.id]: [2, 5] },
  });
  await createResponse(db, campaign.id, alpha.id, {
    ratingScale: '1-5',
    problems: [{ categoryId: invoice.id, rank: 1 }],
    rated: { [late.id]: [4, 2], [invoice.id]: [null, 3] },
  });
  await createResponse(db, campaign.id, beta.id, {
    ratingScale: '1-5',
    problems: [
      { categoryId: support.id, rank: 1 },
      { categoryId: late.id, rank: 2 },
    ],
    rated: { [late.id]: [1, 5] },
  });
  // R4 listed one problem nobody has coded yet: it answered, so it counts in the denominator.
  await createResponse(db, campaign.id, gamma.id, { problems: [{ categoryId: null, rank: 1, text: 'something odd' }] });
  // R5 skipped the problem list; R6 never submitted: neither counts anywhere.
  await createResponse(db, campaign.id, gamma.id, { values: {} });
  await createResponse(db, campaign.id, gamma.id, { status: 'partial', problems: [{ categoryId: support.id, rank: 1 }] });
  return { campaign, late, invoice, support };
}

describe('rankProblems (docs/scoring.md worked example)', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('computes every figure of the worked example and breaks the points tie by respondents then name', async () => {
    const { campaign, late, invoice, support } = await workedExample(db);

    const ranked = await rankProblems(db, campaign.id);

    expect(ranked).toEqual([
      {
        rank: 1,
        categoryId: invoice.id,
        category: 'Invoice errors',
        mentions: 2,
        respondents: 2,
        accounts: 1,
        share: 0.5,
        points: 5,
        meanRank: 1.5,
        shareFrequent: 0,
        shareBothersome: 0.5,
        problemScore: 0,
      },
      {
        rank: 2,
        categoryId: late.id,
        category: 'Late deliveries',
        mentions: 2,
        respondents: 2,
        accounts: 2,
        share: 0.5,
        points: 5,
        meanRank: 1.5,
        shareFrequent: 2 / 3,
        shareBothersome: 2 / 3,
        problemScore: 4 / 9,
      },
      {
        rank: 3,
        categoryId: support.id,
        category: 'Slow support',
        mentions: 1,
        respondents: 1,
        accounts: 1,
        share: 0.25,
        points: 3,
        meanRank: 1,
        shareFrequent: null,
        shareBothersome: null,
        problemScore: null,
      },
    ]);
  });

  it('orders by problem score when asked, unrated categories last', async () => {
    const { campaign, late, invoice, support } = await workedExample(db);

    const ranked = await rankProblems(db, campaign.id, {}, { orderBy: 'problem_score' });

    expect(ranked.map((p) => [p.rank, p.categoryId])).toEqual([
      [1, late.id],
      [2, invoice.id],
      [3, support.id],
    ]);
  });

  it('counts only the filtered segment in numerator and denominator', async () => {
    const { campaign, late, invoice } = await workedExample(db);

    const ranked = await rankProblems(db, campaign.id, { segment: ['Retail'] });

    expect(ranked.map((p) => ({ id: p.categoryId, respondents: p.respondents, accounts: p.accounts, share: p.share, points: p.points, meanRank: p.meanRank }))).toEqual([
      { id: invoice.id, respondents: 2, accounts: 1, share: 2 / 3, points: 5, meanRank: 1.5 },
      { id: late.id, respondents: 1, accounts: 1, share: 1 / 3, points: 3, meanRank: 1 },
    ]);
  });

  it('combines filters on region, relationship and KAM, and an unknown value matches nothing', async () => {
    const { campaign, support } = await workedExample(db);

    const south = await rankProblems(db, campaign.id, { region: ['South'], segment: ['Industry'] });
    const nobody = await rankProblems(db, campaign.id, { relationship: ['strategic'] });

    expect(south.find((p) => p.categoryId === support.id)).toMatchObject({ share: 1, points: 3 });
    expect(nobody).toEqual([]);
  });

  it('gives a partial list the points of its ranks only (K − r + 1 with K = maxItems)', async () => {
    const cat = await createCategory(db, { en: 'Packaging' });
    const campaign = await createCampaign(db, { shape: { maxItems: 5 } });
    const c = await createCustomer(db);
    await createResponse(db, campaign.id, c.id, { problems: [{ categoryId: cat.id, rank: 2 }] });
    await createResponse(db, campaign.id, c.id, { problems: [{ categoryId: cat.id, rank: 5 }] });

    const [row] = await rankProblems(db, campaign.id);

    expect(row).toMatchObject({ points: 4 + 1, meanRank: 3.5, respondents: 2, accounts: 1, share: 1 });
  });

  it('scores yes/no problem ratings as the share of yes among those who answered each sub-question', async () => {
    const a = await createCategory(db, { en: 'A' });
    const b = await createCategory(db, { en: 'B' });
    const campaign = await createCampaign(db, { shape: { maxItems: null, rating: { scale: 'yes_no', categories: [a.id, b.id] } } });
    const c = await createCustomer(db);
    await createResponse(db, campaign.id, c.id, { rated: { [a.id]: [1, 1], [b.id]: [1, 0] } });
    await createResponse(db, campaign.id, c.id, { rated: { [a.id]: [1, 0], [b.id]: [0, null] } });
    await createResponse(db, campaign.id, c.id, { rated: { [a.id]: [0, 1] } });

    const ranked = await rankProblems(db, campaign.id);

    expect(ranked.map((p) => [p.categoryId, p.shareFrequent, p.shareBothersome, p.problemScore])).toEqual([
      [a.id, 2 / 3, 2 / 3, 4 / 9],
      [b.id, 0.5, 0, 0],
    ]);
    expect(ranked[0]).toMatchObject({ mentions: 0, points: 0, meanRank: null });
  });

  it('derives yes from raw 1–5 answers (4 and 5) when the stored flag is missing', async () => {
    const a = await createCategory(db, { en: 'A' });
    const campaign = await createCampaign(db, { shape: { maxItems: null, rating: { scale: '1-5', categories: [a.id] } } });
    const c = await createCustomer(db);
    const r = await createResponse(db, campaign.id, c.id, {});
    for (const [frequency, bother] of [
      [4, 3],
      [3, 5],
      [5, 4],
      [2, 1],
    ]) {
      await db
        .insertInto('problem_rating_answer')
        .values({ response_id: r.id, campaign_id: campaign.id, question_id: 'problem_rating', category_id: a.id, frequency, bother })
        .execute();
    }

    const [row] = await rankProblems(db, campaign.id);

    expect(row).toMatchObject({ shareFrequent: 0.5, shareBothersome: 0.5, problemScore: 0.25 });
  });
});
