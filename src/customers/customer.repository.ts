import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Contact, Customer } from './customer';

type CustomerRow = {
  id: number;
  name: string;
  ref: string | null;
  segment: string | null;
  region: string | null;
  kam_user_id: number | null;
  relationship: string | null;
  language: string;
  created_at: string;
  updated_at: string;
};

type ContactRow = {
  id: number;
  customer_id: number;
  email: string;
  name: string | null;
  language: string | null;
  opted_out_at: string | null;
  created_at: string;
  updated_at: string;
};

const CUSTOMER_COLUMNS = ['id', 'name', 'ref', 'segment', 'region', 'kam_user_id', 'relationship', 'language', 'created_at', 'updated_at'] as const;
const CONTACT_COLUMNS = ['id', 'customer_id', 'email', 'name', 'language', 'opted_out_at', 'created_at', 'updated_at'] as const;

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    ref: row.ref,
    segment: row.segment,
    region: row.region,
    kamUserId: row.kam_user_id,
    relationship: row.relationship,
    language: row.language,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    customerId: row.customer_id,
    email: row.email,
    name: row.name,
    language: row.language,
    optedOutAt: row.opted_out_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface CustomerFilter {
  q?: string;
  segment?: string;
  region?: string;
  /** A user id, or 'none' for customers without a KAM. */
  kam?: number | 'none';
  relationship?: string;
  /** true: customers with at least one opted-out contact. */
  hasOptedOut?: boolean;
}

export interface CustomerListItem extends Customer {
  kamName: string | null;
  contactCount: number;
  optedOutCount: number;
}

function filteredCustomers(db: Db, filter: CustomerFilter) {
  let query = db.selectFrom('customer');
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(customer.name)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(customer.ref)`, 'like', sql`${like} escape '\\'`),
        eb.exists(
          eb
            .selectFrom('contact as c')
            .select('c.id')
            .whereRef('c.customer_id', '=', 'customer.id')
            .where((inner) =>
              inner.or([
                inner(sql`lower(c.email)`, 'like', sql`${like} escape '\\'`),
                inner(sql`lower(c.name)`, 'like', sql`${like} escape '\\'`),
              ]),
            ),
        ),
      ]),
    );
  }
  if (filter.segment) query = query.where('customer.segment', '=', filter.segment);
  if (filter.region) query = query.where('customer.region', '=', filter.region);
  if (filter.kam === 'none') query = query.where('customer.kam_user_id', 'is', null);
  else if (filter.kam !== undefined) query = query.where('customer.kam_user_id', '=', filter.kam);
  if (filter.relationship) query = query.where('customer.relationship', '=', filter.relationship);
  if (filter.hasOptedOut !== undefined) {
    query = query.where((eb) => {
      const optedOut = eb
        .selectFrom('contact as o')
        .select('o.id')
        .whereRef('o.customer_id', '=', 'customer.id')
        .where('o.opted_out_at', 'is not', null);
      return filter.hasOptedOut ? eb.exists(optedOut) : eb.not(eb.exists(optedOut));
    });
  }
  return query;
}

export async function countCustomers(db: Db, filter: CustomerFilter): Promise<number> {
  const row = await filteredCustomers(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCustomers(db: Db, filter: CustomerFilter, page: { limit: number; offset: number }): Promise<CustomerListItem[]> {
  const rows = await filteredCustomers(db, filter)
    .leftJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .select(CUSTOMER_COLUMNS.map((c) => `customer.${c}` as const))
    .select('kam.name as kam_name')
    .select((eb) => [
      eb.selectFrom('contact as n').select((e) => e.fn.countAll<number>().as('c')).whereRef('n.customer_id', '=', 'customer.id').as('contact_count'),
      eb
        .selectFrom('contact as n')
        .select((e) => e.fn.countAll<number>().as('c'))
        .whereRef('n.customer_id', '=', 'customer.id')
        .where('n.opted_out_at', 'is not', null)
        .as('opted_out_count'),
    ])
    .orderBy('customer.name')
    .orderBy('customer.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({
    ...toCustomer(row),
    kamName: row.kam_name,
    contactCount: Number(row.contact_count ?? 0),
    optedOutCount: Number(row.opted_out_count ?? 0),
  }));
}

/** Distinct non-empty values of a customer column, for filter choices. */
export async function listCustomerValues(db: Db, column: 'segment' | 'region'): Promise<string[]> {
  const rows = await db.selectFrom('customer').select(column).distinct().where(column, 'is not', null).orderBy(column).execute();
  return rows.map((r) => r[column]).filter((v): v is string => !!v);
}

export async function findCustomerById(db: Db, id: number): Promise<Customer | undefined> {
  const row = await db.selectFrom('customer').select(CUSTOMER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toCustomer(row);
}

export async function findCustomerByRef(db: Db, ref: string): Promise<Customer | undefined> {
  const row = await db.selectFrom('customer').select(CUSTOMER_COLUMNS).where('ref', '=', ref).executeTakeFirst();
  return row && toCustomer(row);
}

/** The oldest customer with this name (case-insensitive), optionally only among those without a ref. */
export async function findCustomerByName(db: Db, name: string, options: { withoutRef?: boolean } = {}): Promise<Customer | undefined> {
  let query = db
    .selectFrom('customer')
    .select(CUSTOMER_COLUMNS)
    .where(sql`lower(name)`, '=', name.toLowerCase());
  if (options.withoutRef) query = query.where('ref', 'is', null);
  const row = await query.orderBy('id').limit(1).executeTakeFirst();
  return row && toCustomer(row);
}

export interface CustomerValues {
  name: string;
  ref: string | null;
  segment: string | null;
  region: string | null;
  kamUserId: number | null;
  relationship: string | null;
  language: string;
}

export async function insertCustomer(db: Db, values: CustomerValues, now: Date): Promise<number> {
  const row = await db
    .insertInto('customer')
    .values({
      name: values.name,
      ref: values.ref,
      segment: values.segment,
      region: values.region,
      kam_user_id: values.kamUserId,
      relationship: values.relationship,
      language: values.language,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCustomer(db: Db, id: number, changes: Partial<CustomerValues>, now: Date): Promise<void> {
  await db
    .updateTable('customer')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.ref !== undefined && { ref: changes.ref }),
      ...(changes.segment !== undefined && { segment: changes.segment }),
      ...(changes.region !== undefined && { region: changes.region }),
      ...(changes.kamUserId !== undefined && { kam_user_id: changes.kamUserId }),
      ...(changes.relationship !== undefined && { relationship: changes.relationship }),
      ...(changes.language !== undefined && { language: changes.language }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function listContactsOfCustomer(db: Db, customerId: number): Promise<Contact[]> {
  const rows = await db.selectFrom('contact').select(CONTACT_COLUMNS).where('customer_id', '=', customerId).orderBy('email').execute();
  return rows.map(toContact);
}

export async function findContactById(db: Db, id: number): Promise<Contact | undefined> {
  const row = await db.selectFrom('contact').select(CONTACT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toContact(row);
}

/** Matches case-insensitively, also rows saved before emails were lower-cased. */
export async function findContactByEmail(db: Db, email: string): Promise<Contact | undefined> {
  const row = await db
    .selectFrom('contact')
    .select(CONTACT_COLUMNS)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && toContact(row);
}

export interface ContactValues {
  customerId: number;
  email: string;
  name: string | null;
  language: string | null;
}

export async function insertContact(db: Db, values: ContactValues, now: Date): Promise<number> {
  const row = await db
    .insertInto('contact')
    .values({
      customer_id: values.customerId,
      email: values.email,
      name: values.name,
      language: values.language,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContact(
  db: Db,
  id: number,
  changes: Partial<ContactValues> & { optedOutAt?: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('contact')
    .set({
      ...(changes.customerId !== undefined && { customer_id: changes.customerId }),
      ...(changes.email !== undefined && { email: changes.email }),
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.language !== undefined && { language: changes.language }),
      ...(changes.optedOutAt !== undefined && { opted_out_at: changes.optedOutAt }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Active users by lower-cased email, for KAM look-ups. */
export async function findActiveUserIdsByEmail(db: Db, emails: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    const rows = await db
      .selectFrom('user')
      .select(['id', 'email'])
      .where(sql`lower(email)`, 'in', chunk)
      .where('is_active', '=', 1)
      .execute();
    for (const row of rows) found.set(row.email.toLowerCase(), row.id);
  }
  return found;
}

export async function listActiveUsersForKam(db: Db): Promise<{ id: number; name: string; email: string; role: string }[]> {
  return db.selectFrom('user').select(['id', 'name', 'email', 'role']).where('is_active', '=', 1).orderBy('name').execute();
}

export interface UncoveredCustomer {
  id: number;
  name: string;
  segment: string | null;
  region: string | null;
  kamUserId: number | null;
  kamName: string | null;
  lastSubmittedAt: string | null;
}

/** Customers whose latest submitted response is older than `since`, or who never answered. */
export async function listCustomersNotEvaluatedSince(db: Db, since: Date): Promise<UncoveredCustomer[]> {
  const rows = await db
    .selectFrom('customer')
    .leftJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('response')
          .select(['response.customer_id', (e) => e.fn.max('response.submitted_at').as('last_submitted_at')])
          .where('response.status', '=', 'submitted')
          .where('response.submitted_at', 'is not', null)
          .groupBy('response.customer_id')
          .as('last'),
      (join) => join.onRef('last.customer_id', '=', 'customer.id'),
    )
    .select([
      'customer.id',
      'customer.name',
      'customer.segment',
      'customer.region',
      'customer.kam_user_id',
      'kam.name as kam_name',
      'last.last_submitted_at',
    ])
    .where((eb) => eb.or([eb('last.last_submitted_at', 'is', null), eb('last.last_submitted_at', '<', since.toISOString())]))
    .orderBy('kam.name')
    .orderBy('customer.name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    segment: row.segment,
    region: row.region,
    kamUserId: row.kam_user_id,
    kamName: row.kam_name,
    lastSubmittedAt: (row.last_submitted_at as string | null) ?? null,
  }));
}

/** Customers per KAM (null: no KAM), for coverage totals. */
export async function countCustomersByKam(db: Db): Promise<Map<number | null, number>> {
  const rows = await db
    .selectFrom('customer')
    .select(['kam_user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('kam_user_id')
    .execute();
  return new Map(rows.map((r) => [r.kam_user_id, Number(r.n)]));
}
