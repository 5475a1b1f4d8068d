import type { Db } from '../db/database';
import { givenColumns, type RowOf } from '../db/columns';
import type { AnalysisFilter } from '../analysis/analysis';
import type { ResolutionNote, Ticket, TicketEvidence, TicketStatus } from './ticket';
import { ACTIVE_STATUSES, dateOnly, ticketTitleIn } from './ticket';
import { categoryNameSql } from '../catalogue/catalogue.repository';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';

export interface TicketFilter {
  status?: TicketStatus;
  teamId?: number;
  campaignId?: number;
  isOverdue?: boolean;
  /** Only these teams (a member's scope); undefined or null for all. */
  teamIds?: number[] | null;
}

/** Tickets with their campaign, team, assignee and category name (in `lang`, else English). */
function selectTickets(db: Db, lang: Language = DEFAULT_LANGUAGE) {
  return db
    .selectFrom('ticket')
    .innerJoin('campaign', 'campaign.id', 'ticket.campaign_id')
    .innerJoin('team', 'team.id', 'ticket.team_id')
    .leftJoin('user as assignee', 'assignee.id', 'ticket.assignee_id')
    .select([
      'ticket.id',
      'ticket.campaign_id',
      'campaign.name as campaign_name',
      'ticket.category_id',
      categoryNameSql('ticket.category_id', lang).as('category_name'),
      categoryNameSql('ticket.category_id', DEFAULT_LANGUAGE).as('category_name_en'),
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

type TicketRow = RowOf<typeof selectTickets>;

function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    categoryId: r.category_id,
    categoryName: r.category_name ?? '',
    teamId: r.team_id,
    teamName: r.team_name,
    title: ticketTitleIn(r.title, r.category_name_en, r.category_name),
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

export async function findTicketById(db: Db, id: number, lang: Language = DEFAULT_LANGUAGE): Promise<Ticket | undefined> {
  const row = await selectTickets(db, lang).where('ticket.id', '=', id).executeTakeFirst();
  return row && toTicket(row);
}

export async function listTickets(db: Db, filter: TicketFilter, now: Date, limit = 500, lang: Language = DEFAULT_LANGUAGE): Promise<Ticket[]> {
  let q = selectTickets(db, lang);
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

/** A campaign as routing and the closure effect read it. */
export interface TicketCampaign {
  id: number;
  name: string;
  template: string;
  /** The survey snapshot (JSON); null before launch. */
  definition: string | null;
  launchedAt: string | null;
  createdAt: string;
}

export async function findTicketCampaign(db: Db, id: number): Promise<TicketCampaign | undefined> {
  const row = await db
    .selectFrom('campaign')
    .select(['id', 'name', 'template', 'definition', 'launched_at', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, template: row.template, definition: row.definition, launchedAt: row.launched_at, createdAt: row.created_at };
}

/** Campaigns as filter choices of the ticket list, newest first. */
export async function listCampaignChoices(db: Db): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('campaign').select(['id', 'name']).orderBy('id', 'desc').execute();
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
export async function insertTicketIfNew(db: Db, t: NewTicket, now: Date): Promise<number | undefined> {
  const row = await db
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

/** Writes the fields given (undefined leaves a column alone) and stamps updated_at. */
export async function updateTicket(db: Db, id: number, changes: TicketChanges, now: Date): Promise<void> {
  await db
    .updateTable('ticket')
    .set({
      ...givenColumns({
        status: changes.status,
        assignee_id: changes.assigneeId,
        due_date: changes.dueDate,
        resolution_note: changes.resolutionNote && JSON.stringify(changes.resolutionNote),
        resolved_at: changes.resolvedAt,
      }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Active tickets past their due date that were not escalated since `since`. */
export async function listTicketIdsToEscalate(db: Db, now: Date, since: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('ticket')
    .select('id')
    .where('status', 'in', ACTIVE_STATUSES)
    .where('due_date', '<', dateOnly(now))
    .where((eb) => eb.or([eb('last_escalated_at', 'is', null), eb('last_escalated_at', '<=', since.toISOString())]))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Claims one escalation: true only for the caller that moved last_escalated_at. */
export async function updateLastEscalatedIfDue(db: Db, id: number, now: Date, since: Date): Promise<boolean> {
  const result = await db
    .updateTable('ticket')
    .set({ last_escalated_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_escalated_at', 'is', null), eb('last_escalated_at', '<=', since.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ResolvedTicket {
  id: number;
  categoryId: number;
  category: string;
  status: TicketStatus;
  resolvedAt: string;
  /** The part of the base the ticket was routed for. */
  filter: AnalysisFilter;
  campaign: { id: number; name: string; launchedAt: string | null; createdAt: string };
}

/** Resolved tickets of the template's other campaigns, oldest campaign first, with the category named in `lang`. */
export async function listResolvedTicketsOfTemplate(db: Db, template: string, exceptCampaignId: number, lang: Language = DEFAULT_LANGUAGE): Promise<ResolvedTicket[]> {
  const rows = await db
    .selectFrom('ticket')
    .innerJoin('campaign', 'campaign.id', 'ticket.campaign_id')
    .select([
      'ticket.id',
      'ticket.category_id',
      'ticket.status',
      'ticket.resolved_at',
      'ticket.evidence',
      categoryNameSql('ticket.category_id', lang).as('category_name'),
      'campaign.id as campaign_id',
      'campaign.name as campaign_name',
      'campaign.launched_at',
      'campaign.created_at',
    ])
    .where('campaign.template', '=', template)
    .where('campaign.id', '!=', exceptCampaignId)
    .where('ticket.resolved_at', 'is not', null)
    .orderBy('campaign.id')
    .orderBy('ticket.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    category: r.category_name ?? '',
    status: r.status as TicketStatus,
    resolvedAt: r.resolved_at!,
    filter: (JSON.parse(r.evidence) as { filter?: AnalysisFilter }).filter ?? {},
    campaign: { id: r.campaign_id, name: r.campaign_name, launchedAt: r.launched_at, createdAt: r.created_at },
  }));
}
