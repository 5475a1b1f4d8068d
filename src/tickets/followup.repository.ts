import type { Db } from '../db/database';
import type { FollowupCounts, NoteLanguage, ResolutionNote } from './ticket';

/** The "you said, we did" follow-ups of resolved tickets (table `followup`). */

export interface FollowupListItem {
  id: number;
  email: string;
  name: string | null;
  language: string;
  sentAt: string;
  answeredAt: string | null;
  isHelpful: boolean | null;
}

export interface FollowupByToken {
  id: number;
  language: string;
  answeredAt: string | null;
  isHelpful: boolean | null;
  resolutionNote: ResolutionNote;
}

const helpfulOf = (flag: number | null): boolean | null => (flag === null ? null : flag === 1);

export async function listFollowupContactIds(db: Db, ticketId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('followup').select('contact_id').where('ticket_id', '=', ticketId).execute();
  return new Set(rows.map((r) => r.contact_id));
}

/** Inserts the contact's follow-up of the ticket unless it has one; returns the new id or undefined. */
export async function insertFollowupIfNew(
  db: Db,
  f: { ticketId: number; contactId: number; language: NoteLanguage; tokenHash: string },
  now: Date,
): Promise<number | undefined> {
  const row = await db
    .insertInto('followup')
    .values({ ticket_id: f.ticketId, contact_id: f.contactId, language: f.language, token_hash: f.tokenHash, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['ticket_id', 'contact_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function countFollowups(db: Db, ticketId: number): Promise<FollowupCounts> {
  const row = await db
    .selectFrom('followup')
    .select((eb) => [
      eb.fn.countAll<number>().as('sent'),
      eb.fn.count<number>('answered_at').as('answered'),
      eb.fn.sum<number>('is_helpful').as('helpful'),
    ])
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  return { sent: Number(row.sent), answered: Number(row.answered), helpful: Number(row.helpful ?? 0) };
}

export async function listFollowups(db: Db, ticketId: number): Promise<FollowupListItem[]> {
  const rows = await db
    .selectFrom('followup')
    .innerJoin('contact', 'contact.id', 'followup.contact_id')
    .select(['followup.id', 'contact.email', 'contact.name', 'followup.language', 'followup.created_at', 'followup.answered_at', 'followup.is_helpful'])
    .where('followup.ticket_id', '=', ticketId)
    .orderBy('followup.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    language: r.language,
    sentAt: r.created_at,
    answeredAt: r.answered_at,
    isHelpful: helpfulOf(r.is_helpful),
  }));
}

export async function findFollowupByTokenHash(db: Db, tokenHash: string): Promise<FollowupByToken | undefined> {
  const row = await db
    .selectFrom('followup')
    .innerJoin('ticket', 'ticket.id', 'followup.ticket_id')
    .select(['followup.id', 'followup.language', 'followup.answered_at', 'followup.is_helpful', 'ticket.resolution_note'])
    .where('followup.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      language: row.language,
      answeredAt: row.answered_at,
      isHelpful: helpfulOf(row.is_helpful),
      resolutionNote: JSON.parse(row.resolution_note) as ResolutionNote,
    }
  );
}

export async function updateFollowupAnswer(db: Db, id: number, isHelpful: boolean, now: Date): Promise<void> {
  await db.updateTable('followup').set({ is_helpful: isHelpful ? 1 : 0, answered_at: now.toISOString() }).where('id', '=', id).execute();
}
