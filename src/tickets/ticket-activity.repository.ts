import type { Db } from '../db/database';
import { isSystemActor, type Actor } from '../auth/user';

/** The activity log and the internal comments of tickets. */

export interface TicketActivity {
  id: number;
  at: string;
  action: string;
  detail: string;
  /** null when the system acted (escalation) or the user was deleted. */
  userName: string | null;
}

export interface TicketComment {
  id: number;
  body: string;
  createdAt: string;
  userName: string | null;
}

/** Logs what an actor did to a ticket; the system is logged without a user. */
export async function insertActivity(
  db: Db,
  a: { ticketId: number; actor: Actor; action: string; detail?: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto('ticket_activity')
    .values({
      ticket_id: a.ticketId,
      user_id: isSystemActor(a.actor) ? null : a.actor.id,
      action: a.action,
      detail: a.detail ?? '',
      at: now.toISOString(),
    })
    .execute();
}

export async function listActivity(db: Db, ticketId: number): Promise<TicketActivity[]> {
  const rows = await db
    .selectFrom('ticket_activity')
    .leftJoin('user', 'user.id', 'ticket_activity.user_id')
    .select(['ticket_activity.id', 'ticket_activity.at', 'ticket_activity.action', 'ticket_activity.detail', 'user.name as user_name'])
    .where('ticket_activity.ticket_id', '=', ticketId)
    .orderBy('ticket_activity.id')
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, detail: r.detail, userName: r.user_name }));
}

export async function insertComment(db: Db, c: { ticketId: number; userId: number; body: string }, now: Date): Promise<void> {
  await db
    .insertInto('ticket_comment')
    .values({ ticket_id: c.ticketId, user_id: c.userId, body: c.body, created_at: now.toISOString() })
    .execute();
}

export async function listComments(db: Db, ticketId: number): Promise<TicketComment[]> {
  const rows = await db
    .selectFrom('ticket_comment')
    .leftJoin('user', 'user.id', 'ticket_comment.user_id')
    .select(['ticket_comment.id', 'ticket_comment.body', 'ticket_comment.created_at', 'user.name as user_name'])
    .where('ticket_comment.ticket_id', '=', ticketId)
    .orderBy('ticket_comment.id')
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.created_at, userName: r.user_name }));
}
