import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canListTickets, canRouteProblems } from './ticket.policy';
import { parseBody, parseInput, parseParams } from '../shared/input';
import { isOverdue, type Ticket } from './ticket';
import { CampaignIdParams, RouteSelection, TicketIdParams, TicketListQuery, TicketPatch } from './ticket.schemas';
import { getTicketWithCounts, listTicketsFor } from './ticket.service';
import { patchTicket } from './ticket-update.service';
import { listTeamsFor, routeProblems } from './routing.service';

/** A ticket as the API shows it. */
function ticketJson(t: Ticket, now: Date) {
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

/**
 * /api/v1: teams, routing and tickets, acting as the API key's user with the pages' rules.
 * Invalid input answers 422 with fields keyed by JSON path (`resolutionNote.sv`).
 */
export function ticketApiRoutes({ db, clock, config }: RouteDeps): Router {
  const router = Router();
  const ctx = () => ({ now: clock(), baseUrl: config.baseUrl });

  router.get('/teams', async (_req, res) => {
    res.json({ teams: await listTeamsFor(db, currentUser(res)) });
  });

  router.post('/campaigns/:id/route', requirePolicy(canRouteProblems), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const selection = parseBody(RouteSelection, req.body ?? {});
    const result = await routeProblems(db, currentUser(res), id, selection, ctx());
    res.status(result.created.length ? 201 : 200).json(result);
  });

  router.get('/tickets', async (req, res) => {
    const q = parseInput(TicketListQuery, req.query);
    const now = clock();
    const tickets = await listTicketsFor(db, currentUser(res), { status: q.status, teamId: q.teamId, campaignId: q.campaignId, isOverdue: q.overdue }, now);
    res.json({ tickets: tickets.map((t) => ticketJson(t, now)) });
  });

  router.get('/tickets/:id', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const now = clock();
    const t = await getTicketWithCounts(db, currentUser(res), id, now);
    res.json({ ...ticketJson(t, now), followups: t.followups });
  });

  router.patch('/tickets/:id', requirePolicy(canListTickets), async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const patch = parseBody(TicketPatch, req.body ?? {});
    const context = ctx();
    const t = await patchTicket(db, currentUser(res), id, patch, context);
    res.json({ ...ticketJson(t, context.now), followups: t.followups });
  });

  return router;
}
