import type { Db } from '../db/database';
import { emitWebhookEvent } from '../webhooks/webhook-queue.service';
import type { CurrentUser } from '../auth/user';
import { findCurrentUser, listActiveUsers } from '../accounts/user.repository';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { coverageSince, groupCoverageByKam, normalizeEmail, type Contact, type Customer } from './customer';
import { canManageCustomers } from './customer.policy';
import type { ContactForm, CustomerForm, CustomerListQuery } from './customer.schemas';
import {
  countCustomers,
  countCustomersByKam,
  findContactByEmail,
  findContactById,
  findCustomerById,
  findCustomerByRef,
  insertContact,
  listContactsOfCustomer,
  listCustomers,
  listCustomersNotEvaluatedSince,
  listCustomerValues,
  updateContact,
  updateCustomer,
  type CustomerFilter,
} from './customer.repository';

export const PAGE_SIZE = 50;

const MANAGERS_ONLY = 'only managers and admins see customers';

/** The list's filter form as a customer filter. */
function filterOf(query: CustomerListQuery): CustomerFilter {
  return {
    q: query.q,
    segment: query.segment,
    region: query.region,
    kamUserId: query.kam === 'none' ? null : query.kam,
    relationship: query.relationship,
    hasOptedOut: query.optedOut === undefined ? undefined : query.optedOut === 'yes',
  };
}

/**
 * One page of customers matching the filters, with the choices for the filter form.
 * @throws ForbiddenError unless the actor is a manager or admin.
 */
export async function getCustomerList(db: Db, actor: CurrentUser, query: CustomerListQuery) {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  const filter = filterOf(query);
  const total = await countCustomers(db, filter);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const customers = await listCustomers(db, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return {
    customers,
    total,
    page,
    pageCount,
    segments: await listCustomerValues(db, 'segment'),
    regions: await listCustomerValues(db, 'region'),
    users: await listActiveUsers(db),
  };
}

async function loadCustomer(db: Db, id: number): Promise<Customer> {
  const customer = await findCustomerById(db, id);
  if (!customer) throw new NotFoundError(`customer ${id}`);
  return customer;
}

/** A customer with its contacts and the users who may be its KAM. @throws ForbiddenError, NotFoundError */
export async function getCustomerPage(db: Db, actor: CurrentUser, id: number) {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  const customer = await loadCustomer(db, id);
  return { customer, contacts: await listContactsOfCustomer(db, id), users: await listActiveUsers(db) };
}

/**
 * Saves a customer's details. A ref belongs to one customer; the KAM must be an active user.
 * @throws ForbiddenError, NotFoundError; ValidationError on a taken ref or unknown KAM.
 */
export async function editCustomer(db: Db, actor: CurrentUser, id: number, form: CustomerForm, now: Date): Promise<void> {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  await db.transaction().execute(async (trx) => {
    await loadCustomer(trx, id);
    if (form.ref) {
      const sameRef = await findCustomerByRef(trx, form.ref);
      if (sameRef && sameRef.id !== id) throw new ValidationError('customers.errors.refTaken', { ref: ['customers.errors.refTaken'] }, { name: sameRef.name });
    }
    if (form.kamUserId !== null && !(await findCurrentUser(trx, form.kamUserId))) {
      throw new ValidationError('customers.errors.chooseKam', { kamUserId: ['customers.errors.chooseKam'] });
    }
    await updateCustomer(trx, id, form, now);
  });
}

async function requireFreeEmail(db: Db, email: string, exceptContactId?: number): Promise<void> {
  const existing = await findContactByEmail(db, email);
  if (existing && existing.id !== exceptContactId) {
    const owner = await findCustomerById(db, existing.customerId);
    const key = owner ? 'customers.errors.emailTaken' : 'customers.errors.emailTakenElsewhere';
    throw new ValidationError(key, { email: [key] }, { name: owner?.name });
  }
}

async function loadContact(db: Db, customerId: number, contactId: number): Promise<Contact> {
  const contact = await findContactById(db, contactId);
  if (!contact || contact.customerId !== customerId) throw new NotFoundError(`contact ${contactId}`);
  return contact;
}

/** A customer, for the page that adds a contact to it. @throws ForbiddenError, NotFoundError */
export async function getCustomer(db: Db, actor: CurrentUser, id: number): Promise<Customer> {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  return loadCustomer(db, id);
}

/** A contact and its customer; a contact is found only under its own customer. @throws ForbiddenError, NotFoundError */
export async function getContact(db: Db, actor: CurrentUser, customerId: number, contactId: number): Promise<{ customer: Customer; contact: Contact }> {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  return { customer: await loadCustomer(db, customerId), contact: await loadContact(db, customerId, contactId) };
}

/**
 * Adds a contact to a customer. Emails are unique across all customers (case-insensitive).
 * @throws ForbiddenError, NotFoundError; ValidationError on a taken email.
 */
export async function addContact(db: Db, actor: CurrentUser, customerId: number, form: ContactForm, now: Date): Promise<number> {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  return db.transaction().execute(async (trx) => {
    await loadCustomer(trx, customerId);
    const email = normalizeEmail(form.email);
    await requireFreeEmail(trx, email);
    return insertContact(trx, { customerId, email, name: form.name, language: form.language }, now);
  });
}

/** @throws ForbiddenError, NotFoundError; ValidationError on a taken email. */
export async function editContact(db: Db, actor: CurrentUser, customerId: number, contactId: number, form: ContactForm, now: Date): Promise<void> {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  await db.transaction().execute(async (trx) => {
    await loadContact(trx, customerId, contactId);
    const email = normalizeEmail(form.email);
    await requireFreeEmail(trx, email, contactId);
    await updateContact(trx, contactId, { email, name: form.name, language: form.language }, now);
  });
}

/**
 * Opts a contact out of (or back into) survey mail. Opting out twice keeps the first date.
 * @throws ForbiddenError, NotFoundError
 */
export async function setContactOptOut(db: Db, actor: CurrentUser, customerId: number, contactId: number, optedOut: boolean, now: Date) {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  return db.transaction().execute(async (trx) => {
    const contact = await loadContact(trx, customerId, contactId);
    if (optedOut && !contact.optedOutAt) {
      await updateContact(trx, contactId, { optedOutAt: now.toISOString() }, now);
      await emitWebhookEvent(trx, 'contact.unsubscribed', { contactId, customerId, via: 'staff', byUserId: actor.id, unsubscribedAt: now.toISOString() }, now);
    }
    if (!optedOut && contact.optedOutAt) await updateContact(trx, contactId, { optedOutAt: null }, now);
    return contact;
  });
}

/**
 * Customers with no submitted response in the 12 months before `now`, grouped by KAM, so that
 * every customer is evaluated at least once a year.
 * @throws ForbiddenError unless the actor is a manager or admin.
 */
export async function getCoverage(db: Db, actor: CurrentUser, now: Date) {
  if (!canManageCustomers(actor)) throw new ForbiddenError(MANAGERS_ONLY);
  const since = coverageSince(now);
  const uncovered = await listCustomersNotEvaluatedSince(db, since);
  const totals = await countCustomersByKam(db);
  const totalCustomers = [...totals.values()].reduce((a, b) => a + b, 0);
  return { since, groups: groupCoverageByKam(uncovered, totals), uncoveredCount: uncovered.length, totalCustomers };
}
