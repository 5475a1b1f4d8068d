import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { OutboxTable } from '../db/schema';
import { ALLOWED_HEADERS, CONTACT_MAIL_KINDS, oneLine, parseAddress, type OutboxStatus } from './mail';

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

function toRow(mail: NewMail, now: Date): Insertable<OutboxTable> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    const allowed = ALLOWED_HEADERS.find((h) => h.toLowerCase() === name.toLowerCase());
    if (!allowed) throw new Error(`header ${oneLine(name)} may not be set on an outbox mail`);
    headers[allowed] = oneLine(value);
  }
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
export async function listOutbox(db: Db, filter: { status?: OutboxStatus }, limit = 200): Promise<OutboxListRow[]> {
  let q = db.selectFrom('outbox').select(['id', 'kind', 'to_email', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at', 'next_attempt_at']);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    toEmail: r.to_email,
    subject: r.subject,
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
}

export function toOutboxMail(r: Selectable<OutboxTable>): OutboxMail {
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
  };
}

export async function findOutboxMail(db: Db, id: number): Promise<OutboxMail | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOutboxMail(row);
}
