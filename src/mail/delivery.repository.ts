import { sql } from 'kysely';
import type { Db } from '../db/database';
import { addSeconds } from '../shared/time';
import { CONTACT_MAIL_KINDS, LEASE_SECONDS } from './mail';
import { toOutboxMail, type OutboxMail } from './outbox.repository';
import { findSuppressionReason, insertSuppression } from './suppression.repository';

/** The outbox as the mail worker uses it: claiming due mails and recording how each delivery went. */

/** A mail a worker has claimed; `attempts` counts this attempt. */
export type ClaimedMail = Pick<OutboxMail, 'id' | 'kind' | 'toEmail' | 'toName' | 'subject' | 'textBody' | 'htmlBody' | 'headers' | 'invitationId' | 'refType' | 'refId' | 'attempts'>;

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
    return rows.map((r) => ({ ...toOutboxMail(r), attempts: r.attempts + 1 }));
  });
}

/** Why this mail must not go out now (suppressed address, opted-out contact), or null. */
export async function findBlockReason(db: Db, mail: Pick<ClaimedMail, 'kind' | 'toEmail'>): Promise<string | null> {
  const suppressed = await findSuppressionReason(db, mail.toEmail);
  if (suppressed !== undefined) return `address suppressed: ${suppressed}`;
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
    if (suppress) await insertSuppression(trx, suppress.email, error, now);
  });
}
