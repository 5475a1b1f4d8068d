import type { Db } from '../../src/db/database';
import { listFailureReasons, listProgressCountsBySegment } from '../../src/campaigns/campaign-progress.repository';
import { createContact, createCustomer, submitResponse } from '../support/campaign-factories';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

// The progress figures count invitations, each once: an invitation mail that failed and was then
// sent counts as sent and as failed, reminders do not count, a partial response is started only.

const NOW = '2026-03-01T10:00:00.000Z';

async function insertCampaign(db: Db, name: string): Promise<number> {
  const row = await db
    .insertInto('campaign')
    .values({ name, template: 'annual-pds', status: 'running', closes_at: '2026-04-01T00:00:00.000Z', definition: '{}', launched_at: NOW, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function invite(db: Db, campaignId: number, contactId: number, o: { opened?: boolean; mails?: [kind: string, status: string][] } = {}): Promise<number> {
  const row = await db
    .insertInto('invitation')
    .values({ campaign_id: campaignId, contact_id: contactId, token_hash: `hash-${campaignId}-${contactId}`, opened_at: o.opened ? NOW : null, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [kind, status] of o.mails ?? []) {
    await db
      .insertInto('outbox')
      .values({ kind, to_email: `c${contactId}@example.com`, subject: 's', text_body: 't', html_body: 'h', invitation_id: row.id, status, next_attempt_at: NOW, created_at: NOW, last_error: status === 'failed' ? '550 no such user' : null })
      .execute();
  }
  return row.id;
}

describe('campaign progress counts', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('count each invitation once per figure, by segment (no segment first), and only the campaign’s own', async () => {
    const kam = await createUser(db, { role: 'kam' });
    const retail = await createCustomer(db, { segment: 'Retail', kamUserId: kam.id });
    const industry = await createCustomer(db, { segment: 'Industry' });
    const unsegmented = await createCustomer(db, { segment: null });
    const campaign = await insertCampaign(db, 'This year');
    const other = await insertCampaign(db, 'Last year');

    const r1 = await createContact(db, retail);
    const r2 = await createContact(db, retail);
    const r3 = await createContact(db, retail);
    const i1 = await createContact(db, industry);
    const i2 = await createContact(db, industry);
    const u1 = await createContact(db, unsegmented);

    const a = await invite(db, campaign, r1.id, { opened: true, mails: [['invitation', 'sent'], ['reminder', 'sent']] });
    await invite(db, campaign, r2.id, { mails: [['invitation', 'failed'], ['invitation', 'sent']] });
    const c = await invite(db, campaign, r3.id, { opened: true, mails: [['invitation', 'pending'], ['reminder', 'failed']] });
    await invite(db, campaign, i1.id, { mails: [['invitation', 'failed']] });
    const e = await invite(db, campaign, i2.id, { opened: true, mails: [['invitation', 'sent']] });
    await invite(db, campaign, u1.id, {});
    const elsewhere = await invite(db, other, r1.id, { opened: true, mails: [['invitation', 'failed']] });

    await submitResponse(db, a, new Date(NOW));
    await submitResponse(db, e, new Date(NOW));
    await submitResponse(db, elsewhere, new Date(NOW));
    await submitResponse(db, c, new Date(NOW));
    await db.updateTable('response').set({ status: 'partial', submitted_at: null }).where('invitation_id', '=', c).execute();

    expect(await listProgressCountsBySegment(db, campaign, null)).toEqual([
      { segment: null, invited: 1, sent: 0, failed: 0, opened: 0, started: 0, submitted: 0 },
      { segment: 'Industry', invited: 2, sent: 1, failed: 1, opened: 1, started: 1, submitted: 1 },
      { segment: 'Retail', invited: 3, sent: 2, failed: 1, opened: 2, started: 2, submitted: 1 },
    ]);
    expect(await listProgressCountsBySegment(db, campaign, kam.id)).toEqual([{ segment: 'Retail', invited: 3, sent: 2, failed: 1, opened: 2, started: 2, submitted: 1 }]);
    expect(await listProgressCountsBySegment(db, await insertCampaign(db, 'Not launched'), null)).toEqual([]);

    const failures = await listFailureReasons(db, campaign, null);
    expect(failures.map((f) => [f.email, f.kind, f.error])).toEqual([
      [`c${r2.id}@example.com`, 'invitation', '550 no such user'],
      [`c${r3.id}@example.com`, 'reminder', '550 no such user'],
      [`c${i1.id}@example.com`, 'invitation', '550 no such user'],
    ]);
  });
});
