import { sql } from 'kysely';
import type { Db } from '../db/database';
import { addDays } from '../shared/time';
import type { Campaign } from './campaign';
import type { InvitationRecipient } from './campaign-mail';

/** Inserts invitations (and their salts); returns the new ids by contact. Existing pairs are left alone. */
export async function insertInvitations(
  db: Db,
  campaignId: number,
  rows: { contactId: number; tokenHash: string; salt: string }[],
  now: Date,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  const saltOf = new Map(rows.map((r) => [r.contactId, r.salt]));
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('invitation')
      .values(rows.slice(i, i + 500).map((r) => ({ campaign_id: campaignId, contact_id: r.contactId, token_hash: r.tokenHash, created_at: now.toISOString() })))
      .onConflict((oc) => oc.columns(['campaign_id', 'contact_id']).doNothing())
      .returning(['id', 'contact_id'])
      .execute();
    if (inserted.length) {
      await db
        .insertInto('invitation_salt')
        .values(inserted.map((r) => ({ invitation_id: r.id, salt: saltOf.get(r.contact_id)! })))
        .execute();
    }
    for (const r of inserted) ids.set(r.contact_id, r.id);
  }
  return ids;
}

export interface ReminderCandidate extends InvitationRecipient {
  invitationId: number;
}

/**
 * Invitations of a running campaign due for a reminder: delivered at least `afterDays` ago,
 * fewer than `max` reminders, no submitted response, contact reachable, nothing unsent queued.
 */
export async function listReminderCandidates(db: Db, campaign: Pick<Campaign, 'id' | 'reminderAfterDays' | 'reminderMax'>, now: Date): Promise<ReminderCandidate[]> {
  const cutoff = addDays(now, -campaign.reminderAfterDays).toISOString();
  return db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .leftJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .select([
      'invitation.id as invitationId',
      'contact.email',
      'contact.name',
      'contact.language',
      'customer.name as customerName',
      'customer.language as customerLanguage',
      'kam.email as kamEmail',
    ])
    .where('invitation.campaign_id', '=', campaign.id)
    .where('invitation.is_revoked', '=', 0)
    .where('invitation.reminders_sent', '<', campaign.reminderMax)
    .where('invitation.last_mailed_at', '<=', cutoff)
    .where('contact.opted_out_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('suppression').select('suppression.email').whereRef('suppression.email', '=', 'contact.email'))))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('response').select('response.id').whereRef('response.invitation_id', '=', 'invitation.id').where('response.status', '=', 'submitted'))),
    )
    // Only after the invitation itself was delivered, and never while a mail for it is still queued.
    .where((eb) =>
      eb.exists(
        eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.invitation_id', '=', 'invitation.id').where('outbox.kind', '=', 'invitation').where('outbox.status', '=', 'sent'),
      ),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.invitation_id', '=', 'invitation.id').where('outbox.status', 'in', ['pending', 'sending']))),
    )
    .orderBy('invitation.id')
    .execute();
}

export async function markReminderQueued(db: Db, invitationIds: number[], now: Date): Promise<void> {
  for (let i = 0; i < invitationIds.length; i += 500) {
    await db
      .updateTable('invitation')
      .set({ reminders_sent: sql<number>`reminders_sent + 1`, last_mailed_at: now.toISOString() })
      .where('id', 'in', invitationIds.slice(i, i + 500))
      .execute();
  }
}

/** The contact an invitation token belongs to (unsubscribe page). */
export interface InvitationContact {
  invitationId: number;
  contactId: number;
  email: string;
  language: string | null;
  customerLanguage: string;
  optedOutAt: string | null;
}

export async function findInvitationContactByTokenHash(db: Db, tokenHash: string): Promise<InvitationContact | undefined> {
  return db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select(['invitation.id as invitationId', 'contact.id as contactId', 'contact.email', 'contact.language', 'customer.language as customerLanguage', 'contact.opted_out_at as optedOutAt'])
    .where('invitation.token_hash', '=', tokenHash)
    .executeTakeFirst();
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

/** Marks the contact opted out; the first opt-out time is kept. */
export async function updateContactOptedOut(db: Db, contactId: number, now: Date): Promise<void> {
  await db.updateTable('contact').set({ opted_out_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', contactId).where('opted_out_at', 'is', null).execute();
}
