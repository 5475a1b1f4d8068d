import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Db, Tx } from '../db/database';
import { compiledOnce, multiRowInsert } from '../db/compiled-query';
import { createdColumns, givenColumns } from '../db/columns';
import type { ContactTable, CustomerTable, Database } from '../db/schema';
import type { Contact, Customer, UncoveredCustomer } from './customer';

const CUSTOMER_COLUMNS = ['id', 'name', 'ref', 'segment', 'region', 'kam_user_id', 'relationship', 'language', 'created_at', 'updated_at'] as const;
const CONTACT_COLUMNS = ['id', 'customer_id', 'email', 'name', 'language', 'opted_out_at', 'source', 'inactive_at', 'created_at', 'updated_at'] as const;
type CustomerRow = Pick<Selectable<CustomerTable>, (typeof CUSTOMER_COLUMNS)[number]>;
type ContactRow = Pick<Selectable<ContactTable>, (typeof CONTACT_COLUMNS)[number]>;

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
    source: row.source,
    inactiveAt: row.inactive_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Which customers a list, a campaign audience, an analysis or a ticket's evidence is about.
 * Each attribute given narrows the set; a list matches any of its values, and an empty list
 * matches no customer.
 */
export interface CustomerFilter {
  /** Text in the customer's name or ref, or in a contact's email or name (case-insensitive). */
  q?: string;
  segment?: string | readonly string[];
  region?: string | readonly string[];
  relationship?: string | readonly string[];
  /** A user id or ids; null for customers without a KAM. */
  kamUserId?: number | readonly number[] | null;
  /** true: customers with at least one opted-out contact; false: customers with none. */
  hasOptedOut?: boolean;
}

/** Whether the filter narrows at all: an empty filter matches every customer. */
export function narrowsCustomers(filter: CustomerFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined);
}

type CustomerScope = ExpressionBuilder<Database, 'customer'>;

function oneOf<V extends string | number>(eb: CustomerScope, column: 'customer.segment' | 'customer.region' | 'customer.relationship' | 'customer.kam_user_id', value: V | readonly V[]): Expression<SqlBool> {
  if (!Array.isArray(value)) return eb(column, '=', value as never);
  return value.length ? eb(column, 'in', value as never) : eb.lit(false);
}

/**
 * The one customer filter in SQL: a condition on the `customer` table of the query it is used
 * in, e.g. `db.selectFrom('contact').innerJoin('customer', …).where(customerMatches(filter))`.
 */
export function customerMatches(filter: CustomerFilter) {
  return (eb: CustomerScope): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.q) {
      const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const contains = (column: string) => eb(sql`lower(${sql.ref(column)})`, 'like', sql`${like} escape '\\'`);
      conditions.push(
        eb.or([
          contains('customer.name'),
          contains('customer.ref'),
          eb.exists(
            eb
              .selectFrom('contact as c')
              .select('c.id')
              .whereRef('c.customer_id', '=', 'customer.id')
              .where((inner) => inner.or([contains('c.email'), contains('c.name')])),
          ),
        ]),
      );
    }
    if (filter.segment !== undefined) conditions.push(oneOf(eb, 'customer.segment', filter.segment));
    if (filter.region !== undefined) conditions.push(oneOf(eb, 'customer.region', filter.region));
    if (filter.relationship !== undefined) conditions.push(oneOf(eb, 'customer.relationship', filter.relationship));
    if (filter.kamUserId === null) conditions.push(eb('customer.kam_user_id', 'is', null));
    else if (filter.kamUserId !== undefined) conditions.push(oneOf(eb, 'customer.kam_user_id', filter.kamUserId));
    if (filter.hasOptedOut !== undefined) {
      const optedOut = eb.exists(
        eb.selectFrom('contact as o').select('o.id').whereRef('o.customer_id', '=', 'customer.id').where('o.opted_out_at', 'is not', null),
      );
      conditions.push(filter.hasOptedOut ? optedOut : eb.not(optedOut));
    }
    return eb.and(conditions);
  };
}

export interface CustomerListItem extends Customer {
  kamName: string | null;
  contactCount: number;
  optedOutCount: number;
}

function filteredCustomers(db: Db, filter: CustomerFilter) {
  return db.selectFrom('customer').where(customerMatches(filter));
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

/** What a customer is saved with: everything but its id and timestamps. */
export type CustomerValues = Omit<Customer, 'id' | 'createdAt' | 'updatedAt'>;

/** A customer's fields as columns; a field left undefined is left out. */
function customerColumns(v: Partial<CustomerValues>) {
  return givenColumns({
    name: v.name,
    ref: v.ref,
    segment: v.segment,
    region: v.region,
    kam_user_id: v.kamUserId,
    relationship: v.relationship,
    language: v.language,
  });
}

export async function insertCustomer(db: Db, values: CustomerValues, now: Date): Promise<number> {
  const row = await db.insertInto('customer').values({ ...customerColumns(values), name: values.name, ...createdColumns(now) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Changes only the fields given (undefined leaves a column as it is, null clears it). */
export async function updateCustomer(db: Db, id: number, changes: Partial<CustomerValues>, now: Date): Promise<void> {
  await db.updateTable('customer').set({ ...customerColumns(changes), updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Every contact, oldest first. */
export async function listContacts(db: Db): Promise<Contact[]> {
  const rows = await db.selectFrom('contact').select(CONTACT_COLUMNS).orderBy('id').execute();
  return rows.map(toContact);
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

/** What a contact is saved with; whether it opted out is changed on its own. */
export type ContactValues = Pick<Contact, 'customerId' | 'email' | 'name' | 'language'> & Partial<Pick<Contact, 'source'>>;

/** A contact's fields as columns; a field left undefined is left out. */
function contactColumns(v: Partial<ContactValues & Pick<Contact, 'optedOutAt' | 'inactiveAt'>>) {
  return givenColumns({
    customer_id: v.customerId,
    email: v.email,
    name: v.name,
    language: v.language,
    opted_out_at: v.optedOutAt,
    source: v.source,
    inactive_at: v.inactiveAt,
  });
}

export async function insertContact(db: Db, values: ContactValues, now: Date): Promise<number> {
  const columns = { ...contactColumns(values), customer_id: values.customerId, email: values.email, ...createdColumns(now) };
  const row = await db.insertInto('contact').values(columns).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Changes only the fields given (undefined leaves a column as it is, null clears it). */
export async function updateContact(
  db: Db,
  id: number,
  changes: Partial<ContactValues & Pick<Contact, 'optedOutAt' | 'inactiveAt'>>,
  now: Date,
): Promise<void> {
  await db.updateTable('contact').set({ ...contactColumns(changes), updated_at: now.toISOString() }).where('id', '=', id).execute();
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
    .orderBy('kam.name', (ob) => ob.asc().nullsFirst())
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

/** Customers with one of these refs or (case-insensitive) names, oldest first: one query per import chunk. */
export async function findCustomersByRefsOrNames(db: Db, refs: string[], names: string[]): Promise<Customer[]> {
  if (refs.length === 0 && names.length === 0) return [];
  const lowerNames = [...new Set(names.map((n) => n.toLowerCase()))];
  const rows = await db
    .selectFrom('customer')
    .select(CUSTOMER_COLUMNS)
    .where((eb) => {
      const any: Expression<SqlBool>[] = [];
      if (refs.length > 0) any.push(eb('ref', 'in', refs));
      if (lowerNames.length > 0) any.push(eb(sql<string>`lower(name)`, 'in', lowerNames));
      return eb.or(any);
    })
    .orderBy('id')
    .execute();
  return rows.map(toCustomer);
}

/** Contacts with one of these emails (case-insensitive), oldest first: one query per import chunk. */
export async function findContactsByEmails(db: Db, emails: string[]): Promise<Contact[]> {
  if (emails.length === 0) return [];
  const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
  const rows = await db.selectFrom('contact').select(CONTACT_COLUMNS).where(sql<string>`lower(email)`, 'in', lower).orderBy('id').execute();
  return rows.map(toContact);
}

/** Rows per multi-row insert: 500 × 9 columns stays far below SQLite's and PostgreSQL's parameter limits. */
const INSERT_ROWS = 500;

const CUSTOMER_INSERT_COLUMNS = ['name', 'ref', 'segment', 'region', 'kam_user_id', 'relationship', 'language', 'created_at', 'updated_at'] as const;
const insertCustomerRows = multiRowInsert('customer', CUSTOMER_INSERT_COLUMNS, (query) => query.returning(['id', 'ref', 'name']));

/**
 * Inserts many customers in set-based statements of at most INSERT_ROWS rows; returns each new
 * id with the customer's ref and name (the order of RETURNING rows is not guaranteed).
 */
export async function insertCustomers(db: Db, customers: CustomerValues[], now: Date): Promise<{ id: number; ref: string | null; name: string }[]> {
  const stamp = now.toISOString();
  const created: { id: number; ref: string | null; name: string }[] = [];
  for (let i = 0; i < customers.length; i += INSERT_ROWS) {
    const values = customers.slice(i, i + INSERT_ROWS).flatMap((c) => [c.name, c.ref, c.segment, c.region, c.kamUserId, c.relationship, c.language, stamp, stamp]);
    created.push(...(await insertCustomerRows(db, values)));
  }
  return created;
}

const CONTACT_INSERT_COLUMNS = ['customer_id', 'email', 'name', 'language', 'source', 'created_at', 'updated_at'] as const;
const insertContactRows = multiRowInsert('contact', CONTACT_INSERT_COLUMNS);

/** Inserts many contacts in set-based statements of at most INSERT_ROWS rows. */
export async function insertContacts(db: Db, contacts: ContactValues[], now: Date): Promise<void> {
  const stamp = now.toISOString();
  for (let i = 0; i < contacts.length; i += INSERT_ROWS) {
    await insertContactRows(db, contacts.slice(i, i + INSERT_ROWS).flatMap((c) => [c.customerId, c.email, c.name, c.language, c.source ?? null, stamp, stamp]));
  }
}

/** Every contact a source manages, active or not, oldest first (one query, for a sync). */
export async function listContactsOfSource(db: Db, source: string): Promise<Contact[]> {
  const rows = await db.selectFrom('contact').select(CONTACT_COLUMNS).where('source', '=', source).orderBy('id').execute();
  return rows.map(toContact);
}

/** Marks contacts inactive (those already inactive keep their date), in statements of at most 500. */
export async function updateContactsInactive(db: Db, contactIds: number[], now: Date): Promise<void> {
  for (let i = 0; i < contactIds.length; i += 500) {
    await db
      .updateTable('contact')
      .set({ inactive_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', 'in', contactIds.slice(i, i + 500))
      .where('inactive_at', 'is', null)
      .execute();
  }
}
