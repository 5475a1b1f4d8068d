import type { Db } from '../db/database';
import type { Actor } from '../auth/user';
import { isAllowed } from '../auth/user.policy';
import { findActiveUserIdsByEmail } from '../accounts/user.repository';
import { ForbiddenError } from '../shared/errors';
import { canImportContacts } from './customer.policy';
import { checkImportRows, customerKey, type CheckedRow, type ImportRowInput, type RowError } from './contact-import';
import {
  findContactByEmail,
  findCustomerByName,
  findCustomerByRef,
  insertContact,
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

/**
 * Imports contacts and their customers from checked rows (CSV or JSON). Good rows are saved and
 * bad rows reported by line; nothing else stops the import. Contacts are matched on email
 * (case-insensitive), customers on customer_ref, else on name (a customer without a ref that has
 * the name gets the ref). Blank cells leave stored values as they are, and an import never changes
 * whether a contact opted out, so importing the same rows again changes nothing.
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

  return db.transaction().execute(async (trx) => {
    const kamEmails = [...new Set(checked.valid.map((r) => r.kamEmail).filter((e): e is string => !!e))];
    const kamIds = await findActiveUserIdsByEmail(trx, kamEmails);
    const rows: CheckedRow[] = [];
    for (const row of checked.valid) {
      if (row.kamEmail && !kamIds.has(row.kamEmail)) errors.push({ line: row.line, message: `unknown KAM ${row.kamEmail}` });
      else rows.push(row);
    }

    const report: ImportReport = { created: 0, updated: 0, unchanged: 0, customersCreated: 0, customersUpdated: 0, errors: [] };
    const customerIds = new Map<string, number>();
    for (const [key, want] of desiredCustomers(rows, kamIds)) {
      let existing = want.ref ? await findCustomerByRef(trx, want.ref) : await findCustomerByName(trx, want.name);
      if (!existing && want.ref) existing = await findCustomerByName(trx, want.name, { withoutRef: true });
      if (!existing) {
        customerIds.set(key, await insertCustomer(trx, { ...want, language: want.language ?? 'en' }, now));
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
        report.customersUpdated++;
      }
    }

    for (const row of rows) {
      const customerId = customerIds.get(customerKey(row))!;
      const contact = await findContactByEmail(trx, row.email);
      if (!contact) {
        await insertContact(trx, { customerId, email: row.email, name: row.name, language: row.language }, now);
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
    report.errors = errors.sort((a, b) => a.line - b.line);
    return report;
  });
}
