import type { Db } from '../../src/db/database';
import { customerMatches, narrowsCustomers, type CustomerFilter } from '../../src/customers/customer.repository';
import { createUser } from '../support/factories';
import { createContact, createCustomer } from '../support/customer-factories';
import { eachTestGets } from '../support/per-test';

describe('the one customer filter (customerMatches)', () => {
  let db: Db;
  let kamId: number;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    kamId = (await createUser(db, { role: 'kam' })).id;
    const acme = await createCustomer(db, { name: 'Acme 100% AB', ref: 'R_1', segment: 'Industry', region: 'North', kamUserId: kamId, relationship: 'strategic' });
    await createCustomer(db, { name: 'Beta', segment: 'Retail', region: 'South', relationship: 'support' });
    const gamma = await createCustomer(db, { name: 'Gamma', segment: 'Retail', region: 'North' });
    await createContact(db, acme.id, { email: 'anna@acme.example' });
    const bo = await createContact(db, gamma.id, { email: 'bo@gamma.example', name: 'Bo Berg' });
    await db.updateTable('contact').set({ opted_out_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', bo.id).execute();
  });

  const names = async (filter: CustomerFilter) =>
    (await db.selectFrom('customer').select('customer.name').where(customerMatches(filter)).orderBy('customer.name').execute()).map((r) => r.name);

  it('narrows by each attribute given, a single value or any of a list', async () => {
    expect(await names({})).toEqual(['Acme 100% AB', 'Beta', 'Gamma']);
    expect(await names({ segment: 'Retail' })).toEqual(['Beta', 'Gamma']);
    expect(await names({ segment: ['Retail'], region: ['North', 'East'] })).toEqual(['Gamma']);
    expect(await names({ relationship: ['strategic', 'support'] })).toEqual(['Acme 100% AB', 'Beta']);
    expect(await names({ kamUserId: kamId })).toEqual(['Acme 100% AB']);
    expect(await names({ kamUserId: [kamId, kamId + 1] })).toEqual(['Acme 100% AB']);
    expect(await names({ kamUserId: null })).toEqual(['Beta', 'Gamma']);
  });

  it('matches no customer for an empty list', async () => {
    expect(await names({ segment: [] })).toEqual([]);
    expect(await names({ kamUserId: [] })).toEqual([]);
  });

  it('searches names, refs and contacts case-insensitively, with % and _ taken literally', async () => {
    expect(await names({ q: 'GAM' })).toEqual(['Gamma']);
    expect(await names({ q: 'anna@acme' })).toEqual(['Acme 100% AB']);
    expect(await names({ q: 'bo berg' })).toEqual(['Gamma']);
    expect(await names({ q: '100%' })).toEqual(['Acme 100% AB']);
    expect(await names({ q: '0%' })).toEqual(['Acme 100% AB']);
    expect(await names({ q: '%' })).toEqual(['Acme 100% AB']);
    expect(await names({ q: 'r_1' })).toEqual(['Acme 100% AB']);
    expect(await names({ q: '_' })).toEqual(['Acme 100% AB']);
  });

  it('tells customers with an opted-out contact from those without', async () => {
    expect(await names({ hasOptedOut: true })).toEqual(['Gamma']);
    expect(await names({ hasOptedOut: false })).toEqual(['Acme 100% AB', 'Beta']);
  });

  it('works on a query that joins contacts to their customer', async () => {
    const emails = await db
      .selectFrom('contact')
      .innerJoin('customer', 'customer.id', 'contact.customer_id')
      .select('contact.email')
      .where(customerMatches({ region: 'North', hasOptedOut: false }))
      .execute();
    expect(emails).toEqual([{ email: 'anna@acme.example' }]);
  });

  it('says whether a filter narrows at all', () => {
    expect(narrowsCustomers({})).toBe(false);
    expect(narrowsCustomers({ segment: undefined })).toBe(false);
    expect(narrowsCustomers({ segment: [] })).toBe(true);
    expect(narrowsCustomers({ kamUserId: null })).toBe(true);
  });
});
