import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createContact, createCustomer } from '../support/customer-factories';
import { eachTestGets } from '../support/per-test';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures', name));
type Agent = Awaited<ReturnType<typeof signedInAgent>>;

describe('contacts import preview', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function preview(agent: Agent, data: Buffer) {
    const res = await agent.post('/customers/import').field('_csrf', await csrfOf(agent, '/customers/import')).attach('file', data, 'contacts.csv');
    expect(res.status).toBe(200);
    return { res, upload: /name="upload" value="([^"]+)"/.exec(res.text)![1]! };
  }
  const confirm = (agent: Agent, page: string, upload: string) => agent.post('/customers/import/confirm').type('form').send({ _csrf: csrfFrom(page), upload });
  const count = (html: string, id: string) => Number(new RegExp(`<dd id="${id}">(\\d+)</dd>`).exec(html)?.[1]);
  const everything = async () => ({
    contacts: await db.selectFrom('contact').selectAll().orderBy('id').execute(),
    customers: await db.selectFrom('customer').selectAll().orderBy('id').execute(),
  });

  it('shows the counts the import then reports, and writes no contact or customer until "Import"', async () => {
    await createUser(db, { role: 'kam', email: 'kam@example.com' });
    // Stored before: Anna's name changes, Greta is already up to date, Acme gets its segment.
    const acme = await createCustomer(db, { name: 'Acme AB', ref: 'C-1' });
    await createContact(db, acme.id, { email: 'anna@acme.example', name: 'Anna' });
    const gamma = await createCustomer(db, { name: 'Gamma Ltd', segment: 'Retail', region: 'South', relationship: 'support' });
    await createContact(db, gamma.id, { email: 'greta@gamma.example', name: 'Greta', language: 'en' });
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));
    const before = await everything();

    const { res, upload } = await preview(agent, Buffer.concat([fixture('contacts-bad-rows.csv'), Buffer.from('Delta Oy,C-4,dora@delta.example,Dora,en,,,,\n')]));

    expect(await everything()).toEqual(before);
    expect(res.text).toContain('Nothing is saved yet.');
    const shown = {
      created: count(res.text, 'created'),
      updated: count(res.text, 'updated'),
      unchanged: count(res.text, 'unchanged'),
      customersCreated: count(res.text, 'customers-created'),
      customersUpdated: count(res.text, 'customers-updated'),
      rejected: count(res.text, 'rejected'),
    };
    expect(shown).toEqual({ created: 1, updated: 1, unchanged: 1, customersCreated: 1, customersUpdated: 1, rejected: 7 });
    const rejectedLines = [...res.text.matchAll(/<tr><td class="num">(\d+)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => Number(m[1]));
    expect(rejectedLines).toEqual([3, 4, 5, 6, 7, 8, 9]);
    // The first rows as read, with their file lines.
    expect(res.text).toContain('<td class="num">2</td><td>Acme AB</td><td>C-1</td><td>anna@acme.example</td><td>Anna Andersson</td>');

    const result = await confirm(agent, res.text, upload).expect(200);
    expect({
      created: count(result.text, 'created'),
      updated: count(result.text, 'updated'),
      unchanged: count(result.text, 'unchanged'),
      rejected: count(result.text, 'rejected'),
    }).toEqual({ created: shown.created, updated: shown.updated, unchanged: shown.unchanged, rejected: shown.rejected });
    expect(result.text).toContain(`${shown.customersCreated} customers created, ${shown.customersUpdated} updated`);
    const after = await everything();
    expect(after.contacts.length - before.contacts.length).toBe(shown.created);
    expect(after.customers.length - before.customers.length).toBe(shown.customersCreated);
    expect(after.contacts.find((c) => c.email === 'anna@acme.example')?.name).toBe('Anna Andersson');
  });

  it('imports a preview once, only for its uploader, and forgets it after an hour', async () => {
    let now = new Date('2026-05-04T09:00:00Z');
    const app = createTestApp(db, { clock: () => now });
    const manager = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    const other = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    const file = Buffer.from('customer,email\nAcme AB,anna@acme.example\n');

    const first = await preview(manager, file);
    const refused = await confirm(other, (await other.get('/customers/import')).text, first.upload);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('This preview is no longer available');
    expect(await db.selectFrom('contact').selectAll().execute()).toEqual([]);

    await confirm(manager, first.res.text, first.upload).expect(200);
    const again = await confirm(manager, first.res.text, first.upload);
    expect(again.status).toBe(422);
    expect(await db.selectFrom('contact').selectAll().execute()).toHaveLength(1);

    const late = await preview(manager, Buffer.from('customer,email\nBeta,bo@beta.example\n'));
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await confirm(manager, late.res.text, late.upload)).status).toBe(422);
    expect(await db.selectFrom('contact').select('email').execute()).toEqual([{ email: 'anna@acme.example' }]);
    // The stored upload is the decoded file, kept under a hash of its token, never the token itself.
    const stored = await db.selectFrom('contact_import_upload').select(['token_hash', 'content']).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toBe(late.upload);
    expect(stored[0]!.content).toContain('bo@beta.example');
  });

  it('offers a sample file that Excel opens as UTF-8 and that imports without a rejected row', async () => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));
    expect((await agent.get('/customers/import').expect(200)).text).toContain('href="/customers/import/sample.csv"');
    const sample = await agent.get('/customers/import/sample.csv').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(sample.status).toBe(200);
    expect(sample.headers['content-disposition']).toContain('attachment; filename="contacts-sample.csv"');
    const bytes = sample.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Søren Bæk');

    const { res } = await preview(agent, bytes);
    expect(count(res.text, 'created')).toBe(4);
    expect(count(res.text, 'rejected')).toBe(0);
  });

  it('offers no "Import" when no row can be imported', async () => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));
    const res = await agent.post('/customers/import').field('_csrf', await csrfOf(agent, '/customers/import')).attach('file', Buffer.from('customer,email\nAcme,not-an-email\n'), 'c.csv');
    expect(res.status).toBe(200);
    expect(res.text).toContain('No row of this file can be imported');
    expect(res.text).not.toContain('action="/customers/import/confirm"');
  });
});
