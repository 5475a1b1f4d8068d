import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canListTickets, canRouteProblems } from './ticket.policy';
import { parseBody, parseInput, parseParams } from '../shared/input';
import { isOverdue, type Ticket } from './ticket';
import { jsonContent, jsonResponse, type ApiOperations } from '../api/openapi';
import {
  CampaignIdParams,
  RouteSelection,
  RoutingResultJson,
  TeamListJson,
  TicketDetailJson,
  TicketIdParams,
  TicketListJson,
  TicketListQuery,
  TicketPatch,
  type TicketJson,
} from './ticket.schemas';
import { getTicketWithCounts, listTicketsFor } from './ticket.service';
import { patchTicket } from './ticket-update.service';
import { listTeamsFor, routeProblems } from './routing.service';

/** A ticket as the API shows it. */
function ticketJson(t: Ticket, now: Date): TicketJson {
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
    res.json({ teams: await listTeamsFor(db, currentUser(res)) } satisfies TeamListJson);
  });

  router.post('/campaigns/:id/route', requirePolicy(canRouteProblems), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const selection = parseBody(RouteSelection, req.body ?? {});
    const result = await routeProblems(db, currentUser(res), id, selection, ctx());
    res.status(result.created.length ? 201 : 200).json(result satisfies RoutingResultJson);
  });

  router.get('/tickets', async (req, res) => {
    const q = parseInput(TicketListQuery, req.query);
    const now = clock();
    const tickets = await listTicketsFor(db, currentUser(res), { status: q.status, teamId: q.teamId, campaignId: q.campaignId, isOverdue: q.overdue }, now);
    res.json({ tickets: tickets.map((t) => ticketJson(t, now)) } satisfies TicketListJson);
  });

  router.get('/tickets/:id', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const now = clock();
    const t = await getTicketWithCounts(db, currentUser(res), id, now);
    res.json({ ...ticketJson(t, now), followups: t.followups } satisfies TicketDetailJson);
  });

  router.patch('/tickets/:id', requirePolicy(canListTickets), async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const patch = parseBody(TicketPatch, req.body ?? {});
    const context = ctx();
    const t = await patchTicket(db, currentUser(res), id, patch, context);
    res.json({ ...ticketJson(t, context.now), followups: t.followups } satisfies TicketDetailJson);
  });

  return router;
}

/** The OpenAPI description of the routes above; a route missing here fails test/http/openapi.test.ts. */
export const ticketApiOperations: ApiOperations = {
  'GET /teams': {
    operationId: 'listTeams',
    tags: ['Tickets'],
    summary: 'List the teams',
    description: "Admins and quality managers see every team, a team member their own team.",
    responses: { 200: jsonResponse('The teams, by name.', TeamListJson) },
    errors: [403],
  },
  'POST /campaigns/:id/route': {
    operationId: 'routeProblems',
    tags: ['Tickets'],
    summary: "Route a campaign's top problems to their teams",
    description:
      'Creates one ticket per chosen problem category for its owning team, with the evidence of the analysis fixed now, and mails each team. ' +
      'Give either `top` (the N highest ranked) or `minScore` (all at or above a score), optionally for a part of the customer base. ' +
      'Routing the same category of the same campaign again never makes a second ticket: it is listed in `skipped` as `already_routed`.',
    requestParams: { path: CampaignIdParams },
    requestBody: { required: true, content: jsonContent(RouteSelection, { top: 3, segment: ['Retail'] }) },
    responses: {
      201: jsonResponse('At least one ticket was created.', RoutingResultJson),
      200: jsonResponse('Nothing new to route: every chosen problem is in `skipped`.', RoutingResultJson),
    },
    errors: [403, 404, 422],
  },
  'GET /tickets': {
    operationId: 'listTickets',
    tags: ['Tickets'],
    summary: 'List tickets',
    description: "A team member sees their team's tickets; admins and quality managers every team's.",
    requestParams: { query: TicketListQuery },
    responses: { 200: jsonResponse('The tickets matching the filters.', TicketListJson) },
    errors: [400, 403],
  },
  'GET /tickets/:id': {
    operationId: 'getTicket',
    tags: ['Tickets'],
    summary: 'Get a ticket',
    requestParams: { path: TicketIdParams },
    responses: { 200: jsonResponse('The ticket with its follow-up counts.', TicketDetailJson) },
    errors: [403, 404],
  },
  'PATCH /tickets/:id': {
    operationId: 'updateTicket',
    tags: ['Tickets'],
    summary: 'Change a ticket',
    description:
      'Any of status, assignee, due date and resolution note. Resolving needs a resolution note in the language of every customer who reported the problem; ' +
      'they are then mailed what was done. A status move the ticket does not allow answers 409.',
    requestParams: { path: TicketIdParams },
    requestBody: { required: true, content: jsonContent(TicketPatch, { status: 'resolved', resolutionNote: { en: 'We added a second carrier.', sv: 'Vi har lagt till en andra transportör.' } }) },
    responses: { 200: jsonResponse('The saved ticket.', TicketDetailJson) },
    errors: [403, 404, 409, 422],
  },
};
