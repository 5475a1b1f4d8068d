import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createContact, createCustomer } from '../support/customer-factories';
import { eachTestGets } from '../support/per-test';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures', name));

describe('contacts CSV import page', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  /** Uploads a file and, when its preview is shown, confirms it with "Import": the import's answer (or the refusal). */
  async function upload(agent: Awaited<ReturnType<typeof signedInAgent>>, data: Buffer, filename = 'contacts.csv') {
    const token = await csrfOf(agent, '/customers/import');
    const preview = await agent.post('/customers/import').field('_csrf', token).attach('file', data, filename);
    const upload = /name="upload" value="([^"]+)"/.exec(preview.text)?.[1];
    if (preview.status !== 200 || !upload) return preview;
    return agent.post('/customers/import/confirm').type('form').send({ _csrf: csrfFrom(preview.text), upload });
  }

  const contacts = () => db.selectFrom('contact').select(['email', 'name', 'language', 'customer_id']).orderBy('email').execute();

  it('imports the good rows of a file with bad rows and lists every bad row by line with its reason', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const kam = await createUser(db, { role: 'kam', email: 'kam@example.com', name: 'Kim Kam' });
    const agent = await signedInAgent(createTestApp(db), manager);

    const res = await upload(agent, fixture('contacts-bad-rows.csv'));

    expect(res.status).toBe(200);
    const rejected = [...res.text.matchAll(/<tr><td class="num">(\d+)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(rejected).toEqual([
      [3, 'missing email'],
      [4, 'invalid email &#34;not-an-email&#34;'],
      [5, expect.stringContaining('unknown language &#34;fi&#34;')],
      [6, 'unknown KAM nobody@example.com'],
      [7, expect.stringContaining('unknown relationship &#34;friendly&#34;')],
      [8, 'missing customer'],
      [9, 'duplicate email anna@acme.example (already on line 2)'],
    ]);
    expect(res.text).toContain('2 contacts created, 0 updated, 0 unchanged');
    expect(await contacts()).toEqual([
      expect.objectContaining({ email: 'anna@acme.example', name: 'Anna Andersson', language: 'sv' }),
      expect.objectContaining({ email: 'greta@gamma.example', name: 'Greta', language: 'en' }),
    ]);
    const customers = await db.selectFrom('customer').selectAll().orderBy('name').execute();
    expect(customers).toEqual([
      expect.objectContaining({ name: 'Acme AB', ref: 'C-1', segment: 'Industry', region: 'North', kam_user_id: kam.id, relationship: 'strategic', language: 'sv' }),
      expect.objectContaining({ name: 'Gamma Ltd', ref: null, segment: 'Retail', relationship: 'support' }),
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const manager = await createUser(db, { role: 'manager' });
    await createUser(db, { role: 'kam', email: 'kam@example.com' });
    const agent = await signedInAgent(createTestApp(db), manager);
    expect((await upload(agent, fixture('contacts-bad-rows.csv'))).status).toBe(200);
    const contactsBefore = await db.selectFrom('contact').selectAll().orderBy('id').execute();
    const customersBefore = await db.selectFrom('customer').selectAll().orderBy('id').execute();

    const again = await upload(agent, fixture('contacts-bad-rows.csv'));

    expect(again.text).toContain('0 contacts created, 0 updated, 2 unchanged');
    expect(again.text).toContain('0 customers created, 0 updated');
    expect(await db.selectFrom('contact').selectAll().orderBy('id').execute()).toEqual(contactsBefore);
    expect(await db.selectFrom('customer').selectAll().orderBy('id').execute()).toEqual(customersBefore);
  });

  it('reads a UTF-8 file with BOM, semicolons and quoted fields', async () => {
    const manager = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(createTestApp(db), manager);

    const res = await upload(agent, fixture('contacts-semicolon-bom.csv'));

    expect(res.status).toBe(200);
    expect(res.text).toContain('3 contacts created');
    expect(res.text).toContain('0 rows rejected');
    const rows = await db
      .selectFrom('contact')
      .innerJoin('customer', 'customer.id', 'contact.customer_id')
      .select(['contact.email', 'contact.name', 'customer.name as customer', 'customer.segment'])
      .orderBy('contact.email')
      .execute();
    expect(rows).toEqual([
      { email: 'dan@delta.example', name: 'Dan', customer: 'Delta; Sons', segment: 'Retail; online' },
      { email: 'dora@delta.example', name: 'Dora "DJ" Dahl', customer: 'Delta; Sons', segment: 'Retail; online' },
      { email: 'eric@epsilon.example', name: 'Eric\nEricsson', customer: 'Epsilon, Inc', segment: 'Industry' },
    ]);
  });

  it('updates matched contacts and customers, and never opts a contact back in', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const customer = await createCustomer(db, { name: 'Old Name', ref: 'C-9', segment: 'Industry' });
    const contact = await createContact(db, customer.id, { email: 'pia@old.example', name: 'Pia' });
    await db.updateTable('contact').set({ opted_out_at: '2025-01-01T00:00:00.000Z' }).where('id', '=', contact.id).execute();
    const agent = await signedInAgent(createTestApp(db), manager);

    const res = await upload(agent, Buffer.from('customer,customer_ref,email,name,segment\nNew Name,C-9,PIA@old.example,Pia Persson,\n'));

    expect(res.text).toContain('0 contacts created, 1 updated, 0 unchanged');
    const saved = await db.selectFrom('contact').selectAll().executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ email: 'pia@old.example', name: 'Pia Persson', opted_out_at: '2025-01-01T00:00:00.000Z', customer_id: customer.id });
    const savedCustomer = await db.selectFrom('customer').selectAll().executeTakeFirstOrThrow();
    expect(savedCustomer).toMatchObject({ name: 'New Name', ref: 'C-9', segment: 'Industry' });
  });

  it('answers a file that is not CSV with a clear message beside the field and imports nothing', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), manager);

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const binary = await upload(agent, png, 'photo.png');
    expect(binary.status).toBe(422);
    expect(binary.text).toContain('id="file-error"');
    expect(binary.text).toContain('This file is not a contacts CSV');

    const noHeader = await upload(agent, Buffer.from('Acme,anna@acme.example\nBeta,bo@beta.example\n'));
    expect(noHeader.status).toBe(422);
    expect(noHeader.text).toContain('header row that names at least the columns customer and email');

    const none = await agent.post('/customers/import').field('_csrf', await csrfOf(agent, '/customers/import'));
    expect(none.status).toBe(422);
    expect(none.text).toContain('Choose a CSV file to import');
    expect(await db.selectFrom('contact').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('customer').selectAll().execute()).toEqual([]);
  });

  it('refuses an upload without the form token, and a KAM or team member altogether', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), manager);
    await agent.post('/customers/import').attach('file', fixture('contacts-semicolon-bom.csv'), 'c.csv').expect(403);

    for (const role of ['kam', 'member'] as const) {
      const outsider = await signedInAgent(createTestApp(db), await createUser(db, { role }));
      await outsider.get('/customers/import').expect(403);
      const token = await csrfOf(outsider, '/');
      await outsider.post('/customers/import').field('_csrf', token).attach('file', fixture('contacts-semicolon-bom.csv'), 'c.csv').expect(403);
    }
    expect(await db.selectFrom('contact').selectAll().execute()).toEqual([]);
  });
});
