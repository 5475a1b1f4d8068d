import { sql } from 'kysely';
import type { Db } from '../db/database';
import { addSeconds } from '../shared/time';
import { ALLOWED_HEADERS, CONTACT_MAIL_KINDS, LEASE_SECONDS, oneLine, parseAddress } from './mail';

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

function toRow(mail: NewMail, now: Date) {
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

export interface ClaimedMail {
  id: number;
  kind: string;
  toEmail: string;
  toName: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
  invitationId: number | null;
  attempts: number;
}

/**
 * Claims up to `limit` due mails for one worker, atomically (BEGIN IMMEDIATE): pending mails
 * whose time has come, and mails whose previous worker's lease ran out (it crashed).
 * Mails of a paused campaign wait. Each claim counts as an attempt.
 */
export async function claimDueMails(db: Db, workerId: string, now: Date, limit: number): Promise<ClaimedMail[]> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', nowIso)]),
        ]),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('invitation')
              .innerJoin('campaign', 'campaign.id', 'invitation.campaign_id')
              .select('invitation.id')
              .whereRef('invitation.id', '=', 'outbox.invitation_id')
              .where('campaign.status', '=', 'paused'),
          ),
        ),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('outbox')
      .set({
        status: 'sending',
        locked_by: workerId,
        lease_until: addSeconds(now, LEASE_SECONDS).toISOString(),
        attempts: sql<number>`attempts + 1`,
      })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      toEmail: r.to_email,
      toName: r.to_name,
      subject: r.subject,
      textBody: r.text_body,
      htmlBody: r.html_body,
      headers: JSON.parse(r.headers) as Record<string, string>,
      invitationId: r.invitation_id,
      attempts: r.attempts + 1,
    }));
  });
}

/** Why this mail must not go out now (suppressed address, opted-out contact), or null. */
export async function findBlockReason(db: Db, mail: Pick<ClaimedMail, 'kind' | 'toEmail'>): Promise<string | null> {
  const suppressed = await db.selectFrom('suppression').select('reason').where('email', '=', mail.toEmail).executeTakeFirst();
  if (suppressed) return `address suppressed: ${suppressed.reason}`;
  if ((CONTACT_MAIL_KINDS as readonly string[]).includes(mail.kind)) {
    const contact = await db
      .selectFrom('contact')
      .select('id')
      .where('email', '=', mail.toEmail)
      .where('opted_out_at', 'is not', null)
      .executeTakeFirst();
    if (contact) return 'contact opted out';
  }
  return null;
}

/**
 * Marks claimed mails sent, one commit per batch; reminders count from the moment an invitation
 * or reminder was delivered.
 */
export async function markSent(db: Db, sent: { id: number; messageId: string; invitationId: number | null }[], workerId: string, now: Date): Promise<void> {
  if (sent.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const mail of sent) {
      await trx
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: now.toISOString(), message_id: mail.messageId, lease_until: null, last_error: null })
        .where('id', '=', mail.id)
        .where('locked_by', '=', workerId)
        .execute();
    }
    const invitationIds = sent.map((m) => m.invitationId).filter((id): id is number => id !== null);
    for (let i = 0; i < invitationIds.length; i += 500) {
      await trx.updateTable('invitation').set({ last_mailed_at: now.toISOString() }).where('id', 'in', invitationIds.slice(i, i + 500)).execute();
    }
  });
}

export async function markRetry(db: Db, id: number, workerId: string, error: string, nextAttempt: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: nextAttempt.toISOString(), lease_until: null, locked_by: null, last_error: error })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** A final failure; a permanent one on the recipient also suppresses the address. */
export async function markFailed(
  db: Db,
  id: number,
  workerId: string,
  error: string,
  suppress: { email: string } | null,
  now: Date,
  status: 'failed' | 'cancelled' = 'failed',
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status, lease_until: null, last_error: error })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
    if (suppress) {
      await trx
        .insertInto('suppression')
        .values({ email: suppress.email, reason: error.slice(0, 500), created_at: now.toISOString() })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
    }
  });
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

/** The salt and token hash a personal link is rebuilt from at send time, or undefined. */
export async function findInvitationTokenParts(db: Db, invitationId: number): Promise<{ salt: string; tokenHash: string } | undefined> {
  return db
    .selectFrom('invitation')
    .innerJoin('invitation_salt', 'invitation_salt.invitation_id', 'invitation.id')
    .select(['invitation.token_hash as tokenHash', 'invitation_salt.salt'])
    .where('invitation.id', '=', invitationId)
    .executeTakeFirst();
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

export async function listOutbox(db: Db, filter: { status?: string }, limit = 200): Promise<OutboxListRow[]> {
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

export async function findOutboxMail(db: Db, id: number) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSuppressions(db: Db) {
  return db.selectFrom('suppression').selectAll().orderBy('created_at', 'desc').limit(500).execute();
}

export async function deleteSuppression(db: Db, email: string): Promise<void> {
  await db.deleteFrom('suppression').where('email', '=', email).execute();
}
