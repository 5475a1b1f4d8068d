// Several app instances on one database. On PostgreSQL each instance has its own pool, as two
// processes behind a load balancer would; on SQLite both share the one connection of the test
// database (two connections to one file in one process would wait on each other's lock while
// blocking the event loop).
import request from 'supertest';
import type { Db } from '../../src/db/database';
import { runCampaignSchedule } from '../../src/campaigns/campaign-schedule.service';
import { escalateOverdueTickets } from '../../src/tickets/escalation.service';
import { claimJob } from '../../src/db/job-lock.repository';
import { createTestApp } from '../support/test-app';
import { createSharedTestDatabase, testEngine, type SharedTestDatabase } from '../support/test-database';
import { createUser } from '../support/factories';
import { createApiKey } from '../support/analysis-factories';
import { createContact, createCustomer, createDraftCampaign, ctx } from '../support/campaign-factories';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('two app instances on one database', () => {
  let shared: SharedTestDatabase;
  let a: Db;
  let b: Db;
  beforeEach(async () => {
    shared = await createSharedTestDatabase({ migrated: true, prefix: 'pds-instances-' });
    a = shared.open();
    b = testEngine === 'postgres' ? shared.open() : a;
  });
  afterEach(async () => {
    await a.destroy();
    if (b !== a) await b.destroy();
    await shared.cleanup();
  });

  it('launch the same campaign at once: one invites everybody, the other answers 409 and invites nobody twice', async () => {
    const customer = await createCustomer(a);
    for (let i = 0; i < 30; i++) await createContact(a, customer);
    const id = await createDraftCampaign(a, NOW);
    const manager = await createUser(a, { role: 'manager' });
    const auth = await createApiKey(a, manager.id);
    const clock = () => NOW;

    const responses = await Promise.all(
      [a, b].map((db) => request(createTestApp(db, { clock })).post(`/api/v1/campaigns/${id}/launch`).set('Authorization', auth).send({})),
    );

    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(responses.find((r) => r.status === 200)!.body.launch.invited).toBe(30);
    const conflict = responses.find((r) => r.status === 409)!;
    expect(conflict.body.error.code).toBe('conflict');
    expect(conflict.body.error.message).toMatch(/already being launched|running and cannot be launched again/);
    const invitations = await a.selectFrom('invitation').select('contact_id').where('campaign_id', '=', id).execute();
    expect(invitations).toHaveLength(30);
    expect(await a.selectFrom('outbox').select('id').execute()).toHaveLength(30);
  });

  it('run the scheduler tick at once: the campaign schedule and the escalation run in one of them', async () => {
    const ticks = await Promise.all([a, b].map((db) => runCampaignSchedule(db, ctx, NOW)));
    expect(ticks.map((t) => t.skipped).sort()).toEqual([false, true]);
    // Given back when done: the next tick runs again.
    expect((await runCampaignSchedule(b, ctx, NOW)).skipped).toBe(false);

    expect(await claimJob(a, 'ticket-escalation', 'another instance', NOW)).toBe(true);
    expect(await escalateOverdueTickets(b, NOW)).toEqual([]);
    expect(await claimJob(b, 'ticket-escalation', 'a third instance', NOW)).toBe(false);
  });

  it('take over a job whose holder died once its lease has run out', async () => {
    expect(await claimJob(a, 'campaign-schedule', 'crashed instance', NOW, 60_000)).toBe(true);
    expect((await runCampaignSchedule(b, ctx, new Date(NOW.getTime() + 59_000))).skipped).toBe(true);
    expect((await runCampaignSchedule(b, ctx, new Date(NOW.getTime() + 60_000))).skipped).toBe(false);
  });
});
