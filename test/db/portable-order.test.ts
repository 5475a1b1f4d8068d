// Lists whose order must be the same on SQLite and PostgreSQL: where a column can be NULL (the
// engines sort NULL at opposite ends) and where rows are read without an ORDER BY (PostgreSQL
// returns them in heap order, which an UPDATE changes). Runs on both engines.
import type { Db } from '../../src/db/database';
import { listApiKeys } from '../../src/api/api-key.repository';
import { listRecentlyCodedMentions } from '../../src/analysis/coding.repository';
import { listLaunchedCampaigns } from '../../src/analysis/analysis.repository';
import { listCustomersNotEvaluatedSince } from '../../src/customers/customer.repository';
import { listProgressCountsBySegment } from '../../src/campaigns/campaign-progress.repository';
import { listDueClosingCampaignIds, listDueScheduledCampaignIds, listRunningCampaigns } from '../../src/campaigns/campaign.repository';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { createUser } from '../support/factories';
import { createContact, createCustomer, createDraftCampaign, ctx, submitResponse, testSystem } from '../support/campaign-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('lists in the same order on both engines', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('lists active API keys before revoked ones, newest first', async () => {
    const user = await createUser(db, { role: 'admin' });
    const key = (name: string, revokedAt: string | null) =>
      db
        .insertInto('api_key')
        .values({ name, prefix: name, key_hash: `hash-${name}`, user_id: user.id, created_by: null, created_at: NOW.toISOString(), revoked_at: revokedAt })
        .execute();
    await key('old-active', null);
    await key('revoked', NOW.toISOString());
    await key('new-active', null);
    expect((await listApiKeys(db)).map((k) => k.name)).toEqual(['new-active', 'old-active', 'revoked']);
  });

  it('learns from the mentions coded most recently, after them those picked from the catalogue (no coded_at)', async () => {
    await createContact(db, await createCustomer(db));
    const campaign = await createDraftCampaign(db, NOW);
    await launchCampaign(db, testSystem, campaign, ctx, NOW);
    const invitation = await db.selectFrom('invitation').select('id').where('campaign_id', '=', campaign).executeTakeFirstOrThrow();
    await submitResponse(db, invitation.id, NOW);
    const response = await db.selectFrom('response').select('id').where('campaign_id', '=', campaign).executeTakeFirstOrThrow();
    const category = await db
      .insertInto('problem_category')
      .values({ is_active: 1, created_at: NOW.toISOString(), updated_at: NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const mention = (text: string, codedAt: string | null) =>
      db
        .insertInto('problem_mention')
        .values({ response_id: response.id, campaign_id: campaign, question_id: 'q', rank: 1, text, language: 'en', category_id: category.id, coded_at: codedAt, created_at: NOW.toISOString() })
        .execute();
    await mention('picked', null);
    await mention('coded', NOW.toISOString());
    expect((await listRecentlyCodedMentions(db, 1)).map((m) => m.text)).toEqual(['coded']);
  });

  it('lists customers without a KAM first among those not evaluated', async () => {
    const kam = await createUser(db, { role: 'kam', name: 'Anna' });
    await createCustomer(db, { name: 'With KAM', kamUserId: kam.id });
    await createCustomer(db, { name: 'Without KAM' });
    expect((await listCustomersNotEvaluatedSince(db, NOW)).map((c) => c.name)).toEqual(['Without KAM', 'With KAM']);
  });

  it('shows the progress of customers without a segment first', async () => {
    for (const segment of ['Retail', null]) await createContact(db, await createCustomer(db, { segment }));
    const id = await createDraftCampaign(db, NOW);
    await launchCampaign(db, testSystem, id, ctx, NOW);
    expect((await listProgressCountsBySegment(db, id, null)).map((r) => r.segment)).toEqual([null, 'Retail']);
  });

  it('lists launched campaigns newest first and a campaign without a launch date last', async () => {
    await createContact(db, await createCustomer(db));
    const launched = await createDraftCampaign(db, NOW, { name: 'Launched' });
    await launchCampaign(db, testSystem, launched, ctx, NOW);
    const unlaunched = await createDraftCampaign(db, NOW, { name: 'Snapshot only' });
    await db.updateTable('campaign').set({ definition: '{}' }).where('id', '=', unlaunched).execute();
    expect((await listLaunchedCampaigns(db, null)).map((c) => c.name)).toEqual(['Launched', 'Snapshot only']);
  });

  it('runs the scheduler over campaigns by id, also after a row was updated', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createDraftCampaign(db, NOW, { name: `C${i}` }));
    const past = new Date(NOW.getTime() - 1000).toISOString();
    await db.updateTable('campaign').set({ status: 'running' }).execute();
    // A changed indexed column gives the row a new place in the heap and the index.
    for (const status of ['paused', 'running']) await db.updateTable('campaign').set({ status }).where('id', '=', ids[0]!).execute();
    expect((await listRunningCampaigns(db)).map((c) => c.id)).toEqual(ids);

    await db.updateTable('campaign').set({ status: 'scheduled', starts_at: past, closes_at: past }).execute();
    for (const status of ['paused', 'scheduled']) await db.updateTable('campaign').set({ status }).where('id', '=', ids[0]!).execute();
    expect(await listDueScheduledCampaignIds(db, NOW)).toEqual(ids);
    expect(await listDueClosingCampaignIds(db, NOW)).toEqual(ids);
  });
});
