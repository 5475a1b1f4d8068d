import type { Db } from '../../src/db/database';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createCampaign, createCategory, createReporter, createTicket } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

describe('closure effect in the next campaign', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('shows, for each category with a resolved ticket, its change in share and points since the campaign it was routed from', async () => {
    const team = await createTeam(db);
    const y2025 = await createCampaign(db, { name: 'Annual 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape: { maxItems: 5 } });
    const y2026 = await createCampaign(db, { name: 'Annual 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape: { maxItems: 5 } });
    const invoicing = await createCategory(db, { en: 'Invoicing', teamId: team.id });
    const delivery = await createCategory(db, { en: 'Delivery', teamId: team.id });
    // 2025: 2 of 2 respondents report invoicing at rank 1 (10 points); delivery once at rank 2.
    await createReporter(db, y2025.id, { mentions: [{ categoryId: invoicing.id, rank: 1 }, { categoryId: delivery.id, rank: 2 }] });
    await createReporter(db, y2025.id, { mentions: [{ categoryId: invoicing.id, rank: 1 }] });
    // 2026: 1 of 4 reports invoicing at rank 2 (4 points).
    await createReporter(db, y2026.id, { mentions: [{ categoryId: invoicing.id, rank: 2 }] });
    await createReporter(db, y2026.id, { mentions: [{ categoryId: delivery.id, rank: 1 }] });
    await createReporter(db, y2026.id, { mentions: [] });
    await createReporter(db, y2026.id, { mentions: [] });
    const resolved = await createTicket(db, { teamId: team.id, campaignId: y2025.id, categoryId: invoicing.id, status: 'resolved' });
    await db.updateTable('ticket').set({ resolved_at: '2025-06-01T00:00:00.000Z' }).where('id', '=', resolved.id).execute();
    await createTicket(db, { teamId: team.id, campaignId: y2025.id, categoryId: delivery.id, status: 'in_progress' });
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), manager);

    const page = await agent.get(`/campaigns/${y2026.id}/closure-effect`).expect(200);

    const rows = page.text.match(/<tr>\s*<td><a href="\/tickets\/\d+">[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(1);
    const cells = [...rows[0]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    expect(cells).toEqual(['Invoicing', 'Annual 2025', '100.0 %', '25.0 %', '−75.0 pp', '10', '4', '−6']);

    // The campaign routed from shows no effect of its own tickets.
    const earlier = await agent.get(`/campaigns/${y2025.id}/closure-effect`).expect(200);
    expect(earlier.text).toContain('No resolved tickets from earlier campaigns');
  });

  it('is not shown to team members', async () => {
    const team = await createTeam(db);
    const campaign = await createCampaign(db);
    const member = await createUser(db, { role: 'member', teamId: team.id });
    const agent = await signedInAgent(createTestApp(db), member);
    await agent.get(`/campaigns/${campaign.id}/closure-effect`).expect(403);
  });
});
