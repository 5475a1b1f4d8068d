import type { Db } from '../db/database';
import type { FollowupCounts, ResolutionNote, Ticket, TicketEvidence, TicketStatus } from './ticket';
import { ACTIVE_STATUSES, dateOnly, DEFAULT_DUE_DAYS, DUE_DAYS_SETTING } from './ticket';

export interface TicketFilter {
  status?: TicketStatus;
  teamId?: number;
  campaignId?: number;
  isOverdue?: boolean;
  /** Only these teams (a member's scope); undefined or null for all. */
  teamIds?: number[] | null;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('ticket')
    .innerJoin('campaign', 'campaign.id', 'ticket.campaign_id')
    .innerJoin('problem_category', 'problem_category.id', 'ticket.category_id')
    .innerJoin('team', 'team.id', 'ticket.team_id')
    .leftJoin('user as assignee', 'assignee.id', 'ticket.assignee_id')
    .select([
      'ticket.id',
      'ticket.campaign_id',
      'campaign.name as campaign_name',
      'ticket.category_id',
      'problem_category.name_en as category_name',
      'ticket.team_id',
      'team.name as team_name',
      'ticket.title',
      'ticket.status',
      'ticket.assignee_id',
      'assignee.name as assignee_name',
      'ticket.due_date',
      'ticket.evidence',
      'ticket.resolution_note',
      'ticket.created_at',
      'ticket.updated_at',
      'ticket.resolved_at',
    ]);
}

type Row = {
  id: number;
  campaign_id: number;
  campaign_name: string;
  category_id: number;
  category_name: string;
  team_id: number;
  team_name: string;
  title: string;
  status: string;
  assignee_id: number | null;
  assignee_name: string | null;
  due_date: string;
  evidence: string;
  resolution_note: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
};

function toTicket(r: Row): Ticket {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    categoryId: r.category_id,
    categoryName: r.category_name,
    teamId: r.team_id,
    teamName: r.team_name,
    title: r.title,
    status: r.status as TicketStatus,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    dueDate: r.due_date,
    evidence: JSON.parse(r.evidence) as TicketEvidence,
    resolutionNote: JSON.parse(r.resolution_note) as ResolutionNote,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at,
  };
}

export async function findTicketById(db: Db, id: number): Promise<Ticket | undefined> {
  const row = await baseQuery(db).where('ticket.id', '=', id).executeTakeFirst();
  return row && toTicket(row);
}

export async function listTickets(db: Db, filter: TicketFilter, now: Date, limit = 500): Promise<Ticket[]> {
  let q = baseQuery(db);
  if (filter.teamIds) q = q.where('ticket.team_id', 'in', filter.teamIds.length ? filter.teamIds : [-1]);
  if (filter.status) q = q.where('ticket.status', '=', filter.status);
  if (filter.teamId) q = q.where('ticket.team_id', '=', filter.teamId);
  if (filter.campaignId) q = q.where('ticket.campaign_id', '=', filter.campaignId);
  if (filter.isOverdue) q = q.where('ticket.status', 'in', ACTIVE_STATUSES).where('ticket.due_date', '<', dateOnly(now));
  const rows = await q.orderBy('ticket.due_date').orderBy('ticket.id').limit(limit).execute();
  return rows.map(toTicket);
}

export async function findTicketIdByCampaignCategory(db: Db, campaignId: number, categoryId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('ticket')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('category_id', '=', categoryId)
    .executeTakeFirst();
  return row?.id;
}

/** Ticket ids of a campaign's categories that already have one, keyed by category id. */
export async function listTicketIdsByCategory(db: Db, campaignId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('ticket').select(['id', 'category_id']).where('campaign_id', '=', campaignId).execute();
  return new Map(rows.map((r) => [r.category_id, r.id]));
}

/** The owning team of each given category (null when it has none), keyed by category id. */
export async function listCategoryTeams(db: Db, categoryIds: number[]): Promise<Map<number, { teamId: number | null; teamName: string | null }>> {
  if (!categoryIds.length) return new Map();
  const rows = await db
    .selectFrom('problem_category')
    .leftJoin('team', 'team.id', 'problem_category.team_id')
    .select(['problem_category.id', 'problem_category.team_id', 'team.name as team_name'])
    .where('problem_category.id', 'in', categoryIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { teamId: r.team_id, teamName: r.team_name }]));
}

export interface NewTicket {
  campaignId: number;
  categoryId: number;
  teamId: number;
  title: string;
  dueDate: string;
  evidence: TicketEvidence;
  createdBy: number | null;
}

/** Inserts a ticket unless the campaign and category already have one; returns the new id or undefined. */
export async function insertTicketIfNew(trx: Db, t: NewTicket, now: Date): Promise<number | undefined> {
  const row = await trx
    .insertInto('ticket')
    .values({
      campaign_id: t.campaignId,
      category_id: t.categoryId,
      team_id: t.teamId,
      title: t.title,
      status: 'open',
      due_date: t.dueDate,
      evidence: JSON.stringify(t.evidence),
      created_by: t.createdBy,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['campaign_id', 'category_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export interface TicketChanges {
  status?: TicketStatus;
  assigneeId?: number | null;
  dueDate?: string;
  resolutionNote?: ResolutionNote;
  resolvedAt?: string | null;
}

export async function updateTicket(trx: Db, id: number, changes: TicketChanges, now: Date): Promise<void> {
  await trx
    .updateTable('ticket')
    .set({
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.assigneeId !== undefined ? { assignee_id: changes.assigneeId } : {}),
      ...(changes.dueDate !== undefined ? { due_date: changes.dueDate } : {}),
      ...(changes.resolutionNote !== undefined ? { resolution_note: JSON.stringify(changes.resolutionNote) } : {}),
      ...(changes.resolvedAt !== undefined ? { resolved_at: changes.resolvedAt } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertActivity(
  trx: Db,
  a: { ticketId: number; userId: number | null; action: string; detail?: string },
  now: Date,
): Promise<void> {
  await trx
    .insertInto('ticket_activity')
    .values({ ticket_id: a.ticketId, user_id: a.userId, action: a.action, detail: a.detail ?? '', at: now.toISOString() })
    .execute();
}

export async function listActivity(db: Db, ticketId: number) {
  const rows = await db
    .selectFrom('ticket_activity')
    .leftJoin('user', 'user.id', 'ticket_activity.user_id')
    .select(['ticket_activity.id', 'ticket_activity.at', 'ticket_activity.action', 'ticket_activity.detail', 'user.name as user_name'])
    .where('ticket_activity.ticket_id', '=', ticketId)
    .orderBy('ticket_activity.id')
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, detail: r.detail, userName: r.user_name }));
}

export async function insertComment(trx: Db, c: { ticketId: number; userId: number; body: string }, now: Date): Promise<void> {
  await trx
    .insertInto('ticket_comment')
    .values({ ticket_id: c.ticketId, user_id: c.userId, body: c.body, created_at: now.toISOString() })
    .execute();
}

export async function listComments(db: Db, ticketId: number) {
  const rows = await db
    .selectFrom('ticket_comment')
    .leftJoin('user', 'user.id', 'ticket_comment.user_id')
    .select(['ticket_comment.id', 'ticket_comment.body', 'ticket_comment.created_at', 'user.name as user_name'])
    .where('ticket_comment.ticket_id', '=', ticketId)
    .orderBy('ticket_comment.id')
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.created_at, userName: r.user_name }));
}

export async function isTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('team_member')
    .innerJoin('user', 'user.id', 'team_member.user_id')
    .select('team_member.user_id')
    .where('team_member.team_id', '=', teamId)
    .where('team_member.user_id', '=', userId)
    .where('user.is_active', '=', 1)
    .executeTakeFirst();
  return !!row;
}

export async function listActiveTeamMembers(db: Db, teamId: number) {
  return db
    .selectFrom('team_member')
    .innerJoin('user', 'user.id', 'team_member.user_id')
    .select(['user.id', 'user.name', 'user.email'])
    .where('team_member.team_id', '=', teamId)
    .where('user.is_active', '=', 1)
    .orderBy('user.name')
    .execute();
}

/**
 * Contacts who mentioned the category in the campaign, with their words, the language they
 * answered in and whether their address is suppressed.
 */
export async function listReporters(db: Db, campaignId: number, categoryId: number) {
  const rows = await db
    .selectFrom('problem_mention')
    .innerJoin('response', 'response.id', 'problem_mention.response_id')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select([
      'contact.id as contact_id',
      'contact.email',
      'contact.name',
      'contact.opted_out_at',
      'response.language as response_language',
      'contact.language as contact_language',
      'customer.language as customer_language',
      'problem_mention.text',
      'problem_mention.rank',
    ])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('suppression').select('suppression.email').where('suppression.email', '=', eb.fn<string>('lower', ['contact.email'])))
        .as('is_suppressed'),
    )
    .where('problem_mention.campaign_id', '=', campaignId)
    .where('problem_mention.category_id', '=', categoryId)
    .orderBy('contact.id')
    .orderBy('problem_mention.rank')
    .execute();
  const byContact = new Map<
    number,
    { contactId: number; email: string; name: string | null; optedOut: boolean; isSuppressed: boolean; language: string; words: string[] }
  >();
  for (const r of rows) {
    let c = byContact.get(r.contact_id);
    if (!c) {
      c = {
        contactId: r.contact_id,
        email: r.email,
        name: r.name,
        optedOut: r.opted_out_at !== null,
        isSuppressed: Boolean(r.is_suppressed),
        language: r.response_language || r.contact_language || r.customer_language,
        words: [],
      };
      byContact.set(r.contact_id, c);
    }
    if (r.text.trim()) c.words.push(r.text);
  }
  return [...byContact.values()];
}

export async function listFollowupContactIds(db: Db, ticketId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('followup').select('contact_id').where('ticket_id', '=', ticketId).execute();
  return new Set(rows.map((r) => r.contact_id));
}

export async function insertFollowup(
  trx: Db,
  f: { ticketId: number; contactId: number; language: string; tokenHash: string },
  now: Date,
): Promise<number | undefined> {
  const row = await trx
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

export async function listFollowups(db: Db, ticketId: number) {
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
    isHelpful: r.is_helpful === null ? null : r.is_helpful === 1,
  }));
}

export async function findFollowupByTokenHash(db: Db, tokenHash: string) {
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
      isHelpful: row.is_helpful === null ? null : row.is_helpful === 1,
      resolutionNote: JSON.parse(row.resolution_note) as ResolutionNote,
    }
  );
}

export async function updateFollowupAnswer(db: Db, id: number, isHelpful: boolean, now: Date): Promise<void> {
  await db.updateTable('followup').set({ is_helpful: isHelpful ? 1 : 0, answered_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Days from creation to a new ticket's due date (setting), DEFAULT_DUE_DAYS when unset or invalid. */
export async function findDueDays(db: Db): Promise<number> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', DUE_DAYS_SETTING).executeTakeFirst();
  const n = Number(row?.value);
  return row && Number.isInteger(n) && n > 0 ? n : DEFAULT_DUE_DAYS;
}

export async function updateDueDays(db: Db, days: number): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key: DUE_DAYS_SETTING, value: String(days) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(days) }))
    .execute();
}

/** Campaigns as filter choices, newest first. */
export async function listCampaignChoices(db: Db): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('campaign').select(['id', 'name']).orderBy('id', 'desc').execute();
}

export async function findTeamMail(db: Db, teamId: number) {
  return db.selectFrom('team').select(['id', 'name', 'email']).where('id', '=', teamId).executeTakeFirst();
}

export async function findUserMail(db: Db, userId: number) {
  return db.selectFrom('user').select(['id', 'name', 'email']).where('id', '=', userId).where('is_active', '=', 1).executeTakeFirst();
}

export async function listManagers(db: Db) {
  return db.selectFrom('user').select(['id', 'name', 'email']).where('role', '=', 'manager').where('is_active', '=', 1).orderBy('id').execute();
}

/** Active tickets past their due date that were not escalated since `since`. */
export async function listTicketsToEscalate(db: Db, now: Date, since: Date) {
  return db
    .selectFrom('ticket')
    .select('id')
    .where('status', 'in', ACTIVE_STATUSES)
    .where('due_date', '<', dateOnly(now))
    .where((eb) => eb.or([eb('last_escalated_at', 'is', null), eb('last_escalated_at', '<=', since.toISOString())]))
    .orderBy('id')
    .execute();
}

/** Claims one escalation: true only for the caller that moved last_escalated_at. */
export async function markEscalated(trx: Db, id: number, now: Date, since: Date): Promise<boolean> {
  const result = await trx
    .updateTable('ticket')
    .set({ last_escalated_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_escalated_at', 'is', null), eb('last_escalated_at', '<=', since.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
