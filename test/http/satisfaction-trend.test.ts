import type { Db } from '../../src/db/database';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCampaign, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('the satisfaction trend', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const shape = { maxItems: null, nps: true, ratings: { overall: undefined } };

  /** One response per [nps, rating] pair. */
  async function answers(campaignId: number, customerId: number, pairs: [number, number][]) {
    for (const [nps, overall] of pairs) await createResponse(db, campaignId, customerId, { values: { nps, overall } });
  }
  const repeat = (n: number, pair: [number, number]): [number, number][] => Array.from({ length: n }, () => pair);

  it('shows the NPS with its margin of error and marks a rise beyond the noise, a small group too few', async () => {
    const customer = await createCustomer(db);
    const first = await createCampaign(db, { name: 'Wave 2024', launchedAt: '2024-03-01T00:00:00.000Z', shape });
    const second = await createCampaign(db, { name: 'Wave 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape });
    const third = await createCampaign(db, { name: 'Wave 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape });
    // 2024: 10 promoters, 20 detractors of 40 → NPS −25; 2025: 30 promoters, 5 detractors of 40 → +62.5 (±22.5).
    await answers(first.id, customer.id, [...repeat(10, [10, 4]), ...repeat(10, [8, 3]), ...repeat(20, [3, 2])]);
    await answers(second.id, customer.id, [...repeat(30, [9, 5]), ...repeat(5, [7, 4]), ...repeat(5, [2, 3])]);
    await answers(third.id, customer.id, repeat(12, [0, 1]));
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get('/satisfaction/trend').expect(200);

    const rows = res.text.slice(res.text.indexOf('id="trend-table"')).split('<tr>');
    const row = (name: string) => rows.find((r) => r.includes(`>${name}</a>`))!;
    // Means 2.75 → 4.625. NPS variance 30/40 + 5/40 − 0.625² = 0.484375; 1.96 × √(0.484375 / 40) = 21.6 points.
    expect(row('Wave 2025')).toContain('<td>63 ± 21.6</td><td>40</td><td class="analysis-trend-change">▲ up (+88)</td>');
    expect(row('Wave 2025')).toMatch(/4.63 <span class="hint">\(40\)<\/span><br><span class="hint">▲ up \(\+1.88\)<\/span>/);
    expect(row('Wave 2026')).toContain('<td class="analysis-trend-change">too few to compare</td>');
    expect(row('Wave 2026')).not.toMatch(/▲|▼/);
  }, 60_000);

  it('compares a wave with the latest earlier one that has answers, skipping a wave nobody answered', async () => {
    const customer = await createCustomer(db);
    const first = await createCampaign(db, { name: 'Wave 2024', launchedAt: '2024-03-01T00:00:00.000Z', shape });
    await createCampaign(db, { name: 'Pilot 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape });
    const third = await createCampaign(db, { name: 'Wave 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape });
    await answers(first.id, customer.id, repeat(40, [2, 2]));
    await answers(third.id, customer.id, repeat(40, [10, 5]));
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get('/satisfaction/trend').expect(200);

    const rows = res.text.slice(res.text.indexOf('id="trend-table"')).split('<tr>');
    const row = (name: string) => rows.find((r) => r.includes(`>${name}</a>`))!;
    // NPS −100 → +100 and means 2 → 5 across the pilot nobody answered.
    expect(row('Wave 2026')).toContain('<td class="analysis-trend-change">▲ up (+200)</td>');
    expect(row('Wave 2026')).toMatch(/▲ up \(\+3.00\)/);
  }, 60_000);
});
