import crypto from 'node:crypto';
import { sql, type Insertable, type Selectable } from 'kysely';
import { isPostgres, type Db } from '../db/database';
import { insertJsonRows } from '../db/json-insert';
import type { OutboxTable, OutboxTemplateTable } from '../db/schema';
import { ALLOWED_HEADERS, CONTACT_MAIL_KINDS, CheckedAddress, batchFieldValue, fieldValue, fillFields, oneLine, parseAddress, type MailParts, type OutboxStatus } from './mail';

/** A mail to store in the outbox. Text and HTML bodies are complete; headers are limited to ALLOWED_HEADERS. */
export interface NewMail {
  kind: string;
  to: string;
  toName?: string | null;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  invitationId?: number | null;
  refType?: string | null;
  refId?: number | null;
  /** Earliest send time; now when omitted. */
  notBefore?: Date;
}

function allowedHeaders(given: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given ?? {})) {
    const allowed = ALLOWED_HEADERS.find((h) => h.toLowerCase() === name.toLowerCase());
    if (!allowed) throw new Error(`header ${oneLine(name)} may not be set on an outbox mail`);
    headers[allowed] = oneLine(value);
  }
  return headers;
}

function toRow(mail: NewMail, now: Date): Insertable<OutboxTable> {
  const headers = allowedHeaders(mail.headers);
  return {
    kind: oneLine(mail.kind),
    to_email: parseAddress(mail.to),
    to_name: mail.toName ? oneLine(mail.toName).slice(0, 200) || null : null,
    subject: oneLine(mail.subject).slice(0, 400),
    text_body: mail.text,
    html_body: mail.html,
    headers: JSON.stringify(headers),
    invitation_id: mail.invitationId ?? null,
    ref_type: mail.refType ?? null,
    ref_id: mail.refId ?? null,
    status: 'pending',
    attempts: 0,
    next_attempt_at: (mail.notBefore ?? now).toISOString(),
    created_at: now.toISOString(),
  };
}

/**
 * Stores a mail in the outbox. Call it with the transaction of the change that causes the
 * mail, so the mail exists exactly when the change commits; the worker sends it later.
 * Subjects and names lose line breaks; the address is validated strictly.
 * @throws Error on an invalid address or a header that is not allowed
 */
export async function enqueueMail(trx: Db, mail: NewMail, now: Date): Promise<number> {
  const row = await trx.insertInto('outbox').values(toRow(mail, now)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Many mails at once (a launch); same rules as enqueueMail. */
export async function enqueueMails(trx: Db, mails: NewMail[], now: Date): Promise<void> {
  const rows = mails.map((m) => toRow(m, now));
  for (let i = 0; i < rows.length; i += 200) {
    await trx.insertInto('outbox').values(rows.slice(i, i + 200)).execute();
  }
}

/**
 * A mail text shared by many outbox mails (one campaign's invitation in one language): stored
 * once, rendered for each recipient at send time with that mail's `fields` filled into its
 * `[[pds:name]]` markers (see fillFields). Same header rules as NewMail.
 */
export interface SharedMailText {
  /** What the text is for, e.g. `campaign:12:invitation:sv`; a hash of the content is added. */
  key: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  refType?: string | null;
  refId?: number | null;
}

/** One recipient's mail of a shared text: only what differs per recipient is stored with it. */
export interface TemplatedMail {
  kind: string;
  /** Mails of one text share this object (or an equal one). */
  template: SharedMailText;
  /** Checked here unless it was checked already. */
  to: string | CheckedAddress;
  toName?: string | null;
  fields: Record<string, string>;
  invitationId?: number | null;
  /**
   * The invitation's customer's name as read (for a `customer_name` field): when the field is
   * just that name, it is not stored but read from the invitation's customer at send time.
   */
  customerName?: string;
  /** Earliest send time; now when omitted. */
  notBefore?: Date;
}

function templateRow(text: SharedMailText, now: Date): Insertable<OutboxTemplateTable> {
  const headers = allowedHeaders(text.headers);
  const subject = oneLine(text.subject).slice(0, 400);
  const hash = crypto.createHash('sha256').update(JSON.stringify([subject, text.text, text.html, headers])).digest('hex').slice(0, 16);
  return {
    key: `${oneLine(text.key)}:${hash}`,
    subject,
    text_body: text.text,
    html_body: text.html,
    headers: JSON.stringify(headers),
    ref_type: text.refType ?? null,
    ref_id: text.refId ?? null,
    created_at: now.toISOString(),
  };
}

/**
 * Stores many mails of shared texts (a launch, a round of reminders): each distinct text once
 * (an equal text stored earlier is reused), then one small row per mail. Call it in the
 * transaction of the change that causes the mails.
 * @throws Error on an invalid address or a header that is not allowed
 */
export async function enqueueTemplatedMails(trx: Db, mails: TemplatedMail[], now: Date): Promise<void> {
  const templates = new Map<SharedMailText, Insertable<OutboxTemplateTable>>();
  for (const mail of mails) if (!templates.has(mail.template)) templates.set(mail.template, templateRow(mail.template, now));
  const keys = [...new Set([...templates.values()].map((t) => t.key))];
  if (keys.length === 0) return;
  const rowsByKey = new Map([...templates.values()].map((t) => [t.key, t]));
  await trx
    .insertInto('outbox_template')
    .values([...rowsByKey.values()])
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await trx.selectFrom('outbox_template').select(['id', 'key']).where('key', 'in', keys).execute();
  const idOfKey = new Map(stored.map((t) => [t.key, t.id]));
  const createdAt = now.toISOString();
  const customerField = batchFieldValue();
  const rows = mails.map((mail) => {
    const toName = mail.toName ? oneLine(mail.toName).slice(0, 200) || null : null;
    return [
      oneLine(mail.kind),
      mail.to instanceof CheckedAddress ? mail.to.value : parseAddress(mail.to),
      toName,
      mail.invitationId ?? null,
      mail.notBefore ? mail.notBefore.toISOString() : createdAt,
      idOfKey.get(templates.get(mail.template)!.key)!,
      storedFields(mail, toName, customerField),
    ];
  });
  await insertJsonRows(trx, {
    table: 'outbox',
    columns: [
      ['kind', 'text'],
      ['to_email', 'text'],
      ['to_name', 'text'],
      ['invitation_id', 'integer'],
      ['next_attempt_at', 'timestamp'],
      ['template_id', 'integer'],
      ['fields', 'text'],
    ],
    // The bodies are the template's.
    constants: [
      ['subject', 'text', ''],
      ['text_body', 'text', ''],
      ['html_body', 'text', ''],
      ['status', 'text', 'pending'],
      ['attempts', 'integer', 0],
      ['created_at', 'timestamp', createdAt],
    ],
    rows,
  });
}

/** Shared texts by id, as the worker fills them in. */
export async function findTemplates(db: Db, ids: number[]): Promise<Map<number, MailParts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('outbox_template').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((t) => [t.id, templateParts(t)]));
}

function templateParts(t: Pick<Selectable<OutboxTemplateTable>, 'subject' | 'text_body' | 'html_body' | 'headers'>): MailParts {
  return { subject: t.subject, text: t.text_body, html: t.html_body, headers: JSON.parse(t.headers) as Record<string, string> };
}

/** Cancels the unsent invitation and reminder mails of a campaign (it closed). */
export async function cancelCampaignMails(trx: Db, campaignId: number, reason: string): Promise<void> {
  await trx
    .updateTable('outbox')
    .set({ status: 'cancelled', last_error: reason, lease_until: null })
    .where('status', '=', 'pending')
    .where('invitation_id', 'in', (eb) => eb.selectFrom('invitation').select('id').where('campaign_id', '=', campaignId))
    .execute();
}

/** Cancels the unsent contact mails (invitations, reminders, follow-ups) to an address (it opted out). */
export async function cancelContactMails(db: Db, email: string, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'cancelled', last_error: reason })
    .where('status', '=', 'pending')
    .where('to_email', '=', email)
    .where('kind', 'in', CONTACT_MAIL_KINDS)
    .execute();
}

export interface OutboxListRow {
  id: number;
  kind: string;
  toEmail: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

/** The latest mails, newest first, optionally of one status. */
/** What the outbox list is narrowed to: a text in the recipient or subject, a status, a kind. */
export interface OutboxFilter {
  q?: string;
  status?: OutboxStatus;
  kind?: string;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filteredOutbox(db: Db, filter: OutboxFilter) {
  let q = db.selectFrom('outbox').leftJoin('outbox_template', 'outbox_template.id', 'outbox.template_id');
  if (filter.status) q = q.where('outbox.status', '=', filter.status);
  if (filter.kind) q = q.where('outbox.kind', '=', filter.kind);
  if (filter.q) {
    const like = likePattern(filter.q);
    const contains = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    q = q.where((eb) =>
      eb.or([contains('outbox.to_email'), contains('outbox.to_name'), contains('outbox.subject'), contains('outbox_template.subject')]),
    );
  }
  return q;
}

/** How many mails the filter matches. */
export async function countOutbox(db: Db, filter: OutboxFilter): Promise<number> {
  const row = await filteredOutbox(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page of the mails the filter matches, newest first. */
export async function listOutbox(db: Db, filter: OutboxFilter, page: { limit: number; offset: number } = { limit: 200, offset: 0 }): Promise<OutboxListRow[]> {
  const rows = await filteredOutbox(db, filter)
    // The customer of a mail's invitation fills its customer_name (see storedFields).
    .leftJoin('invitation as field_invitation', 'field_invitation.id', 'outbox.invitation_id')
    .leftJoin('contact as field_contact', 'field_contact.id', 'field_invitation.contact_id')
    .leftJoin('customer as invitation_customer', 'invitation_customer.id', 'field_contact.customer_id')
    .select([
      'outbox.id',
      'outbox.kind',
      'outbox.to_email',
      'outbox.subject',
      'outbox.status',
      'outbox.attempts',
      'outbox.last_error',
      'outbox.created_at',
      'outbox.sent_at',
      'outbox.next_attempt_at',
      'outbox.fields',
      'outbox.to_name',
      'outbox_template.subject as templateSubject',
      'invitation_customer.name as invitationCustomerName',
    ])
    .orderBy('outbox.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    toEmail: r.to_email,
    subject: r.templateSubject === null ? r.subject : fillFields({ subject: r.templateSubject, text: '', html: '', headers: {} }, parseFields(r.fields, r.to_name, { invitationCustomerName: r.invitationCustomerName })).subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.next_attempt_at,
  }));
}

export async function countOutboxByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A stored mail as the outbox page shows it. */
export interface OutboxMail {
  id: number;
  kind: string;
  toEmail: string;
  toName: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
  invitationId: number | null;
  /** What the mail is about, e.g. 'followup' and the follow-up's id. */
  refType: string | null;
  refId: number | null;
  status: string;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
  /** The shared text the mail is rendered from at send time, or null when it holds its own bodies. */
  templateId: number | null;
  fields: Record<string, string>;
}

// Issue 15: a launch stores per mail only what differs from what the database holds anyway.
// A contact's name is usually both the mail's to_name and its contact_name field: stored once,
// in to_name. An invitation's customer_name is its customer's name: read with the mail (the
// name the customer has at send time). A field that differs (the greeting's fallback for a
// contact without a name) is stored; no fields at all is null.
function storedFields(mail: Pick<TemplatedMail, 'fields' | 'invitationId' | 'customerName'>, toName: string | null, customerField: (name: string) => string): string | null {
  const { contact_name, customer_name, ...rest } = mail.fields;
  const fields: Record<string, string> = { ...rest };
  if (contact_name !== undefined && contact_name !== toName) fields.contact_name = contact_name;
  const derived = mail.invitationId != null && mail.customerName !== undefined && customer_name === customerField(mail.customerName);
  if (customer_name !== undefined && !derived) fields.customer_name = customer_name;
  return Object.keys(fields).length === 0 ? null : JSON.stringify(fields);
}

/** What a stored mail needs besides its row to fill its fields back: its invitation's customer's name (a left join). */
export interface FieldSources {
  invitationCustomerName?: string | null;
}

function parseFields(json: string | null, toName: string | null, sources: FieldSources): Record<string, string> {
  const fields = json === null ? {} : (JSON.parse(json) as Record<string, string>);
  if (toName !== null && fields.contact_name === undefined) fields.contact_name = toName;
  if (sources.invitationCustomerName != null && fields.customer_name === undefined) fields.customer_name = fieldValue(sources.invitationCustomerName);
  return fields;
}

/** An outbox row as stored (the bodies of a templated mail are in its template). */
export function toOutboxMail(r: Selectable<OutboxTable>, sources: FieldSources = {}): OutboxMail {
  return {
    id: r.id,
    kind: r.kind,
    toEmail: r.to_email,
    toName: r.to_name,
    subject: r.subject,
    textBody: r.text_body,
    htmlBody: r.html_body,
    headers: JSON.parse(r.headers) as Record<string, string>,
    invitationId: r.invitation_id,
    refType: r.ref_type,
    refId: r.ref_id,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    messageId: r.message_id,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    templateId: r.template_id,
    fields: parseFields(r.fields, r.to_name, sources),
  };
}

/** One mail as it goes out, the shared text filled in (the token stays a marker). */
export async function findOutboxMail(db: Db, id: number): Promise<OutboxMail | undefined> {
  const found = await db
    .selectFrom('outbox')
    .leftJoin('invitation as field_invitation', 'field_invitation.id', 'outbox.invitation_id')
    .leftJoin('contact as field_contact', 'field_contact.id', 'field_invitation.contact_id')
    .leftJoin('customer as invitation_customer', 'invitation_customer.id', 'field_contact.customer_id')
    .selectAll('outbox')
    .select('invitation_customer.name as invitationCustomerName')
    .where('outbox.id', '=', id)
    .executeTakeFirst();
  if (!found) return undefined;
  const { invitationCustomerName, ...row } = found;
  const mail = toOutboxMail(row, { invitationCustomerName });
  if (mail.templateId === null) return mail;
  const template = await db.selectFrom('outbox_template').selectAll().where('id', '=', mail.templateId).executeTakeFirstOrThrow();
  const filled = fillFields(templateParts(template), mail.fields);
  return { ...mail, subject: filled.subject, textBody: filled.text, htmlBody: filled.html, headers: filled.headers };
}
