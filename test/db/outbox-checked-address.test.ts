import type { Db } from '../../src/db/database';
import { CheckedAddress } from '../../src/mail/mail';
import { enqueueTemplatedMails, type SharedMailText } from '../../src/mail/outbox.repository';
import { createTestDb } from '../support/test-db';

const NOW = new Date('2026-03-02T08:00:00Z');
const text: SharedMailText = { key: 'test:checked', subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' };
const mailTo = (to: string | CheckedAddress) => ({ kind: 'test', template: text, to, fields: {} });

describe('outbox addresses', () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  it('stores a checked address as it was checked and checks a plain one itself', async () => {
    await enqueueTemplatedMails(db, [mailTo(CheckedAddress.parse(' A@Example.com ')!), mailTo(' B@Example.com')], NOW);
    const rows = await db.selectFrom('outbox').select('to_email').orderBy('id').execute();
    expect(rows.map((r) => r.to_email)).toEqual(['a@example.com', 'b@example.com']);
  });

  it('refuses a plain address that is not one plain address, and stores none of the mails', async () => {
    await expect(enqueueTemplatedMails(db, [mailTo('a@example.com'), mailTo('Anna <anna@example.com>')], NOW)).rejects.toThrow(/invalid mail address/);
    expect(await db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });
});
