import { parse } from 'csv-parse/sync';
import type { Db } from '../../src/db/database';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

const NASTY = ['=HYPERLINK("http://evil")', '+1+2', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'a, "quoted"\nline'];

describe('CSV exports', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function setup() {
    const late = await createCategory(db, { en: '=Late "deliveries", often' });
    const invoice = await createCategory(db, { en: 'Invoice errors' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3, nps: true, ratings: { overall: undefined } } });
    const customer = await createCustomer(db, { name: '@Acme, Inc.', segment: 'Retail' });
    const other = await createCustomer(db, { name: 'Other', segment: 'Industry' });
    await createResponse(db, campaign.id, customer.id, {
      problems: NASTY.slice(0, 3).map((text, i) => ({ categoryId: i === 0 ? late.id : invoice.id, rank: i + 1, text })),
      values: { nps: 9, overall: 4 },
    });
    await createResponse(db, campaign.id, other.id, {
      problems: NASTY.slice(3).map((text, i) => ({ categoryId: late.id, rank: i + 1, text })).slice(0, 3),
      values: { nps: 3 },
    });
    const manager = await createUser(db, { role: 'manager' });
    return { campaign, late, invoice, agent: await signedInAgent(createTestApp(db), manager) };
  }

  it('writes problems.csv with exactly the product columns, a BOM and unrounded numbers', async () => {
    const { campaign, late, agent } = await setup();

    const res = await agent.get(`/campaigns/${campaign.id}/problems.csv`).expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'rank', 'category_id', 'category', 'mentions', 'respondents', 'accounts', 'share', 'points', 'mean_rank', 'share_frequent', 'share_bothersome', 'problem_score',
    ]);
    // Late deliveries: both respondents (best ranks 1 and 1) → points 3 + 3; the category name is neutralised and quoted.
    expect(rows[0]).toMatchObject({ rank: '1', category_id: String(late.id), category: `'=Late "deliveries", often`, respondents: '2', share: '1', points: '6', mean_rank: '1', share_frequent: '' });
  });

  it('keeps the page filters: a segment narrows the CSV like the page', async () => {
    const { campaign, agent } = await setup();

    const res = await agent.get(`/campaigns/${campaign.id}/problems.csv?segment=Industry`).expect(200);

    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    // That respondent listed the category three times: it counts once, at rank 1 (K − 1 + 1 = 3).
    expect(rows[0]).toMatchObject({ mentions: '1', respondents: '1', share: '1', points: '3' });
  });

  it('neutralises =, +, -, @, tab and CR at the start of every cell and round-trips quotes, commas and newlines', async () => {
    const { campaign, agent } = await setup();

    const res = await agent.get(`/campaigns/${campaign.id}/mentions.csv`).expect(200);

    const rows = parse(res.text, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    const texts = rows.map((r) => r.text);
    expect(texts).toEqual(NASTY.slice(0, 3).concat(NASTY.slice(3, 6)).map((t) => `'${t}`));
    expect(rows[0]!.customer).toBe("'@Acme, Inc.");
    for (const cell of rows.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes responses.csv with one row per response, one column per question and the problem ranks', async () => {
    const { campaign, agent } = await setup();

    const res = await agent.get(`/campaigns/${campaign.id}/responses.csv`).expect(200);

    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ overall: '4', nps: '9', problems_1: `'${NASTY[0]}`, problems_2: `'${NASTY[1]}`, problems_3: `'${NASTY[2]}`, problems_2_category: 'Invoice errors' });
    expect(rows[1]).toMatchObject({ nps: '3', overall: '' });
  });

  it('keeps a text with quotes, commas and a newline intact through csv-parse', async () => {
    const cat = await createCategory(db, { en: 'X' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });
    const c = await createCustomer(db);
    await createResponse(db, campaign.id, c.id, { problems: [{ categoryId: cat.id, rank: 1, text: NASTY[6] }] });
    const agent = await signedInAgent(createTestApp(db), await createUser(db));

    const res = await agent.get(`/campaigns/${campaign.id}/mentions.csv`).expect(200);

    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]!.text).toBe(NASTY[6]);
  });
});
