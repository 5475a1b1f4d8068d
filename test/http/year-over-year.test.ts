import type { Db } from '../../src/db/database';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('year over year on the ranked-problems page', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  /** `answered` responses to the problem list, the first `counts[i]` of them naming category i. */
  async function wave(campaignId: number, customerId: number, answered: number, counts: [number, number][]) {
    for (let r = 0; r < answered; r++) {
      const problems = counts.filter(([, n]) => r < n).map(([categoryId], i) => ({ categoryId, rank: i + 1 }));
      await createResponse(db, campaignId, customerId, { problems });
    }
  }

  it('marks the docs/scoring.md example: 25 % → 40 % up, 25 % → 32 % no clear change', async () => {
    const late = await createCategory(db, { en: 'Late deliveries' });
    const invoice = await createCategory(db, { en: 'Invoice errors' });
    const customer = await createCustomer(db);
    const before = await createCampaign(db, { name: 'Annual 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    const now = await createCampaign(db, { name: 'Annual 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    await wave(before.id, customer.id, 100, [[late.id, 25], [invoice.id, 25]]);
    await wave(now.id, customer.id, 100, [[late.id, 40], [invoice.id, 32]]);
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get(`/campaigns/${now.id}/problems`).expect(200);

    const yoy = res.text.slice(res.text.indexOf('<h2>Year over year</h2>'), res.text.indexOf('<h2>Per category</h2>'));
    expect(yoy).not.toContain('too few to compare');
    expect(yoy).toMatch(/Late deliveries<\/th><td><span[^>]*>▲ up<\/span><\/td>\s*<td>40.0 %<\/td><td>25.0 %<\/td><td>\+15.0 pp<\/td><td>\+2.0 to \+27.3 pp<\/td>/);
    expect(yoy).toMatch(/Invoice errors<\/th><td><span[^>]*>no clear change<\/span><\/td>\s*<td>32.0 %<\/td><td>25.0 %<\/td><td>\+7.0 pp<\/td><td>-5.5 to \+19.2 pp<\/td>/);
  }, 60_000);

  it('draws no arrow for a category made since the previous wave began, which none of its mentions were coded to', async () => {
    const before = await createCampaign(db, { name: 'Annual 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    const now = await createCampaign(db, { name: 'Annual 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    const late = await createCategory(db, { en: 'Late deliveries' });
    const portal = await createCategory(db, { en: 'Ordering portal' });
    // Late deliveries existed before the 2025 wave; the portal category was made this year (the factories' NOW).
    await db.updateTable('problem_category').set({ created_at: '2024-01-01T00:00:00.000Z' }).where('id', '=', late.id).execute();
    const customer = await createCustomer(db);
    await wave(before.id, customer.id, 100, [[late.id, 25]]);
    await wave(now.id, customer.id, 100, [[late.id, 25], [portal.id, 30]]);
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get(`/campaigns/${now.id}/problems`).expect(200);

    const yoy = res.text.slice(res.text.indexOf('<h2>Year over year</h2>'), res.text.indexOf('<h2>Per category</h2>'));
    expect(yoy).toMatch(/Ordering portal <span class="hint">\(new\)<\/span><\/th><td><span[^>]*>new category: no earlier figure<\/span><\/td>\s*<td>30.0 %<\/td><td>0.0 %<\/td><td>\+30.0 pp<\/td><td>—<\/td>/);
    expect(yoy).toMatch(/Late deliveries<\/th><td><span[^>]*>no clear change<\/span>/);
  }, 60_000);

  it('shows an interval that ends just short of zero with the digits that say so', async () => {
    const late = await createCategory(db, { en: 'Late deliveries' });
    const customer = await createCustomer(db);
    const before = await createCampaign(db, { name: 'Annual 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    const now = await createCampaign(db, { name: 'Annual 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    await wave(before.id, customer.id, 33, [[late.id, 10]]);
    await wave(now.id, customer.id, 30, [[late.id, 3]]);
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get(`/campaigns/${now.id}/problems`).expect(200);

    // 3 of 30 against 10 of 33: the interval's upper end is −0.026 pp, down; "-0.0" read as touching zero.
    expect(res.text).toMatch(/Late deliveries<\/th><td><span[^>]*>▼ down<\/span>[\s\S]*?<td>-38.6 to -0.03 pp<\/td>/);
  }, 60_000);

  it('says a filtered group of 12 is too few to compare instead of drawing arrows', async () => {
    const late = await createCategory(db, { en: 'Late deliveries' });
    const big = await createCustomer(db, { segment: 'Industry' });
    const small = await createCustomer(db, { segment: 'Retail' });
    const before = await createCampaign(db, { name: 'Annual 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    const now = await createCampaign(db, { name: 'Annual 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    await wave(before.id, big.id, 40, [[late.id, 4]]);
    await wave(before.id, small.id, 40, [[late.id, 4]]);
    await wave(now.id, big.id, 40, [[late.id, 30]]);
    await wave(now.id, small.id, 12, [[late.id, 12]]);
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const all = await agent.get(`/campaigns/${now.id}/problems`).expect(200);
    const retail = await agent.get(`/campaigns/${now.id}/problems?segment=Retail`).expect(200);

    expect(all.text).toMatch(/Late deliveries<\/th><td><span[^>]*>▲ up</);
    expect(retail.text).toContain('12 respondents: too few to compare.');
    expect(retail.text).toMatch(/Late deliveries<\/th><td><span[^>]*>too few to compare</);
    expect(retail.text).not.toMatch(/▲|▼/);
  }, 60_000);
});
