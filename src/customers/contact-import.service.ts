import type { Db } from '../db/database';
import type { Actor, CurrentUser } from '../auth/user';
import { isAllowed } from '../auth/user.policy';
import { findActiveUserIdsByEmail } from '../accounts/user.repository';
import { ForbiddenError } from '../shared/errors';
import { canImportContacts } from './customer.policy';
import { hashToken, newToken } from '../shared/tokens';
import { checkImportRows, customerKey, EMPTY_FILE_MESSAGE, parseContactsCsv, rowProblem, type CheckedRow, type Delimiter, type ImportColumn, type ImportRowInput, type RowError } from './contact-import';
import { FILE_ENCODINGS, type FileEncoding } from './contact-import-encoding';
import { deleteImportUploadsBefore, insertImportUpload, takeImportUpload } from './contact-import.repository';
import type { Contact, Customer } from './customer';
import {
  findContactsByEmails,
  findCustomersByRefsOrNames,
  insertContacts,
  insertCustomers,
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
 * Rows (or customers) written per transaction: each chunk commits on its own, so no write holds
 * the lock for long (5,000 rows take tens of milliseconds), and each commit's fsync is paid
 * once per 5,000 rows, not per 1,000.
 */
const CHUNK = 5000;
/** Emails looked up per query. */
const LOOKUP_CHUNK = 1000;

const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Rows shown in a preview; the counts cover the whole file. */
export const PREVIEW_ROWS = 10;
/** How long a previewed upload waits for its "Import". */
export const UPLOAD_KEPT_MINUTES = 60;

export type ImportPreview =
  /** `message`: a staff catalogue key, with its `vars`. */
  | { kind: 'invalid'; message: string; vars?: Record<string, unknown> }
  | {
      kind: 'preview';
      /** Confirms this upload (stored hashed, only for the uploader). */
      token: string;
      filename: string;
      /** How the file was read, for the user to check: encoding and separator. */
      encodingLabel: string;
      delimiter: Delimiter;
      columns: ImportColumn[];
      firstRows: ImportRowInput[];
      rowCount: number;
      /** What the import will do: the same numbers the import reports, computed by a dry run. */
      report: ImportReport;
    };

/**
 * Reads an uploaded contacts file and reports what importing it would do (a dry run), writing no
 * contact or customer. The decoded file is kept for UPLOAD_KEPT_MINUTES, for its uploader to
 * confirm with the returned token; older unconfirmed uploads are forgotten.
 * @throws ForbiddenError unless the actor may import contacts (admin, manager).
 */
export async function previewContactImport(db: Db, actor: CurrentUser, file: { filename: string; data: Buffer }, now: Date): Promise<ImportPreview> {
  if (!isAllowed(actor, canImportContacts)) throw new ForbiddenError('only managers and admins import contacts');
  if (file.data.length === 0) return { kind: 'invalid', message: EMPTY_FILE_MESSAGE };
  const parsed = parseContactsCsv(file.data);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message, vars: parsed.vars ?? {} };
  const report = await importContacts(db, actor, parsed, now, { dryRun: true });
  const token = newToken();
  const encoding = parsed.encoding ?? 'utf-8';
  await db.transaction().execute(async (trx) => {
    await deleteImportUploadsBefore(trx, new Date(now.getTime() - UPLOAD_KEPT_MINUTES * 60_000));
    await insertImportUpload(trx, hashToken(token), actor.id, { filename: file.filename, encoding, content: parsed.text }, now);
  });
  return {
    kind: 'preview',
    token,
    filename: file.filename,
    encodingLabel: FILE_ENCODINGS[encoding],
    delimiter: parsed.delimiter,
    columns: parsed.columns,
    firstRows: parsed.rows.slice(0, PREVIEW_ROWS),
    rowCount: parsed.rows.length + parsed.errors.length,
    report,
  };
}

export type ImportConfirmation = { kind: 'expired' } | { kind: 'imported'; filename: string; report: ImportReport };

/**
 * Imports a previewed upload: once (the upload is taken away first, so a second click finds
 * nothing), only for its uploader, within UPLOAD_KEPT_MINUTES of the preview.
 * @throws ForbiddenError unless the actor may import contacts (admin, manager).
 */
export async function confirmContactImport(db: Db, actor: CurrentUser, token: string, now: Date): Promise<ImportConfirmation> {
  if (!isAllowed(actor, canImportContacts)) throw new ForbiddenError('only managers and admins import contacts');
  const upload = await takeImportUpload(db, hashToken(token), actor.id, new Date(now.getTime() - UPLOAD_KEPT_MINUTES * 60_000));
  if (!upload) return { kind: 'expired' };
  const parsed = parseContactsCsv(upload.content, (upload.encoding ?? undefined) as FileEncoding | undefined);
  if (!parsed.ok) return { kind: 'expired' };
  return { kind: 'imported', filename: upload.filename, report: await importContacts(db, actor, parsed, now) };
}

/** How a run treats what it finds: a dry run writes nothing; a sync run manages the contacts of one source. */
export interface ImportMode {
  dryRun: boolean;
  /** Set by a sync: new contacts get it, matched ones are adopted and reactivated, another source's are refused. */
  source: string | null;
}

export interface ImportRun {
  report: ImportReport;
  /** Matched contacts made active again (sync only); counted in `updated` too. */
  reactivated: number;
}

/**
 * Imports contacts and their customers from rows (CSV or JSON). Good rows are saved and bad
 * rows reported by line; nothing else stops the import. Contacts are matched on email
 * (case-insensitive), customers on customer_ref, else on name (a customer without a ref that has
 * the name gets the ref). Blank cells leave stored values as they are, and an import never changes
 * whether a contact opted out, so importing the same rows again changes nothing.
 *
 * With `dryRun` it reports exactly what the import would do, from the same code, and writes
 * nothing (the preview before an upload is confirmed).
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
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  if (!isAllowed(actor, canImportContacts)) throw new ForbiddenError('only managers and admins import contacts');
  return (await runContactImport(db, input, now, { dryRun: options.dryRun ?? false, source: null })).report;
}

/** The import itself, for importContacts and the sync; the caller has checked the actor. */
export async function runContactImport(db: Db, input: { rows: ImportRowInput[]; errors?: RowError[] }, now: Date, mode: ImportMode): Promise<ImportRun> {
  const checked = checkImportRows(input.rows);
  const errors = [...(input.errors ?? []), ...checked.errors];

  const kamEmails = [...new Set(checked.valid.map((r) => r.kamEmail).filter((e): e is string => !!e))];
  const kamIds = await findActiveUserIdsByEmail(db, kamEmails);
  const existing = new Map<string, Contact>();
  for (const chunk of chunksOf(checked.valid, LOOKUP_CHUNK)) {
    for (const contact of await findContactsByEmails(db, chunk.map((r) => r.email))) {
      const key = contact.email.toLowerCase();
      if (!existing.has(key)) existing.set(key, contact);
    }
  }
  const rows: CheckedRow[] = [];
  for (const row of checked.valid) {
    const source = existing.get(row.email)?.source;
    if (row.kamEmail && !kamIds.has(row.kamEmail)) errors.push({ line: row.line, ...rowProblem('customers.problem.unknownKam', { email: row.kamEmail }) });
    else if (mode.source !== null && source && source !== mode.source) {
      errors.push({ line: row.line, ...rowProblem('customers.problem.otherSource', { email: row.email, source }) });
    } else rows.push(row);
  }

  const run: ImportRun = { report: { created: 0, updated: 0, unchanged: 0, customersCreated: 0, customersUpdated: 0, errors: [] }, reactivated: 0 };
  const state: RunState = { mode, run, now, customerIds: new Map(), index: new CustomerIndex(), nextProvisionalId: -1 };
  const inChunk = async (work: (db: Db) => Promise<void>) => {
    if (mode.dryRun) await work(db);
    else await db.transaction().execute(work);
    await yieldToEventLoop();
  };
  for (const chunk of chunksOf([...desiredCustomers(rows, kamIds)], CHUNK)) await inChunk((trx) => saveCustomers(trx, chunk, state));
  for (const chunk of chunksOf(rows, CHUNK)) await inChunk((trx) => saveContacts(trx, chunk, existing, state));
  run.report.errors = errors.sort((a, b) => a.line - b.line);
  return run;
}

interface RunState {
  mode: ImportMode;
  run: ImportRun;
  now: Date;
  /** The customer id of each customer key of the file (negative for customers a dry run would create). */
  customerIds: Map<string, number>;
  /** Every customer seen so far, with this run's own (or, in a dry run, intended) writes. */
  index: CustomerIndex;
  nextProvisionalId: number;
}

/** Customers found by ref and by lower-case name, kept up to date with this run's own writes. */
class CustomerIndex {
  private readonly byId = new Map<number, Customer>();
  private readonly byRef = new Map<string, Customer>();
  private readonly byName = new Map<string, Customer[]>();

  /** Adds customers read from the database, unless this run already knows them (its version is newer). */
  addFound(customers: Customer[]): void {
    for (const customer of customers) if (!this.byId.has(customer.id)) this.add(customer);
  }

  add(customer: Customer): void {
    this.byId.set(customer.id, customer);
    if (customer.ref !== null) this.byRef.set(customer.ref, customer);
    const key = customer.name.toLowerCase();
    const list = this.byName.get(key) ?? [];
    list.push(customer);
    // Oldest first; customers a dry run would create (negative ids) come after all stored ones, in creation order.
    list.sort((a, b) => (a.id < 0) !== (b.id < 0) ? (a.id < 0 ? 1 : -1) : Math.abs(a.id) - Math.abs(b.id));
    this.byName.set(key, list);
  }

  replace(before: Customer, after: Customer): void {
    if (before.ref !== null && this.byRef.get(before.ref)?.id === before.id) this.byRef.delete(before.ref);
    const key = before.name.toLowerCase();
    this.byName.set(key, (this.byName.get(key) ?? []).filter((c) => c.id !== before.id));
    this.add(after);
  }

  /** As findCustomerByRef, else the oldest without a ref of that name; without a ref, the oldest of that name. */
  match(want: { ref: string | null; name: string }): Customer | undefined {
    const named = this.byName.get(want.name.toLowerCase()) ?? [];
    if (!want.ref) return named[0];
    return this.byRef.get(want.ref) ?? named.find((c) => c.ref === null);
  }
}

async function saveCustomers(trx: Db, chunk: [string, Desired][], state: RunState): Promise<void> {
  const { index, run, now, mode } = state;
  const wants = chunk.map(([, want]) => want);
  index.addFound(
    await findCustomersByRefsOrNames(
      trx,
      wants.flatMap((w) => (w.ref ? [w.ref] : [])),
      wants.map((w) => w.name),
    ),
  );
  // New customers are inserted together at the end of the chunk; until then they carry a
  // provisional (negative) id, as in a dry run, which keeps them in name order after stored ones.
  const pending: { key: string; customer: Customer; values: CustomerValues }[] = [];
  const insertPending = async () => {
    const created = await insertCustomers(trx, pending.map((p) => p.values), now);
    const idOf = new Map(created.map((c) => [customerKey({ customer: c.name, customerRef: c.ref }), c.id]));
    for (const { key, customer } of pending) {
      const id = idOf.get(key)!;
      index.replace(customer, { ...customer, id });
      state.customerIds.set(key, id);
    }
    pending.length = 0;
  };
  for (const [key, want] of chunk) {
    let existing = index.match(want);
    // A row that matches a customer created earlier in this chunk (not stored yet): store those first.
    if (existing && existing.id < 0 && !mode.dryRun) {
      await insertPending();
      existing = index.match(want);
    }
    if (!existing) {
      const values = { name: want.name, ref: want.ref, segment: want.segment, region: want.region, kamUserId: want.kamUserId, relationship: want.relationship, language: want.language ?? 'en' };
      const customer = { id: state.nextProvisionalId--, ...values, createdAt: now.toISOString(), updatedAt: now.toISOString() };
      index.add(customer);
      state.customerIds.set(key, customer.id);
      if (!mode.dryRun) pending.push({ key, customer, values });
      run.report.customersCreated++;
      continue;
    }
    state.customerIds.set(key, existing.id);
    const changes: Partial<CustomerValues> = {};
    if (want.ref && existing.name !== want.name) changes.name = want.name;
    if (want.ref && existing.ref !== want.ref) changes.ref = want.ref;
    if (want.segment !== null && existing.segment !== want.segment) changes.segment = want.segment;
    if (want.region !== null && existing.region !== want.region) changes.region = want.region;
    if (want.kamUserId !== null && existing.kamUserId !== want.kamUserId) changes.kamUserId = want.kamUserId;
    if (want.relationship !== null && existing.relationship !== want.relationship) changes.relationship = want.relationship;
    if (Object.keys(changes).length > 0) {
      if (!mode.dryRun) await updateCustomer(trx, existing.id, changes, now);
      index.replace(existing, { ...existing, ...changes });
      run.report.customersUpdated++;
    }
  }
  if (pending.length > 0) await insertPending();
}

async function saveContacts(trx: Db, chunk: CheckedRow[], existing: Map<string, Contact>, state: RunState): Promise<void> {
  const { run, now, mode } = state;
  // checkImportRows refused repeated emails, so every new contact of the chunk is inserted together.
  const created: ContactValues[] = [];
  for (const row of chunk) {
    const customerId = state.customerIds.get(customerKey(row))!;
    const contact = existing.get(row.email.toLowerCase());
    if (!contact) {
      created.push({ customerId, email: row.email, name: row.name, language: row.language, source: mode.source });
      run.report.created++;
      continue;
    }
    const changes: Partial<ContactValues & Pick<Contact, 'inactiveAt'>> = {};
    if (contact.customerId !== customerId) changes.customerId = customerId;
    if (row.name !== null && contact.name !== row.name) changes.name = row.name;
    if (row.language !== null && contact.language !== row.language) changes.language = row.language;
    if (mode.source !== null && contact.source !== mode.source) changes.source = mode.source;
    if (mode.source !== null && contact.inactiveAt !== null) {
      changes.inactiveAt = null;
      run.reactivated++;
    }
    if (Object.keys(changes).length > 0) {
      if (!mode.dryRun) await updateContact(trx, contact.id, changes, now);
      run.report.updated++;
    } else {
      run.report.unchanged++;
    }
  }
  if (!mode.dryRun) await insertContacts(trx, created, now);
}
