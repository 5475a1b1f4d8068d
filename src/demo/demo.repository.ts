/**
 * The demo's own queries. The demo stands in for the mail server (mails are "delivered" or
 * "bounce" at the story's dates without being sent), so no feature offers these writes; the
 * reads are the few look-ups its story needs that no feature has a use for.
 */
import type { Db } from '../db/database';
import { saltFromStore } from '../campaigns/invitation-token';

/** Marks every pending mail sent at `sentAt`, and its invitation mailed then. */
export async function markPendingMailsSent(db: Db, sentAt: Date): Promise<void> {
  const pending = await db.selectFrom('outbox').select(['id', 'invitation_id']).where('status', '=', 'pending').execute();
  const stamp = sentAt.toISOString();
  for (let i = 0; i < pending.length; i += 500) {
    const slice = pending.slice(i, i + 500);
    await db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: stamp, attempts: 1, message_id: `<demo-${stamp.slice(0, 10)}@demo.example>` })
      .where(
        'id',
        'in',
        slice.map((m) => m.id),
      )
      .execute();
    const invitationIds = slice.map((m) => m.invitation_id).filter((id): id is number => id !== null);
    if (invitationIds.length) await db.updateTable('invitation').set({ last_mailed_at: stamp }).where('id', 'in', invitationIds).execute();
  }
}

/** Turns the invitation mail of a contact in a campaign into a failure; returns the address it went to. */
export async function markInvitationMailFailed(db: Db, campaignId: number, contactId: number, error: string, attempts: number): Promise<string> {
  const row = await db
    .selectFrom('outbox')
    .innerJoin('invitation', 'invitation.id', 'outbox.invitation_id')
    .select(['outbox.id', 'outbox.to_email'])
    .where('invitation.campaign_id', '=', campaignId)
    .where('invitation.contact_id', '=', contactId)
    .executeTakeFirstOrThrow();
  await db.updateTable('outbox').set({ status: 'failed', attempts, last_error: error, sent_at: null, message_id: null }).where('id', '=', row.id).execute();
  return row.to_email;
}

/** Suppresses an address as a hard bounce reported by the mail server would. */
export async function insertSuppression(db: Db, email: string, reason: string, at: Date): Promise<void> {
  await db.insertInto('suppression').values({ email, reason, created_at: at.toISOString() }).execute();
}

/** Everything still pending counts as delivered when it was queued, so the running demo mails nobody. */
export async function markPendingMailsSentWhenQueued(db: Db): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: eb.ref('created_at'), attempts: 1, message_id: '<demo@demo.example>' }))
    .where('status', '=', 'pending')
    .execute();
}

/** A campaign's invitations with what a respondent's personal link is rebuilt from, in invitation order. */
export async function listInvitationsToAnswer(db: Db, campaignId: number) {
  const rows = await db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select(['invitation.id', 'invitation.contact_id', 'invitation.token_salt', 'contact.language', 'customer.language as customer_language'])
    .where('invitation.campaign_id', '=', campaignId)
    .where('invitation.token_salt', 'is not', null)
    .orderBy('invitation.id')
    .execute();
  return rows.map((row) => ({ id: row.id, contactId: row.contact_id, salt: saltFromStore(row.token_salt!), language: row.language, customerLanguage: row.customer_language }));
}

/** The uncoded mentions of a campaign, oldest first. */
export async function listUncodedMentions(db: Db, campaignId: number): Promise<{ id: number; text: string }[]> {
  return db.selectFrom('problem_mention').select(['id', 'text']).where('campaign_id', '=', campaignId).where('category_id', 'is', null).orderBy('id').execute();
}

/** The tickets routed from a campaign, oldest first. */
export async function listTicketsOfCampaign(db: Db, campaignId: number): Promise<{ id: number; teamId: number }[]> {
  return db.selectFrom('ticket').select(['id', 'team_id as teamId']).where('campaign_id', '=', campaignId).orderBy('id').execute();
}
