import { importContacts } from '../../src/customers/contact-import.service';
import type { ImportRowInput } from '../../src/customers/contact-import';
import { systemActor } from '../../src/auth/user';
import type { Db } from '../../src/db/database';
import { eachTestGets } from '../support/per-test';

// The import writes in chunks (customers, then contacts), new customers in multi-row inserts.
describe('a contact import larger than one write chunk', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));
  const actor = systemActor('test');

  it('reports a bad row of the second chunk by its line and links every contact to its own customer', async () => {
    const rows: ImportRowInput[] = Array.from({ length: 6001 }, (_, i) => ({
      line: i + 2,
      customer: `Customer ${i}`,
      customer_ref: i % 2 === 0 ? `R${i}` : undefined,
      email: i === 5600 ? 'not an email' : `person${i}@example.com`,
      segment: `S${i % 7}`,
    }));
    const dryRun = await importContacts(db, actor, { rows }, new Date(), { dryRun: true });
    const report = await importContacts(db, actor, { rows }, new Date());
    expect(report).toEqual(dryRun);
    expect(report.errors).toEqual([expect.objectContaining({ line: 5602, message: 'invalid email "not an email"' })]);
    expect(report).toMatchObject({ created: 6000, customersCreated: 6000, updated: 0 });

    const linked = await db
      .selectFrom('contact')
      .innerJoin('customer', 'customer.id', 'contact.customer_id')
      .select(['contact.email', 'customer.name', 'customer.ref', 'customer.segment'])
      .execute();
    expect(linked).toHaveLength(6000);
    for (const row of linked) {
      const i = Number(/^person(\d+)@/.exec(row.email)![1]);
      expect(row).toEqual({ email: row.email, name: `Customer ${i}`, ref: i % 2 === 0 ? `R${i}` : null, segment: `S${i % 7}` });
    }
    expect(await importContacts(db, actor, { rows }, new Date())).toMatchObject({ created: 0, updated: 0, unchanged: 6000, customersCreated: 0, customersUpdated: 0 });
  });

  it('gives a customer created earlier in the same chunk the changes of a later row that matches it by name', async () => {
    const rows: ImportRowInput[] = [
      { line: 2, customer: 'Acme AB', customer_ref: 'C-1', email: 'anna@acme.example' },
      { line: 3, customer: 'ACME AB', email: 'bo@acme.example', segment: 'Retail' },
      { line: 4, customer: 'Beta', email: 'cy@beta.example' },
    ];
    const dryRun = await importContacts(db, actor, { rows }, new Date(), { dryRun: true });
    const report = await importContacts(db, actor, { rows }, new Date());
    expect(report).toEqual(dryRun);
    expect(report).toMatchObject({ created: 3, customersCreated: 2, customersUpdated: 1, errors: [] });
    const customers = await db.selectFrom('customer').select(['id', 'name', 'ref', 'segment']).orderBy('id').execute();
    expect(customers.map(({ name, ref, segment }) => ({ name, ref, segment }))).toEqual([
      { name: 'Acme AB', ref: 'C-1', segment: 'Retail' },
      { name: 'Beta', ref: null, segment: null },
    ]);
    const contacts = await db.selectFrom('contact').select(['email', 'customer_id']).orderBy('email').execute();
    expect(contacts).toEqual([
      { email: 'anna@acme.example', customer_id: customers[0]!.id },
      { email: 'bo@acme.example', customer_id: customers[0]!.id },
      { email: 'cy@beta.example', customer_id: customers[1]!.id },
    ]);
  });
});
