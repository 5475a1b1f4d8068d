import { sql } from 'kysely';
import type { Db } from '../db/database';
import { insertJsonRows } from '../db/json-insert';
import { contactIsSuppressed } from '../mail/suppression.repository';
import { addDays } from '../shared/time';
import type { Campaign } from './campaign';
import type { InvitationRecipient } from './campaign-mail';
import { saltFromStore, storedSalt, storedTokenHash, tokenHashFromStore } from './invitation-token';

/** What every invitation mail needs to know of its recipient, from contact, customer and `user as kam` joined. */
export const RECIPIENT_COLUMNS = [
  'contact.email',
  'contact.name',
  'contact.language',
  'contact.opted_out_at as optedOutAt',
  'customer.name as customerName',
  'customer.language as customerLanguage',
  'kam.email as kamEmail',
] as const;

// A Buffer (a launch's credentials) is used as it is, without a copy.
const asStored = (value: string | Uint8Array, fromText: (text: string) => Buffer): Buffer =>
  typeof value === 'string' ? fromText(value) : Buffer.isBuffer(value) ? value : Buffer.from(value);

/**
 * Inserts invitations (each with its salt; a string is stored as storedTokenHash/storedSalt
 * store it, bytes as they are); returns the new ids by contact. Existing pairs are left alone.
 * Set-based (insertJsonRows), so a launch of 100,000 runs a few statements.
 */
export async function insertInvitations(
  db: Db,
  campaignId: number,
  rows: { contactId: number; tokenHash: string | Uint8Array; salt: string | Uint8Array }[],
  now: Date,
): Promise<Map<number, number>> {
  const inserted = await insertJsonRows(db, {
    table: 'invitation',
    columns: [
      ['contact_id', 'integer'],
      ['token_hash', 'bytes'],
      ['token_salt', 'bytes'],
    ],
    constants: [
      ['campaign_id', 'integer', campaignId],
      ['created_at', 'timestamp', now.toISOString()],
    ],
    rows: rows.map((r) => [r.contactId, asStored(r.tokenHash, storedTokenHash).toString('hex'), asStored(r.salt, storedSalt).toString('hex')]),
    skipConflictsOn: ['campaign_id', 'contact_id'],
    returning: ['id', 'contact_id'],
  });
  return new Map(inserted.map((r) => [Number(r.contact_id), Number(r.id)]));
}

export interface ReminderCandidate extends InvitationRecipient {
  invitationId: number;
}

/** A campaign's invitations without a submitted response whose contact can still be mailed. */
function reachableNonResponders(db: Db, campaignId: number) {
  return db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .leftJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .where('invitation.campaign_id', '=', campaignId)
    .where('invitation.is_revoked', '=', 0)
    .where('contact.opted_out_at', 'is', null)
    .where('contact.inactive_at', 'is', null)
    .where((eb) => eb.not(contactIsSuppressed(eb)))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('response').select('response.id').whereRef('response.invitation_id', '=', 'invitation.id').where('response.status', '=', 'submitted'))),
    );
}

/**
 * Reminder candidates: reachable non-responders whose invitation was delivered, with nothing
 * unsent queued for it, last mailed at or before `lastMailedBy`; with `belowMax`, only those
 * with fewer reminders than that.
 */
function reminderCandidates(db: Db, campaignId: number, lastMailedBy: Date, belowMax: number | null): Promise<ReminderCandidate[]> {
  return (
    reachableNonResponders(db, campaignId)
      .select([
        'invitation.id as invitationId',
        'contact.email',
        'contact.name',
        'contact.language',
        'customer.name as customerName',
        'customer.language as customerLanguage',
        'kam.email as kamEmail',
      ])
      .$if(belowMax !== null, (qb) => qb.where('invitation.reminders_sent', '<', belowMax!))
      .where('invitation.last_mailed_at', '<=', lastMailedBy.toISOString())
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
      .execute()
  );
}

/**
 * Invitations of a running campaign due for a reminder: delivered at least `afterDays` ago,
 * fewer than `max` reminders, no submitted response, contact reachable and active, nothing unsent queued.
 */
export async function listReminderCandidates(db: Db, campaign: Pick<Campaign, 'id' | 'reminderAfterDays' | 'reminderMax'>, now: Date): Promise<ReminderCandidate[]> {
  return reminderCandidates(db, campaign.id, addDays(now, -campaign.reminderAfterDays), campaign.reminderMax);
}

/** The candidates of a reminder sent by hand: every reachable non-responder not mailed since `quietSince`. */
export async function listRemindNowCandidates(db: Db, campaignId: number, quietSince: Date): Promise<ReminderCandidate[]> {
  return reminderCandidates(db, campaignId, quietSince, null);
}

/** When each invitation that may still get a scheduled reminder was last mailed (the schedule on the campaign page). */
export async function listReminderLastMailed(db: Db, campaign: Pick<Campaign, 'id' | 'reminderMax'>): Promise<string[]> {
  const rows = await reachableNonResponders(db, campaign.id)
    .select('invitation.last_mailed_at')
    .where('invitation.reminders_sent', '<', campaign.reminderMax)
    .where('invitation.last_mailed_at', 'is not', null)
    .execute();
  return rows.map((r) => r.last_mailed_at!);
}

/** One contact's invitation to a campaign, by the contact's address, with whether it may be mailed now. */
export interface ContactInvitation extends ReminderCandidate {
  optedOut: boolean;
  isSuppressed: boolean;
  isRevoked: boolean;
  hasUnsentMail: boolean;
}

export async function findInvitationByContactEmail(db: Db, campaignId: number, email: string): Promise<ContactInvitation | undefined> {
  const row = await db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .leftJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .select((eb) => [
      'invitation.id as invitationId',
      'invitation.is_revoked as isRevoked',
      ...RECIPIENT_COLUMNS,
      contactIsSuppressed(eb).as('isSuppressed'),
      eb.exists(eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.invitation_id', '=', 'invitation.id').where('outbox.status', 'in', ['pending', 'sending'])).as('hasUnsentMail'),
    ])
    .where('invitation.campaign_id', '=', campaignId)
    .where(sql<string>`lower(contact.email)`, '=', email.toLowerCase())
    .orderBy('invitation.id')
    .executeTakeFirst();
  if (!row) return undefined;
  const { optedOutAt, isRevoked, isSuppressed, hasUnsentMail, ...recipient } = row;
  return { ...recipient, optedOut: optedOutAt !== null, isRevoked: Number(isRevoked) === 1, isSuppressed: Boolean(Number(isSuppressed)), hasUnsentMail: Boolean(Number(hasUnsentMail)) };
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
  customerId: number;
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
    .select(['invitation.id as invitationId', 'contact.id as contactId', 'contact.customer_id as customerId', 'contact.email', 'contact.language', 'customer.language as customerLanguage', 'contact.opted_out_at as optedOutAt'])
    .where('invitation.token_hash', '=', storedTokenHash(tokenHash))
    .executeTakeFirst();
}

/** The salt a personal link is rebuilt from at send time and the stored token hash (see matchesStoredTokenHash), or undefined. */
export async function findInvitationTokenParts(db: Db, invitationId: number): Promise<{ salt: string; tokenHash: string } | undefined> {
  const row = await db
    .selectFrom('invitation')
    .select(['invitation.token_hash as tokenHash', 'invitation.token_salt as salt'])
    .where('invitation.id', '=', invitationId)
    .executeTakeFirst();
  if (!row || row.salt === null) return undefined;
  return { salt: saltFromStore(row.salt), tokenHash: tokenHashFromStore(row.tokenHash) };
}

/** Marks the contact opted out; the first opt-out time is kept. Returns whether this call opted them out. */
export async function updateContactOptedOut(db: Db, contactId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('contact')
    .set({ opted_out_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', contactId)
    .where('opted_out_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
