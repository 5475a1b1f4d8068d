import { Router, type Response } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { currentUser } from '../auth/middleware';
import { listTeams } from '../accounts/team.repository';
import { ValidationError } from '../shared/errors';
import type { Ticket } from './ticket';
import { isOverdue } from './ticket';
import { CampaignIdParams, RouteSelection, TicketIdParams, TicketListQuery, TicketPatch } from './ticket.schemas';
import { getTicketWithCounts, listTicketsFor, updateTicket } from './ticket.service';
import { routeProblems } from './routing.service';
import { parseParams } from '../shared/input';

function unprocessable(res: Response, error: z.ZodError | ValidationError) {
  const fields =
    error instanceof ValidationError
      ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.startsWith('note_') ? `resolutionNote.${k.slice(5)}` : k, v]))
      : Object.fromEntries(error.issues.map((i) => [i.path.join('.') || 'body', [i.message]]));
  res.status(422).json({ error: error instanceof ValidationError ? error.message : 'Invalid request', fields });
}

function toJson(t: Ticket, now: Date) {
  return {
    id: t.id,
    campaignId: t.campaignId,
    campaign: t.campaignName,
    categoryId: t.categoryId,
    category: t.categoryName,
    teamId: t.teamId,
    team: t.teamName,
    title: t.title,
    status: t.status,
    assigneeId: t.assigneeId,
    dueDate: t.dueDate,
    isOverdue: isOverdue(t, now),
    evidence: t.evidence,
    resolutionNote: t.resolutionNote,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    resolvedAt: t.resolvedAt,
  };
}

/** /api/v1: teams, routing and tickets, acting as the API key's user with the pages' rules. */
export function ticketApiRoutes({ db, clock, config }: RouteDeps): Router {
  const router = Router();
  const ctx = () => ({ now: clock(), baseUrl: config.baseUrl });

  router.get('/teams', async (_req, res) => {
    const teams = await listTeams(db);
    res.json({ teams: teams.map((t) => ({ id: t.id, name: t.name, email: t.email, isActive: t.isActive, memberCount: t.memberCount })) });
  });

  router.post('/campaigns/:id/route', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const selection = RouteSelection.safeParse(req.body ?? {});
    if (!selection.success) return unprocessable(res, selection.error);
    const result = await routeProblems(db, currentUser(res), id, selection.data, ctx());
    res.status(result.created.length ? 201 : 200).json(result);
  });

  router.get('/tickets', async (req, res) => {
    const query = TicketListQuery.safeParse(req.query);
    if (!query.success) return unprocessable(res, query.error);
    const now = clock();
    const q = query.data;
    const tickets = await listTicketsFor(db, currentUser(res), { status: q.status, teamId: q.teamId, campaignId: q.campaignId, isOverdue: q.overdue }, now);
    res.json({ tickets: tickets.map((t) => toJson(t, now)) });
  });

  router.get('/tickets/:id', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const now = clock();
    const t = await getTicketWithCounts(db, currentUser(res), id, now);
    res.json({ ...toJson(t, now), followups: t.followups });
  });

  router.patch('/tickets/:id', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const patch = TicketPatch.safeParse(req.body ?? {});
    if (!patch.success) return unprocessable(res, patch.error);
    try {
      await updateTicket(db, currentUser(res), id, patch.data, ctx());
    } catch (error) {
      if (error instanceof ValidationError) return unprocessable(res, error);
      throw error;
    }
    const now = clock();
    const t = await getTicketWithCounts(db, currentUser(res), id, now);
    res.json({ ...toJson(t, now), followups: t.followups });
  });

  return router;
}
