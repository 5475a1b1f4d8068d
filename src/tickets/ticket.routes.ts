import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole, requireUser } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { NOTE_LANGUAGE_LABELS, NOTE_LANGUAGES, STATUS_LABELS, TICKET_STATUSES } from './ticket';
import {
  CampaignIdParams,
  CommentForm,
  DetailsForm,
  DueDaysForm,
  noteFromForm,
  readRoutingQuery,
  RouteSelection,
  StatusForm,
  TicketIdParams,
  TicketListQuery,
  ticketFormErrors,
} from './ticket.schemas';
import { addComment, getTicketListPage, getTicketPage } from './ticket.service';
import { updateTicket } from './ticket-update.service';
import { getDueDays, setDueDays } from './ticket-settings.service';
import { getRoutingPage, routeProblems } from './routing.service';
import { getClosureEffect } from './closure.service';

const STYLES = ['/static/css/tickets.css'];

/** Ticket pages, routing a campaign's problems to teams, the closure effect and the ticket settings. */
export function ticketRoutes(deps: RouteDeps): Router {
  const { db, clock, config } = deps;
  const router = Router();
  router.use('/tickets', requireUser);

  const ctx = () => ({ now: clock(), baseUrl: config.baseUrl });

  router.get('/tickets', async (req, res) => {
    const parsed = TicketListQuery.safeParse(req.query);
    // A hand-edited filter that does not parse shows every ticket rather than an error.
    const filter = parsed.success ? parsed.data : { overdue: false };
    const listFilter = { status: filter.status, teamId: filter.teamId, campaignId: filter.campaignId, isOverdue: filter.overdue };
    const page = await getTicketListPage(db, currentUser(res), listFilter, clock());
    res.render('tickets/index', { title: 'Action tickets', styles: STYLES, ...page, filter, statuses: TICKET_STATUSES, statusLabels: STATUS_LABELS });
  });

  const renderTicket = async (res: Response, id: number, extra: { errors?: FieldErrors; values?: Record<string, unknown>; status?: number } = {}) => {
    const page = await getTicketPage(db, currentUser(res), id, clock());
    const t = page.ticket;
    res.status(extra.status ?? 200).render('tickets/show', {
      title: t.title,
      styles: STYLES,
      ...page,
      statusLabels: STATUS_LABELS,
      noteLanguageLabels: NOTE_LANGUAGE_LABELS,
      allNoteLanguages: NOTE_LANGUAGES,
      errors: extra.errors ?? {},
      values: {
        assigneeId: t.assigneeId ?? '',
        dueDate: t.dueDate,
        ...Object.fromEntries(NOTE_LANGUAGES.map((l) => [`note_${l}`, t.resolutionNote[l] ?? ''])),
        body: '',
        ...extra.values,
      },
    });
  };

  router.get('/tickets/:id', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    await renderTicket(res, id);
  });

  router.post('/tickets/:id/status', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const moved = await submitForm(StatusForm, req.body, async (form) => {
      await updateTicket(db, currentUser(res), id, { status: form.status, resolutionNote: noteFromForm(form) }, ctx());
      return form.status;
    });
    if (!moved.ok) return renderTicket(res, id, { errors: ticketFormErrors(moved.errors), values: req.body, status: 422 });
    flash(req, 'success', `Ticket moved to ${STATUS_LABELS[moved.value].toLowerCase()}.`);
    res.redirect(303, `/tickets/${id}`);
  });

  router.post('/tickets/:id/details', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const saved = await submitForm(DetailsForm, req.body, (form) =>
      updateTicket(db, currentUser(res), id, { assigneeId: form.assigneeId, dueDate: form.dueDate, resolutionNote: noteFromForm(form) }, ctx()),
    );
    if (!saved.ok) return renderTicket(res, id, { errors: ticketFormErrors(saved.errors), values: req.body, status: 422 });
    flash(req, 'success', 'Ticket saved.');
    res.redirect(303, `/tickets/${id}`);
  });

  router.post('/tickets/:id/comments', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const added = await submitForm(CommentForm, req.body, (form) => addComment(db, currentUser(res), id, form.body, clock()));
    if (!added.ok) return renderTicket(res, id, { errors: added.errors, values: { body: req.body.body }, status: 422 });
    flash(req, 'success', 'Comment added.');
    res.redirect(303, `/tickets/${id}#comments`);
  });

  // Routing lives with the campaign it reads from; only quality managers and admins.
  router.use('/campaigns/:id/route', requireUser);
  router.use('/campaigns/:id/closure-effect', requireUser);

  const renderRouting = async (res: Response, campaignId: number, query: Record<string, unknown>, submitErrors?: FieldErrors) => {
    const { selection, errors, values } = readRoutingQuery(query);
    const page = await getRoutingPage(db, currentUser(res), campaignId, selection);
    const shown = submitErrors ?? errors;
    res.status(Object.keys(shown).length ? 422 : 200).render('tickets/route', {
      title: `Route top problems: ${page.campaign.name}`,
      styles: STYLES,
      preview: page.preview,
      segments: page.segments,
      values,
      errors: shown,
    });
  };

  router.get('/campaigns/:id/route', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    await renderRouting(res, id, req.query as Record<string, unknown>);
  });

  router.post('/campaigns/:id/route', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { _csrf, ...body } = req.body as Record<string, unknown>;
    const routed = await submitForm(RouteSelection, body, (selection) => routeProblems(db, currentUser(res), id, selection, ctx()));
    if (!routed.ok) return renderRouting(res, id, body, routed.errors);
    const { created, skipped } = routed.value;
    flash(req, 'success', `${created.length} ticket(s) created, ${skipped.length} categor${skipped.length === 1 ? 'y' : 'ies'} skipped.`);
    res.redirect(303, `/tickets?campaignId=${id}`);
  });

  router.get('/campaigns/:id/closure-effect', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const effect = await getClosureEffect(db, currentUser(res), id);
    res.render('tickets/closure-effect', { title: `Closure effect: ${effect.campaign.name}`, styles: STYLES, ...effect });
  });

  // The default due date of new tickets; its own small page so the tickets feature owns its setting.
  router.use('/admin/ticket-settings', requireRole('admin'));
  const renderSettings = (res: Response, values: { dueDays: unknown }, errors: FieldErrors = {}, status = 200) =>
    res.status(status).render('tickets/settings', { title: 'Ticket settings', values, errors });

  router.get('/admin/ticket-settings', async (_req, res) => {
    renderSettings(res, { dueDays: await getDueDays(db, currentUser(res)) });
  });

  router.post('/admin/ticket-settings', async (req, res) => {
    const saved = await submitForm(DueDaysForm, req.body, (form) => setDueDays(db, currentUser(res), form.dueDays));
    if (!saved.ok) return renderSettings(res, { dueDays: req.body?.dueDays ?? '' }, saved.errors, 422);
    flash(req, 'success', 'Ticket settings saved.');
    res.redirect(303, '/admin/ticket-settings');
  });

  return router;
}
