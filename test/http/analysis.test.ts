import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createApiKey, createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('analysis pages and API', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function twoAccounts() {
    const kam = await createUser(db, { role: 'kam' });
    const otherKam = await createUser(db, { role: 'kam' });
    const late = await createCategory(db, { en: 'Late deliveries' });
    const invoice = await createCategory(db, { en: 'Invoice errors' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3, nps: true, ratings: { rating_delivery: 'delivery' } } });
    const mine = await createCustomer(db, { name: 'Mine AB', kamUserId: kam.id, segment: 'Retail' });
    const theirs = await createCustomer(db, { name: 'Theirs A/S', kamUserId: otherKam.id, segment: 'Industry' });
    await createResponse(db, campaign.id, mine.id, { problems: [{ categoryId: late.id, rank: 1, text: '<script>alert(1)</script> late again' }], values: { nps: 10, rating_delivery: 2 } });
    await createResponse(db, campaign.id, theirs.id, { problems: [{ categoryId: invoice.id, rank: 1, text: 'secret invoice trouble' }], values: { nps: 2, rating_delivery: 4 } });
    return { kam, otherKam, late, invoice, campaign, mine, theirs };
  }

  it('shows managers the ranked table, the Pareto chart data in an escaped attribute and escaped verbatims', async () => {
    const { campaign } = await twoAccounts();
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get(`/campaigns/${campaign.id}/problems`).expect(200);

    expect(res.text).toContain('id="ranked-table"');
    expect(res.text).toMatch(/data-chart="pareto" data-chart-data="\{&#34;labels&#34;:\[&#34;Invoice errors&#34;,&#34;Late deliveries&#34;\]/);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; late again');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    // Scripts are linked at their fingerprinted URL, /static/<content hash>/<path>.
    expect(res.text).toMatch(/src="\/static\/[\w-]{12}\/js\/analysis-charts\.js"/);
  });

  it('lets a KAM read their own account but answers 404 for another KAM\'s account', async () => {
    const { kam, campaign, mine, theirs } = await twoAccounts();
    const agent = await signedInAgent(createTestApp(db), kam);

    const own = await agent.get(`/campaigns/${campaign.id}/accounts/${mine.id}`).expect(200);
    const other = await agent.get(`/campaigns/${campaign.id}/accounts/${theirs.id}`).expect(404);

    expect(own.text).toContain('late again');
    expect(other.text).not.toContain('secret invoice trouble');
  });

  it('limits a KAM\'s ranked problems, exports and API to their accounts, even when filtering by another KAM', async () => {
    const { kam, otherKam, campaign, late } = await twoAccounts();
    const agent = await signedInAgent(createTestApp(db), kam);
    const auth = await createApiKey(db, kam.id);

    const page = await agent.get(`/campaigns/${campaign.id}/problems?kam=${otherKam.id}`).expect(200);
    const mentions = await agent.get(`/campaigns/${campaign.id}/mentions.csv`).expect(200);
    const api = await request(createTestApp(db)).get(`/api/v1/campaigns/${campaign.id}/problems`).set('Authorization', auth).expect(200);

    expect(page.text).not.toContain('secret invoice trouble');
    expect(page.text).not.toContain('late again');
    expect(mentions.text).not.toContain('secret invoice trouble');
    expect(api.body.problems).toEqual([expect.objectContaining({ category_id: late.id, respondents: 1, share: 1 })]);
  });

  it('refuses the analysis to team members', async () => {
    const { campaign } = await twoAccounts();
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'member' }));

    await agent.get(`/campaigns/${campaign.id}/problems`).expect(403);
    await agent.get(`/campaigns/${campaign.id}/problems.csv`).expect(403);
  });

  it('returns the ranked list from the API with the CSV column names and the same filters', async () => {
    const { campaign, invoice } = await twoAccounts();
    const manager = await createUser(db, { role: 'manager' });
    const auth = await createApiKey(db, manager.id);

    const res = await request(createTestApp(db)).get(`/api/v1/campaigns/${campaign.id}/problems?segment=Industry`).set('Authorization', auth).expect(200);

    expect(res.body).toEqual({
      problems: [
        { rank: 1, category_id: invoice.id, category: 'Invoice errors', mentions: 1, respondents: 1, accounts: 1, share: 1, points: 3, mean_rank: 1, share_frequent: null, share_bothersome: null, problem_score: null },
      ],
    });
  });

  it('answers 401 to the API without a key and 404 for an unknown campaign', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const auth = await createApiKey(db, manager.id);
    const app = createTestApp(db);

    await request(app).get('/api/v1/campaigns/1/problems').expect(401);
    await request(app).get('/api/v1/campaigns/999/problems').set('Authorization', auth).expect(404);
  });

  it('shows satisfaction means, NPS with counts and the by-segment table', async () => {
    const { campaign } = await twoAccounts();
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get(`/campaigns/${campaign.id}/satisfaction`).expect(200);

    // NPS: one promoter (10), one detractor (2) of two → 0; delivery mean (2 + 4) / 2 = 3.00.
    expect(res.text).toMatch(/<td>2<\/td><td>1<\/td><td>0<\/td><td>1<\/td><td>0<\/td>/);
    expect(res.text).toContain('<td>3.00</td>');
    expect(res.text).toContain('id="segments-table"');
  });

  it('compares with the previous campaign of the same template, saying two respondents are too few for arrows', async () => {
    const a = await createCategory(db, { en: 'A stays and grows' });
    const b = await createCategory(db, { en: 'B shrinks' });
    const g = await createCategory(db, { en: 'G gone' });
    const n = await createCategory(db, { en: 'N new' });
    const c = await createCustomer(db);
    const before = await createCampaign(db, { name: 'Annual 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    const now = await createCampaign(db, { name: 'Annual 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape: { maxItems: 3 } });
    await createResponse(db, before.id, c.id, { problems: [{ categoryId: b.id, rank: 1 }, { categoryId: g.id, rank: 2 }] });
    await createResponse(db, before.id, c.id, { problems: [{ categoryId: a.id, rank: 1 }, { categoryId: b.id, rank: 2 }] });
    await createResponse(db, now.id, c.id, { problems: [{ categoryId: a.id, rank: 1 }, { categoryId: n.id, rank: 2 }] });
    await createResponse(db, now.id, c.id, { problems: [{ categoryId: a.id, rank: 1 }, { categoryId: b.id, rank: 3 }] });
    const agent = await signedInAgent(createTestApp(db), await createUser(db));

    const res = await agent.get(`/campaigns/${now.id}/problems`).expect(200);

    const yoy = res.text.slice(res.text.indexOf('<h2>Year over year</h2>'));
    expect(yoy).toContain('Compared with Annual 2025');
    expect(yoy).toContain('2 respondents: too few to compare.');
    expect(yoy).toMatch(/A stays and grows<\/th><td><span[^>]*>too few to compare<\/span><\/td>\s*<td>100.0 %<\/td><td>50.0 %<\/td><td>\+50.0 pp<\/td><td>—<\/td><td>6<\/td><td>\+3<\/td>/);
    expect(yoy).toMatch(/N new <span class="hint">\(new\)<\/span><\/th>/);
    expect(yoy).toMatch(/G gone <span class="hint">\(gone\)<\/span><\/th><td><span[^>]*>too few to compare<\/span><\/td>\s*<td>0.0 %<\/td><td>50.0 %<\/td><td>-50.0 pp<\/td><td>—<\/td><td>0<\/td><td>-2<\/td>/);
    expect(yoy).not.toMatch(/▲|▼/);
  });

  it('passes the quadrant threshold to the matrix chart and names each rated problem\'s quadrant', async () => {
    const late = await createCategory(db, { en: 'Late deliveries' });
    const rude = await createCategory(db, { en: 'Rude staff' });
    const campaign = await createCampaign(db, { shape: { maxItems: null, rating: { scale: 'yes_no', categories: [late.id, rude.id] } } });
    const c = await createCustomer(db);
    await createResponse(db, campaign.id, c.id, { rated: { [late.id]: [1, 1], [rude.id]: [0, 1] } });
    await createResponse(db, campaign.id, c.id, { rated: { [late.id]: [1, 0], [rude.id]: [0, 0] } });
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));

    const res = await agent.get(`/campaigns/${campaign.id}/problems`).expect(200);

    expect(res.text).toMatch(/data-chart="matrix" data-chart-data="[^"]*" data-chart-threshold="0.5"/);
    const matrix = res.text.slice(res.text.indexOf('id="matrix-table"'));
    expect(matrix).toMatch(/Late deliveries<\/th><td>100.0 %<\/td><td>50.0 %<\/td>\s*<td>frequent and bothersome<\/td>/);
    expect(matrix).toMatch(/Rude staff<\/th><td>0.0 %<\/td><td>50.0 %<\/td>\s*<td>rare, bothersome<\/td>/);
  });
});
