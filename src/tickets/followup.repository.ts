import type { Db } from '../db/database';
import { flagNumber } from '../db/columns';
import type { FollowupCounts, NoteLanguage, ResolutionNote } from './ticket';
import { followupStateOf, type FollowupState } from './followup';
import { ticketTitleIn } from './ticket';
import { categoryNameSql, findCategoryNames } from '../catalogue/catalogue.repository';
import type { CategoryNames } from '../catalogue/catalogue';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';

/** The "you said, we did" follow-ups of resolved tickets (table `followup`). */

export interface FollowupListItem {
  id: number;
  email: string;
  name: string | null;
  language: string;
  state: FollowupState;
  /** When its mail was queued; null while held or rejected. */
  sentAt: string | null;
  answeredAt: string | null;
  isHelpful: boolean | null;
  comment: string | null;
  reviewNote: string | null;
}

export interface FollowupByToken {
  id: number;
  ticketId: number;
  contactId: number;
  language: string;
  answeredAt: string | null;
  isHelpful: boolean | null;
  comment: string | null;
  resolutionNote: ResolutionNote;
}

const helpfulOf = (flag: number | null): boolean | null => (flag === null ? null : flag === 1);

export async function listFollowupContactIds(db: Db, ticketId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('followup').select('contact_id').where('ticket_id', '=', ticketId).execute();
  return new Set(rows.map((r) => r.contact_id));
}

/**
 * Inserts the contact's follow-up of the ticket, held (no mail yet), unless it has one;
 * returns the new id or undefined.
 */
export async function insertFollowupIfNew(
  db: Db,
  f: { ticketId: number; contactId: number; language: NoteLanguage; tokenHash: string },
  now: Date,
): Promise<number | undefined> {
  const row = await db
    .insertInto('followup')
    .values({
      ticket_id: f.ticketId,
      contact_id: f.contactId,
      language: f.language,
      token_hash: f.tokenHash,
      state: 'held',
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'contact_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Follow-ups whose mail went out, how many were answered and how many said it helped. */
export async function countFollowups(db: Db, ticketId: number): Promise<FollowupCounts> {
  const row = await db
    .selectFrom('followup')
    .select((eb) => [
      eb.fn.countAll<number>().as('sent'),
      eb.fn.count<number>('answered_at').as('answered'),
      eb.fn.sum<number>(flagNumber('is_helpful')).as('helpful'),
    ])
    .where('ticket_id', '=', ticketId)
    .where('state', '=', 'sent')
    .executeTakeFirstOrThrow();
  return { sent: Number(row.sent), answered: Number(row.answered), helpful: Number(row.helpful ?? 0) };
}

/** Follow-ups of the ticket waiting for approval and rejected by a reviewer. */
export async function countUnsentFollowups(db: Db, ticketId: number): Promise<{ held: number; rejected: number }> {
  const rows = await db
    .selectFrom('followup')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
    .where('ticket_id', '=', ticketId)
    .where('state', 'in', ['held', 'rejected'])
    .groupBy('state')
    .execute();
  const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
  return { held: count('held'), rejected: count('rejected') };
}

export async function listFollowups(db: Db, ticketId: number): Promise<FollowupListItem[]> {
  const rows = await db
    .selectFrom('followup')
    .innerJoin('contact', 'contact.id', 'followup.contact_id')
    .select([
      'followup.id',
      'contact.email',
      'contact.name',
      'followup.language',
      'followup.state',
      'followup.sent_at',
      'followup.answered_at',
      'followup.is_helpful',
      'followup.comment',
      'followup.review_note',
    ])
    .where('followup.ticket_id', '=', ticketId)
    .orderBy('followup.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    language: r.language,
    state: followupStateOf(r.state),
    sentAt: r.sent_at,
    answeredAt: r.answered_at,
    isHelpful: helpfulOf(r.is_helpful),
    comment: r.comment,
    reviewNote: r.review_note,
  }));
}

/** A follow-up whose mail went out, by the hash of its link token. */
export async function findFollowupByTokenHash(db: Db, tokenHash: string): Promise<FollowupByToken | undefined> {
  const row = await db
    .selectFrom('followup')
    .innerJoin('ticket', 'ticket.id', 'followup.ticket_id')
    .select(['followup.id', 'followup.ticket_id', 'followup.contact_id', 'followup.language', 'followup.answered_at', 'followup.is_helpful', 'followup.comment', 'ticket.resolution_note'])
    .where('followup.token_hash', '=', tokenHash)
    .where('followup.state', '=', 'sent')
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      ticketId: row.ticket_id,
      contactId: row.contact_id,
      language: row.language,
      answeredAt: row.answered_at,
      isHelpful: helpfulOf(row.is_helpful),
      comment: row.comment,
      resolutionNote: JSON.parse(row.resolution_note) as ResolutionNote,
    }
  );
}

/** Records the answer; the comment belongs to a "No" answer only. */
export async function updateFollowupAnswer(db: Db, id: number, isHelpful: boolean, now: Date, comment: string | null = null): Promise<void> {
  await db
    .updateTable('followup')
    .set({ is_helpful: isHelpful ? 1 : 0, answered_at: now.toISOString(), comment: isHelpful ? null : comment })
    .where('id', '=', id)
    .execute();
}

/** What the team and the quality managers are told when a contact answers "No, it did not help". */
export interface NotHelpfulSubject {
  followupId: number;
  ticketId: number;
  title: string;
  /** The category's names, so each mail names it in its recipient's language. */
  names: CategoryNames;
  team: { name: string; email: string; isActive: boolean };
  contactName: string | null;
  contactEmail: string;
  customerName: string;
}

export async function findNotHelpfulSubject(db: Db, followupId: number): Promise<NotHelpfulSubject | undefined> {
  const row = await db
    .selectFrom('followup')
    .innerJoin('ticket', 'ticket.id', 'followup.ticket_id')
    .innerJoin('team', 'team.id', 'ticket.team_id')
    .innerJoin('contact', 'contact.id', 'followup.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select([
      'followup.id',
      'ticket.id as ticket_id',
      'ticket.title',
      'ticket.category_id',
      'team.name as team_name',
      'team.email as team_email',
      'team.is_active as team_active',
      'contact.name as contact_name',
      'contact.email as contact_email',
      'customer.name as customer_name',
    ])
    .where('followup.id', '=', followupId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    followupId: row.id,
    ticketId: row.ticket_id,
    title: row.title,
    names: (await findCategoryNames(db, [row.category_id])).get(row.category_id) ?? {},
    team: { name: row.team_name, email: row.team_email, isActive: row.team_active === 1 },
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    customerName: row.customer_name,
  };
}

/** Which follow-ups a reviewer decides on: all of them, or those of one KAM's accounts. */
export interface ReviewScope {
  kamUserId?: number;
}

/** A follow-up waiting for approval (or rejected), with the account its contact belongs to. */
export interface UnsentFollowup {
  id: number;
  contactId: number;
  language: string;
  customerId: number;
  customerName: string;
}

/** The ticket's follow-ups in a state, limited to a KAM's accounts when the scope says so. */
export async function listFollowupsInState(db: Db, ticketId: number, state: FollowupState, scope: ReviewScope): Promise<UnsentFollowup[]> {
  let q = db
    .selectFrom('followup')
    .innerJoin('contact', 'contact.id', 'followup.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select(['followup.id', 'followup.contact_id', 'followup.language', 'customer.id as customer_id', 'customer.name as customer_name'])
    .where('followup.ticket_id', '=', ticketId)
    .where('followup.state', '=', state);
  if (scope.kamUserId !== undefined) q = q.where('customer.kam_user_id', '=', scope.kamUserId);
  const rows = await q.orderBy('followup.id').execute();
  return rows.map((r) => ({ id: r.id, contactId: r.contact_id, language: r.language, customerId: r.customer_id, customerName: r.customer_name }));
}

/** Tickets with follow-ups waiting for approval (within the scope), the longest waiting first; each titled by its category's name in `lang`. */
export async function listTicketsWithHeldFollowups(
  db: Db,
  scope: ReviewScope,
  lang: Language = DEFAULT_LANGUAGE,
): Promise<{ ticketId: number; title: string; teamName: string; campaignName: string; held: number; since: string }[]> {
  let q = db
    .selectFrom('followup')
    .innerJoin('ticket', 'ticket.id', 'followup.ticket_id')
    .innerJoin('team', 'team.id', 'ticket.team_id')
    .innerJoin('campaign', 'campaign.id', 'ticket.campaign_id')
    .innerJoin('contact', 'contact.id', 'followup.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select((eb) => [
      'ticket.id as ticket_id',
      'ticket.title',
      categoryNameSql('ticket.category_id', lang).as('category_name'),
      categoryNameSql('ticket.category_id', DEFAULT_LANGUAGE).as('category_name_en'),
      'team.name as team_name',
      'campaign.name as campaign_name',
      eb.fn.countAll<number>().as('held'),
      eb.fn.min<string>('followup.created_at').as('since'),
    ])
    .where('followup.state', '=', 'held')
    .groupBy(['ticket.id', 'ticket.title', 'team.name', 'campaign.name']);
  if (scope.kamUserId !== undefined) q = q.where('customer.kam_user_id', '=', scope.kamUserId);
  const rows = await q.orderBy('since').orderBy('ticket.id').execute();
  return rows.map((r) => ({ ticketId: r.ticket_id, title: ticketTitleIn(r.title, r.category_name_en, r.category_name), teamName: r.team_name, campaignName: r.campaign_name, held: Number(r.held), since: r.since }));
}

/** The active KAMs of the accounts whose contacts have follow-ups of the ticket waiting, with how many each. */
export async function listKamsOfHeldFollowups(db: Db, ticketId: number): Promise<{ id: number; name: string; email: string; language: string | null; waiting: number }[]> {
  const rows = await db
    .selectFrom('followup')
    .innerJoin('contact', 'contact.id', 'followup.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .innerJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .select((eb) => ['kam.id', 'kam.name', 'kam.email', 'kam.language', eb.fn.countAll<number>().as('waiting')])
    .where('followup.ticket_id', '=', ticketId)
    .where('followup.state', '=', 'held')
    .where('kam.is_active', '=', 1)
    .groupBy(['kam.id', 'kam.name', 'kam.email', 'kam.language'])
    .orderBy('kam.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, language: r.language, waiting: Number(r.waiting) }));
}

/** An approved follow-up: its new link token's hash, and the moment its mail was queued. */
export async function updateFollowupSent(db: Db, id: number, link: { tokenHash: string; tokenSalt?: string | null }, now: Date): Promise<void> {
  await db
    .updateTable('followup')
    .set({ state: 'sent', token_hash: link.tokenHash, token_salt: link.tokenSalt ?? null, sent_at: now.toISOString(), review_note: null })
    .where('id', '=', id)
    .execute();
}

/** The salt a follow-up's link token is derived from (null for links made before salts). */
export async function findFollowupTokenSalt(db: Db, id: number): Promise<string | null | undefined> {
  const row = await db.selectFrom('followup').select('token_salt').where('id', '=', id).executeTakeFirst();
  return row?.token_salt;
}

/** Makes the link token derived at send time open the follow-up. */
export async function updateFollowupTokenHash(db: Db, id: number, tokenHash: string): Promise<void> {
  await db.updateTable('followup').set({ token_hash: tokenHash }).where('id', '=', id).execute();
}

export async function updateFollowupsRejected(db: Db, ids: number[], reviewNote: string): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('followup').set({ state: 'rejected', review_note: reviewNote }).where('id', 'in', ids).where('state', '=', 'held').execute();
}

/** Rejected follow-ups of the ticket wait for approval again; returns how many. */
export async function updateRejectedFollowupsHeld(db: Db, ticketId: number): Promise<number> {
  const result = await db.updateTable('followup').set({ state: 'held' }).where('ticket_id', '=', ticketId).where('state', '=', 'rejected').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Follow-ups that can no longer be sent (the contact opted out or no longer reported it): as if never made. */
export async function deleteUnsentFollowups(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db.deleteFrom('followup').where('id', 'in', ids).where('state', '!=', 'sent').execute();
}
