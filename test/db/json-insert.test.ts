import type { Db } from '../../src/db/database';
import { JSON_INSERT_CHUNK, insertJsonRows } from '../../src/db/json-insert';
import { createContact, createCustomer, createDraftCampaign } from '../support/campaign-factories';
import { openTestDatabase } from '../support/test-database';

// The set-based insert of the launch (invitations, skips, outbox rows), on the suite's engine.
describe('insertJsonRows', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.destroy());

  const outboxInsert = (rows: unknown[][]) =>
    insertJsonRows(db, {
      table: 'outbox',
      columns: [
        ['kind', 'text'],
        ['to_email', 'text'],
        ['to_name', 'text'],
        ['invitation_id', 'integer'],
        ['next_attempt_at', 'timestamp'],
      ],
      constants: [
        ['subject', 'text', 'Hello'],
        ['text_body', 'text', ''],
        ['html_body', 'text', ''],
        ['attempts', 'integer', 3],
        ['created_at', 'timestamp', '2026-12-03T10:00:00.000Z'],
      ],
      rows,
      returning: ['id', 'to_email'],
    });

  it('inserts every row across statements, each value as its column type and each constant in every row', async () => {
    const count = JSON_INSERT_CHUNK + 2;
    const rows = Array.from({ length: count }, (_, i) => ['invitation', `p${i}@example.com`, i % 2 ? `Person "${i}"\u00e9` : null, null, `2026-12-0${1 + (i % 3)}T08:00:00.000Z`]);

    const returned = await outboxInsert(rows);

    expect(returned).toHaveLength(count);
    expect(new Set(returned.map((r) => Number(r.id))).size).toBe(count);
    const stored = await db.selectFrom('outbox').select(['id', 'to_email', 'to_name', 'invitation_id', 'next_attempt_at', 'subject', 'attempts', 'status', 'created_at']).orderBy('id').execute();
    expect(stored).toHaveLength(count);
    expect(stored.map((r) => r.to_email)).toEqual(rows.map((r) => r[1]));
    expect(new Map(returned.map((r) => [Number(r.id), r.to_email]))).toEqual(new Map(stored.map((r) => [Number(r.id), r.to_email])));
    const last = stored[count - 1]!;
    expect({ ...last, id: undefined, attempts: Number(last.attempts) }).toEqual({
      id: undefined,
      to_email: `p${count - 1}@example.com`,
      to_name: `Person "${count - 1}"\u00e9`,
      invitation_id: null,
      next_attempt_at: `2026-12-0${1 + ((count - 1) % 3)}T08:00:00.000Z`,
      subject: 'Hello',
      attempts: 3,
      status: 'pending',
      created_at: '2026-12-03T10:00:00.000Z',
    });
    expect(stored[0]!.to_name).toBeNull();
  });

  it('runs no statement for no rows', async () => {
    expect(await outboxInsert([])).toEqual([]);
    expect(await db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('stores hex as bytes and leaves out the rows whose key is taken, returning only the rows it inserted', async () => {
    const campaignId = await createDraftCampaign(db, new Date());
    const customer = await createCustomer(db);
    const [a, b, c] = [await createContact(db, customer), await createContact(db, customer), await createContact(db, customer)];
    const insert = (rows: [number, string, string][]) =>
      insertJsonRows(db, {
        table: 'invitation',
        columns: [
          ['contact_id', 'integer'],
          ['token_hash', 'bytes'],
          ['token_salt', 'bytes'],
        ],
        constants: [
          ['campaign_id', 'integer', campaignId],
          ['created_at', 'timestamp', '2026-12-03T10:00:00.000Z'],
        ],
        rows,
        skipConflictsOn: ['campaign_id', 'contact_id'],
        returning: ['id', 'contact_id'],
      });

    const first = await insert([
      [a.id, '00'.repeat(16), 'ff'.repeat(16)],
      [b.id, '0123456789abcdef'.repeat(2), 'fedcba9876543210'.repeat(2)],
    ]);
    const second = await insert([
      [b.id, '11'.repeat(16), '11'.repeat(16)],
      [c.id, '22'.repeat(16), '33'.repeat(16)],
    ]);

    expect(first.map((r) => Number(r.contact_id)).sort()).toEqual([a.id, b.id].sort());
    expect(second.map((r) => Number(r.contact_id))).toEqual([c.id]);
    const stored = await db.selectFrom('invitation').select(['id', 'contact_id', 'token_hash', 'token_salt', 'campaign_id']).orderBy('contact_id').execute();
    expect(stored.map((r) => [Number(r.contact_id), Buffer.from(r.token_hash as Uint8Array).toString('hex'), Buffer.from(r.token_salt as Uint8Array).toString('hex'), Number(r.campaign_id)])).toEqual([
      [a.id, '00'.repeat(16), 'ff'.repeat(16), campaignId],
      [b.id, '0123456789abcdef'.repeat(2), 'fedcba9876543210'.repeat(2), campaignId],
      [c.id, '22'.repeat(16), '33'.repeat(16), campaignId],
    ]);
    expect(Number(second[0]!.id)).toBe(Number(stored[2]!.id));
  });
});
