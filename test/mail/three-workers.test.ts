// Issue 16: several `pds-loop worker` processes on one database never send an invitation twice
// and leave none unsent. Runs on the suite's engine (a SQLite file or a PostgreSQL database).
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { createContact, createCustomer, createDraftCampaign, ctx, testSystem } from '../support/campaign-factories';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { testEngine } from '../support/test-database';
import { outboxRows, startChild, tempFileDb } from './helpers';

const NOW = new Date('2026-03-02T08:00:00Z');
const INVITATIONS = 2000;

describe(`three worker processes on one ${testEngine} database`, () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
  });

  it(`deliver each of ${INVITATIONS} invitations exactly once`, async () => {
    sink = await startSmtpSink(() => 'accept', { keepRaw: false });
    const shared = await tempFileDb();
    const db = shared.open();
    try {
      const customer = await createCustomer(db);
      const emails = new Set<string>();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < INVITATIONS; i++) emails.add((await createContact(trx, customer, { email: `invitee${i}@example.com` })).email);
      });
      const id = await createDraftCampaign(db, NOW);
      expect((await launchCampaign(db, testSystem, id, ctx, NOW)).invited).toBe(INVITATIONS);

      const children = [0, 1, 2].map(() => startChild(['worker', shared.file, sink!.url, NOW.toISOString()]));
      await Promise.all(children.map((c) => c.ready));
      children.forEach((c) => c.go());
      const results = await Promise.all(children.map((c) => c.result));

      // Every worker took a share, and together they sent each invitation once.
      for (const r of results) expect(Number(r.sent)).toBeGreaterThan(0);
      expect(results.reduce((sum, r) => sum + Number(r.sent), 0)).toBe(INVITATIONS);
      expect(sink.accepted).toHaveLength(INVITATIONS);
      expect(new Set(sink.accepted.map((m) => m.to[0]))).toEqual(emails);
      const rows = await outboxRows(db);
      expect(rows).toHaveLength(INVITATIONS);
      expect(rows.filter((r) => r.status !== 'sent' || r.attempts !== 1)).toEqual([]);
      const unmailed = await db.selectFrom('invitation').select('id').where('campaign_id', '=', id).where('last_mailed_at', 'is', null).execute();
      expect(unmailed).toEqual([]);
    } finally {
      await db.destroy();
      await shared.cleanup();
    }
  }, 240_000);
});
