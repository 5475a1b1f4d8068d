import type { Db } from '../../src/db/database';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCampaign, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('the key drivers page', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('puts the touchpoint that moves overall satisfaction first, with its chart data and table', async () => {
    const campaign = await createCampaign(db, { name: 'Annual 2026', shape: { maxItems: null, nps: true, ratings: { overall: undefined, rating_delivery: 'delivery', rating_support: 'support' } } });
    const customer = await createCustomer(db);
    // 40 respondents: overall equals the delivery rating (mean 3); support (3–5, rated better) cycles independently of it.
    for (let i = 0; i < 40; i++) {
      const delivery = (i % 5) + 1;
      const support = (Math.floor(i / 5) % 3) + 3;
      await createResponse(db, campaign.id, customer.id, { values: { overall: delivery, nps: delivery * 2, rating_delivery: delivery, rating_support: support } });
    }
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get(`/campaigns/${campaign.id}/drivers`).expect(200);

    const table = res.text.slice(res.text.indexOf('id="drivers-table"'));
    const rows = table.split('<tr>').slice(2);
    expect(rows[0]).toMatch(/^<th scope="row">Delivery<\/th><td>improve first<\/td><td>1.00<\/td>\s*<td>1.00 <span class="hint">\(40\)<\/span><\/td><td>1.00/);
    expect(rows[1]).toMatch(/^<th scope="row">Support<\/th>/);
    expect(res.text).toContain('data-chart="drivers"');
    // The chart names each point by the touchpoint's name, never its key.
    expect(res.text).toContain('&#34;label&#34;:&#34;Delivery&#34;');
    expect(res.text).not.toContain('&#34;label&#34;:&#34;delivery&#34;');
  }, 60_000);

  it('says when there are too few respondents to tell', async () => {
    const campaign = await createCampaign(db, { shape: { maxItems: null, ratings: { overall: undefined, rating_delivery: 'delivery' } } });
    const customer = await createCustomer(db);
    for (let i = 0; i < 5; i++) await createResponse(db, campaign.id, customer.id, { values: { overall: i + 1, rating_delivery: i + 1 } });
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get(`/campaigns/${campaign.id}/drivers`).expect(200);

    expect(res.text).toMatch(/Delivery<\/th><td>too few to tell<\/td><td>—<\/td>/);
  });
});
