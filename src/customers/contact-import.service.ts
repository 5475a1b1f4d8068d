import type { Db } from '../db/database';
import type { Actor } from '../auth/user';
import { isAllowed } from '../auth/user.policy';
import { findActiveUserIdsByEmail } from '../accounts/user.repository';
import { ForbiddenError } from '../shared/errors';
import { canImportContacts } from './customer.policy';
import { checkImportRows, customerKey, type CheckedRow, type ImportRowInput, type RowError } from './contact-import';
import type { Contact, Customer } from './customer';
import {
  findContactsByEmails,
  findCustomersByRefsOrNames,
  insertContacts,
  insertCustomer,
  updateContact,
  updateCustomer,
  type ContactValues,
  type CustomerValues,
} from './customer.repository';

export interface ImportReport {
  /** Contacts added, changed and left as they were. */
  created: number;
  updated: number;
  unchanged: number;
  customersCreated: number;
  customersUpdated: number;
  /** Every rejected row, by line, in line order. */
  errors: RowError[];
}

type Desired = Omit<CustomerValues, 'language'> & { language: string | null; line: number };

/** What one file says about each customer: later non-blank values win, so a re-import decides the same. */
function desiredCustomers(rows: CheckedRow[], kamIds: Map<string, number>): Map<string, Desired> {
  const customers = new Map<string, Desired>();
  for (const row of rows) {
    const key = customerKey(row);
    const current = customers.get(key) ?? {
      line: row.line,
      name: row.customer,
      ref: row.customerRef,
      segment: null,
      region: null,
      kamUserId: null,
      relationship: null,
      language: null,
    };
    customers.set(key, {
      ...current,
      name: row.customer,
      segment: row.segment ?? current.segment,
      region: row.region ?? current.region,
      kamUserId: (row.kamEmail ? kamIds.get(row.kamEmail) : undefined) ?? current.kamUserId,
      relationship: row.relationship ?? current.relationship,
      language: current.language ?? row.language,
    });
  }
  return customers;
}

/** Rows (or customers) written per transaction: each chunk commits on its own, so no write holds the lock for long. */
const CHUNK = 1000;

const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Imports contacts and their customers from checked rows (CSV or JSON). Good rows are saved and
 * bad rows reported by line; nothing else stops the import. Contacts are matched on email
 * (case-insensitive), customers on customer_ref, else on name (a customer without a ref that has
 * the name gets the ref). Blank cells leave stored values as they are, and an import never changes
 * whether a contact opted out, so importing the same rows again changes nothing.
 *
 * Written in chunks of CHUNK rows, each in its own short transaction with one lookup query, so a
 * large file never blocks other writers for long. Because a re-import changes nothing, an import
 * that stopped half-way (crash, restart) is completed by importing the same file again.
 * @throws ForbiddenError unless the actor may import contacts (admin, manager).
 */
export async function importContacts(
  db: Db,
  actor: Actor,
  input: { rows: ImportRowInput[]; errors?: RowError[] },
  now: Date,
): Promise<ImportReport> {
  if (!isAllowed(actor, canImportContacts)) throw new ForbiddenError('only managers and admins import contacts');
  const checked = checkImportRows(input.rows);
  const errors = [...(input.errors ?? []), ...checked.errors];

  const kamEmails = [...new Set(checked.valid.map((r) => r.kamEmail).filter((e): e is string => !!e))];
  const kamIds = await findActiveUserIdsByEmail(db, kamEmails);
  const rows: CheckedRow[] = [];
  for (const row of checked.valid) {
    if (row.kamEmail && !kamIds.has(row.kamEmail)) errors.push({ line: row.line, message: `unknown KAM ${row.kamEmail}` });
    else rows.push(row);
  }

  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, customersCreated: 0, customersUpdated: 0, errors: [] };
  const customerIds = new Map<string, number>();
  for (const chunk of chunksOf([...desiredCustomers(rows, kamIds)], CHUNK)) {
    await db.transaction().execute((trx) => saveCustomers(trx, chunk, customerIds, report, now));
    await yieldToEventLoop();
  }
  for (const chunk of chunksOf(rows, CHUNK)) {
    await db.transaction().execute((trx) => saveContacts(trx, chunk, customerIds, report, now));
    await yieldToEventLoop();
  }
  report.errors = errors.sort((a, b) => a.line - b.line);
  return report;
}

/** Customers found by ref and by lower-case name, kept up to date with this chunk's own writes. */
class CustomerIndex {
  private readonly byRef = new Map<string, Customer>();
  private readonly byName = new Map<string, Customer[]>();

  constructor(customers: Customer[]) {
    for (const customer of customers) this.add(customer);
  }

  add(customer: Customer): void {
    if (customer.ref !== null) this.byRef.set(customer.ref, customer);
    const key = customer.name.toLowerCase();
    const list = this.byName.get(key) ?? [];
    list.push(customer);
    list.sort((a, b) => a.id - b.id);
    this.byName.set(key, list);
  }

  remove(customer: Customer): void {
    if (customer.ref !== null && this.byRef.get(customer.ref)?.id === customer.id) this.byRef.delete(customer.ref);
    const key = customer.name.toLowerCase();
    this.byName.set(key, (this.byName.get(key) ?? []).filter((c) => c.id !== customer.id));
  }

  /** As findCustomerByRef, else the oldest without a ref of that name; without a ref, the oldest of that name. */
  match(want: { ref: string | null; name: string }): Customer | undefined {
    const named = this.byName.get(want.name.toLowerCase()) ?? [];
    if (!want.ref) return named[0];
    return this.byRef.get(want.ref) ?? named.find((c) => c.ref === null);
  }
}

async function saveCustomers(trx: Db, chunk: [string, Desired][], customerIds: Map<string, number>, report: ImportReport, now: Date): Promise<void> {
  const wants = chunk.map(([, want]) => want);
  const index = new CustomerIndex(
    await findCustomersByRefsOrNames(
      trx,
      wants.flatMap((w) => (w.ref ? [w.ref] : [])),
      wants.map((w) => w.name),
    ),
  );
  for (const [key, want] of chunk) {
    const existing = index.match(want);
    if (!existing) {
      const values = { ...want, language: want.language ?? 'en' };
      const id = await insertCustomer(trx, values, now);
      index.add({ id, ...values, createdAt: now.toISOString(), updatedAt: now.toISOString() } as Customer);
      customerIds.set(key, id);
      report.customersCreated++;
      continue;
    }
    customerIds.set(key, existing.id);
    const changes: Partial<CustomerValues> = {};
    if (want.ref && existing.name !== want.name) changes.name = want.name;
    if (want.ref && existing.ref !== want.ref) changes.ref = want.ref;
    if (want.segment !== null && existing.segment !== want.segment) changes.segment = want.segment;
    if (want.region !== null && existing.region !== want.region) changes.region = want.region;
    if (want.kamUserId !== null && existing.kamUserId !== want.kamUserId) changes.kamUserId = want.kamUserId;
    if (want.relationship !== null && existing.relationship !== want.relationship) changes.relationship = want.relationship;
    if (Object.keys(changes).length > 0) {
      await updateCustomer(trx, existing.id, changes, now);
      index.remove(existing);
      index.add({ ...existing, ...changes });
      report.customersUpdated++;
    }
  }
}

async function saveContacts(trx: Db, chunk: CheckedRow[], customerIds: Map<string, number>, report: ImportReport, now: Date): Promise<void> {
  const existing = new Map<string, Contact>();
  for (const contact of await findContactsByEmails(trx, chunk.map((r) => r.email))) {
    const key = contact.email.toLowerCase();
    if (!existing.has(key)) existing.set(key, contact);
  }
  // checkImportRows refused repeated emails, so every new contact of the chunk is inserted together.
  const created: ContactValues[] = [];
  for (const row of chunk) {
    const customerId = customerIds.get(customerKey(row))!;
    const contact = existing.get(row.email.toLowerCase());
    if (!contact) {
      created.push({ customerId, email: row.email, name: row.name, language: row.language });
      report.created++;
      continue;
    }
    const changes: Partial<ContactValues> = {};
    if (contact.customerId !== customerId) changes.customerId = customerId;
    if (row.name !== null && contact.name !== row.name) changes.name = row.name;
    if (row.language !== null && contact.language !== row.language) changes.language = row.language;
    if (Object.keys(changes).length > 0) {
      await updateContact(trx, contact.id, changes, now);
      report.updated++;
    } else {
      report.unchanged++;
    }
  }
  await insertContacts(trx, created, now);
}
