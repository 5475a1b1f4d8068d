import { expressionBuilder, sql } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { claimLeasedRows } from '../db/lease-claim.repository';
import { CONTACT_MAIL_KINDS } from './mail';
import { toOutboxMail, type OutboxMail } from './outbox.repository';
import { insertSuppression } from './suppression.repository';

/**
 * The outbox as the mail worker uses it: claiming due mails, keeping their leases, and recording
 * how each delivery went. Every change of a claimed mail is a conditional update that names the
 * worker holding the lease, so a worker that lost a lease changes nothing, except "sent": a mail
 * that was delivered is recorded as sent whoever holds it, so it is never sent again.
 */

/** A mail a worker has claimed; `attempts` counts this attempt. */
export type ClaimedMail = Pick<OutboxMail, 'id' | 'kind' | 'toEmail' | 'toName' | 'subject' | 'textBody' | 'htmlBody' | 'headers' | 'invitationId' | 'refType' | 'refId' | 'attempts' | 'templateId' | 'fields'> & {
  /** Why the mail must not go out (suppressed address, opted-out contact), or null. */
  blockReason: string | null;
  /** The stored salt and token hash of the mail's invitation, as the row holds them (its personal link is rebuilt from them), or null. */
  invitationCredentials: { salt: Uint8Array | string; tokenHash: Uint8Array | string } | null;
};

/**
 * Claims up to `limit` due mails for one worker (src/db/lease-claim.repository.ts): pending mails
 * whose time has come and mails whose holder's lease ran out. Mails of a paused campaign wait.
 */
export async function claimDueMails(db: Db, workerId: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMail[]> {
  const outbox = expressionBuilder<Database, 'outbox'>();
  const ofPausedCampaign = outbox.exists(
    outbox
      .selectFrom('invitation')
      .innerJoin('campaign', 'campaign.id', 'invitation.campaign_id')
      .select('invitation.id')
      .whereRef('invitation.id', '=', 'outbox.invitation_id')
      .where('campaign.status', '=', 'paused'),
  );
  const claimed = await claimLeasedRows(db, 'outbox', { workerId, now, leaseUntil, limit, eligible: outbox.not(ofPausedCampaign) });
  if (claimed.length === 0) return [];
  const rows = await db
    .selectFrom('outbox')
    .leftJoin('suppression', 'suppression.email', 'outbox.to_email')
    // The customer of a mail's invitation fills its customer_name (outbox.repository storedFields);
    // the invitation's salt and token hash rebuild its personal link.
    .leftJoin('invitation as field_invitation', 'field_invitation.id', 'outbox.invitation_id')
    .leftJoin('contact as field_contact', 'field_contact.id', 'field_invitation.contact_id')
    .leftJoin('customer as invitation_customer', 'invitation_customer.id', 'field_contact.customer_id')
    .selectAll('outbox')
    .select([
      'suppression.reason as suppressedBecause',
      'invitation_customer.name as invitationCustomerName',
      'field_invitation.token_salt as invitationSalt',
      'field_invitation.token_hash as invitationTokenHash',
    ])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('contact').select('contact.id').whereRef('contact.email', '=', 'outbox.to_email').where('contact.opted_out_at', 'is not', null))
        .as('optedOut'),
    )
    .where('outbox.id', 'in', claimed)
    .where('outbox.locked_by', '=', workerId)
    .orderBy('outbox.next_attempt_at')
    .orderBy('outbox.id')
    .execute();
  return rows.map((r) => {
    const { suppressedBecause, optedOut, invitationCustomerName, invitationSalt, invitationTokenHash, ...row } = r;
    const isContactMail = (CONTACT_MAIL_KINDS as readonly string[]).includes(row.kind);
    const blockReason = suppressedBecause !== null ? `address suppressed: ${suppressedBecause}` : isContactMail && Boolean(optedOut) ? 'contact opted out' : null;
    const mail = toOutboxMail(row, { invitationCustomerName });
    return {
      id: mail.id,
      kind: mail.kind,
      toEmail: mail.toEmail,
      toName: mail.toName,
      subject: mail.subject,
      textBody: mail.textBody,
      htmlBody: mail.htmlBody,
      headers: mail.headers,
      invitationId: mail.invitationId,
      refType: mail.refType,
      refId: mail.refId,
      attempts: mail.attempts,
      templateId: mail.templateId,
      fields: mail.fields,
      blockReason,
      invitationCredentials: invitationSalt !== null && invitationTokenHash !== null ? { salt: invitationSalt, tokenHash: invitationTokenHash } : null,
    };
  });
}

/** Extends the leases of the mails this worker still holds; returns the ids it still holds. */
export async function renewLeases(db: Db, workerId: string, ids: number[], leaseUntil: Date): Promise<Set<number>> {
  const held = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .updateTable('outbox')
      .set({ lease_until: leaseUntil.toISOString() })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'sending')
      .where('locked_by', '=', workerId)
      .returning('id')
      .execute();
    for (const r of rows) held.add(r.id);
  }
  return held;
}

export interface SentMail {
  id: number;
  messageId: string;
  invitationId: number | null;
}

/**
 * Records delivered mails as sent, in one commit (the worker groups the sends that finished while
 * the previous commit ran). Whoever holds the lease now: the mail was delivered. Reminders count
 * from the moment an invitation or reminder was delivered.
 */
export async function markSent(db: Db, sent: SentMail[], now: Date): Promise<void> {
  if (sent.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < sent.length; i += 200) {
      const part = sent.slice(i, i + 200);
      const messageId = sql<string>`case ${sql.ref('id')} ${sql.join(
        part.map((m) => sql`when ${m.id} then ${m.messageId}`),
        sql` `,
      )} end`;
      await trx
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: now.toISOString(), message_id: messageId, lease_until: null, last_error: null })
        .where(
          'id',
          'in',
          part.map((m) => m.id),
        )
        .where('status', 'in', ['pending', 'sending'])
        .execute();
    }
    const invitationIds = sent.map((m) => m.invitationId).filter((id): id is number => id !== null);
    for (let i = 0; i < invitationIds.length; i += 500) {
      await trx.updateTable('invitation').set({ last_mailed_at: now.toISOString() }).where('id', 'in', invitationIds.slice(i, i + 500)).execute();
    }
  });
}

/** A temporary failure of this mail: try again at `nextAttempt`. */
export async function markRetry(db: Db, id: number, workerId: string, error: string, nextAttempt: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: nextAttempt.toISOString(), lease_until: null, locked_by: null, last_error: error })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Gives claimed mails back without sending them (the worker stops, or sending is paused): they are
 * due again at once (or at `notBefore`), and the claim does not count as an attempt.
 */
export async function releaseMails(db: Db, workerId: string, ids: number[], notBefore?: Date, reason?: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('outbox')
      .set({
        status: 'pending',
        lease_until: null,
        locked_by: null,
        attempts: sql<number>`attempts - 1`,
        ...(notBefore ? { next_attempt_at: notBefore.toISOString() } : {}),
        ...(reason ? { last_error: reason } : {}),
      })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'sending')
      .where('locked_by', '=', workerId)
      .execute();
  }
}

/** A final failure; a permanent one of the recipient also suppresses the address. */
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
    const changed = await trx
      .updateTable('outbox')
      .set({ status, lease_until: null, last_error: error })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('locked_by', '=', workerId)
      .executeTakeFirst();
    if (suppress && Number(changed.numUpdatedRows) > 0) await insertSuppression(trx, suppress.email, error, now);
  });
}
