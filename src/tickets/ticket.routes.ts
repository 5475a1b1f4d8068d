import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole, requireUser } from '../auth/middleware';
import { ValidationError } from '../shared/errors';
import { fieldErrors, type FieldErrors } from '../shared/forms';
import { listTeams } from '../accounts/team.repository';
import { listCustomerValues } from '../customers/customer.repository';
import { followupRoutes } from '../followups/followup.routes';
import { canRouteProblems, ticketTeamScope } from './ticket.policy';
import { STATUS_LABELS, TICKET_STATUSES, type ResolutionNote } from './ticket';
import { CampaignIdParams, CommentForm, DetailsForm, DueDaysForm, RouteSelection, StatusForm, TicketIdParams, TicketListQuery } from './ticket.schemas';
import { addComment, getDueDays, getTicketPage, listTicketsFor, setDueDays, updateTicket } from './ticket.service';
import { listCampaignChoices } from './ticket.repository';
import { previewRouting, routeProblems } from './routing.service';
import { closureEffect } from './closure.service';
import { parseParams } from '../shared/input';

const STYLES = ['/static/css/tickets.css'];

function noteOf(form: { note_en?: string; note_sv?: string; note_da?: string }): ResolutionNote | undefined {
  const note: ResolutionNote = {};
  if (form.note_en !== undefined) note.en = form.note_en;
  if (form.note_sv !== undefined) note.sv = form.note_sv;
  if (form.note_da !== undefined) note.da = form.note_da;
  return Object.keys(note).length ? note : undefined;
}

export function ticketRoutes(deps: RouteDeps): Router {
  const { db, clock, config } = deps;
  const router = Router();
  router.use(followupRoutes(deps));
  router.use('/tickets', requireUser);

  const ctx = () => ({ now: clock(), baseUrl: config.baseUrl });

  router.get('/tickets', async (req, res) => {
    const user = currentUser(res);
    const parsed = TicketListQuery.safeParse(req.query);
    const filter = parsed.success ? parsed.data : { overdue: false };
    const now = clock();
    const tickets = await listTicketsFor(db, user, { status: filter.status, teamId: filter.teamId, campaignId: filter.campaignId, isOverdue: filter.overdue }, now);
    const scope = ticketTeamScope(user);
    const teams = (await listTeams(db)).filter((t) => !scope || scope.includes(t.id));
    const campaigns = await listCampaignChoices(db);
    res.render('tickets/index', {
      title: 'Action tickets',
      styles: STYLES,
      tickets,
      teams,
      campaigns,
      filter,
      statuses: TICKET_STATUSES,
      statusLabels: STATUS_LABELS,
      canRoute: canRouteProblems(user),
    });
  });

  const renderTicket = async (req: Request, res: Response, id: number, extra: { errors?: FieldErrors; values?: Record<string, unknown>; status?: number } = {}) => {
    const page = await getTicketPage(db, currentUser(res), id, clock());
    const t = page.ticket;
    res.status(extra.status ?? 200).render('tickets/show', {
      title: t.title,
      styles: STYLES,
      ...page,
      statusLabels: STATUS_LABELS,
      errors: extra.errors ?? {},
      values: {
        assigneeId: t.assigneeId ?? '',
        dueDate: t.dueDate,
        note_en: t.resolutionNote.en ?? '',
        note_sv: t.resolutionNote.sv ?? '',
        note_da: t.resolutionNote.da ?? '',
        body: '',
        ...extra.values,
      },
    });
  };

  router.get('/tickets/:id', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    await renderTicket(req, res, id);
  });

  router.post('/tickets/:id/status', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const form = StatusForm.safeParse(req.body);
    if (!form.success) return renderTicket(req, res, id, { errors: fieldErrors(form.error), values: req.body, status: 422 });
    try {
      await updateTicket(db, currentUser(res), id, { status: form.data.status, resolutionNote: noteOf(form.data) }, ctx());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderTicket(req, res, id, { errors: error.fields, values: req.body, status: 422 });
    }
    flash(req, 'success', `Ticket moved to ${STATUS_LABELS[form.data.status].toLowerCase()}.`);
    res.redirect(303, `/tickets/${id}`);
  });

  router.post('/tickets/:id/details', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const form = DetailsForm.safeParse(req.body);
    if (!form.success) return renderTicket(req, res, id, { errors: fieldErrors(form.error), values: req.body, status: 422 });
    try {
      await updateTicket(db, currentUser(res), id, { assigneeId: form.data.assigneeId, dueDate: form.data.dueDate, resolutionNote: noteOf(form.data) }, ctx());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderTicket(req, res, id, { errors: error.fields, values: req.body, status: 422 });
    }
    flash(req, 'success', 'Ticket saved.');
    res.redirect(303, `/tickets/${id}`);
  });

  router.post('/tickets/:id/comments', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const form = CommentForm.safeParse(req.body);
    if (!form.success) return renderTicket(req, res, id, { errors: fieldErrors(form.error), values: { body: req.body.body }, status: 422 });
    await addComment(db, currentUser(res), id, form.data.body, clock());
    flash(req, 'success', 'Comment added.');
    res.redirect(303, `/tickets/${id}#comments`);
  });

  // Routing lives with the campaign it reads from; only quality managers and admins.
  router.use('/campaigns/:id/route', requireUser);
  router.use('/campaigns/:id/closure-effect', requireUser);

  const renderRouting = async (res: Response, campaignId: number, query: Record<string, unknown>, extra: { errors?: FieldErrors; status?: number } = {}) => {
    const user = currentUser(res);
    const selection = RouteSelection.safeParse(query);
    const hasSelection = query.top !== undefined || query.minScore !== undefined;
    const errors = extra.errors ?? (hasSelection && !selection.success ? fieldErrors(selection.error) : {});
    const preview = await previewRouting(db, user, campaignId, selection.success ? selection.data : { top: 5 });
    const segments = await listCustomerValues(db, 'segment');
    res.status(extra.status ?? (Object.keys(errors).length ? 422 : 200)).render('tickets/route', {
      title: `Route top problems: ${preview.campaign.name}`,
      styles: STYLES,
      preview: selection.success || !hasSelection ? preview : null,
      segments,
      values: { top: hasSelection ? (query.top ?? '') : '5', minScore: query.minScore ?? '', segment: [query.segment ?? []].flat() },
      errors,
    });
  };

  router.get('/campaigns/:id/route', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    await renderRouting(res, id, req.query as Record<string, unknown>);
  });

  router.post('/campaigns/:id/route', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const user = currentUser(res);
    const body = { ...req.body } as Record<string, unknown>;
    delete body._csrf;
    const selection = RouteSelection.safeParse(body);
    if (!selection.success) return renderRouting(res, id, body, { errors: fieldErrors(selection.error), status: 422 });
    const result = await routeProblems(db, user, id, selection.data, ctx());
    flash(req, 'success', `${result.created.length} ticket(s) created, ${result.skipped.length} categor${result.skipped.length === 1 ? 'y' : 'ies'} skipped.`);
    res.redirect(303, `/tickets?campaignId=${id}`);
  });

  router.get('/campaigns/:id/closure-effect', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const effect = await closureEffect(db, currentUser(res), id);
    res.render('tickets/closure-effect', { title: `Closure effect: ${effect.campaign.name}`, styles: STYLES, ...effect, canRoute: canRouteProblems(currentUser(res)) });
  });

  // The default due date of new tickets; its own small page so the tickets feature owns its setting.
  router.use('/admin/ticket-settings', requireRole('admin'));
  const renderSettings = (res: Response, values: { dueDays: unknown }, errors: FieldErrors = {}, status = 200) =>
    res.status(status).render('tickets/settings', { title: 'Ticket settings', values, errors });

  router.get('/admin/ticket-settings', async (_req, res) => {
    renderSettings(res, { dueDays: await getDueDays(db, currentUser(res)) });
  });

  router.post('/admin/ticket-settings', async (req, res) => {
    const form = DueDaysForm.safeParse(req.body);
    if (!form.success) return renderSettings(res, { dueDays: req.body?.dueDays ?? '' }, fieldErrors(form.error), 422);
    await setDueDays(db, currentUser(res), form.data.dueDays);
    flash(req, 'success', 'Ticket settings saved.');
    res.redirect(303, '/admin/ticket-settings');
  });

  return router;
}
