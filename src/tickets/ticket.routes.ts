import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole, requireUser } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { languageInText, languageLabel, type Language } from '../shared/languages';
import type { ViewFormatters } from '../shared/format';
import { activityDetail, activityLabel, type ActivityReader, NOTE_LANGUAGES, statusesInTextIn, statusLabelsIn, TICKET_STATUSES } from './ticket';
import { inReaderLanguage, readerOf } from './reader-language';
import {
  CampaignIdParams,
  CommentForm,
  ConfirmPreviewForm,
  DetailsForm,
  noteFromForm,
  ProblemOwnerForm,
  readRoutingQuery,
  RouteSelection,
  StatusForm,
  TicketIdParams,
  TicketListQuery,
  TicketSettingsForm,
  ticketFormErrors,
} from './ticket.schemas';
import { addComment, getTicketListPage, getTicketPage } from './ticket.service';
import { updateTicket } from './ticket-update.service';
import { changeStatusFromPage, confirmResolving, getResolvePreview } from './resolve.service';
import { resubmitFollowups } from './followup-review.service';
import { getTicketSettings, setTicketSettings } from './ticket-settings.service';
import { getRoutingPage, routeProblems, setProblemOwner } from './routing.service';
import { routingSummary, shortfallOf } from './routing';
import { getClosureEffect } from './closure.service';
import { followupReviewRoutes } from './followup-review.routes';
import { followupOutcomeText, followupSummary } from './followup';

const STYLES = ['/static/css/tickets.css'];
const SCRIPTS = ['/static/js/ticket-forms.js'];


/** The note languages by their names in the reader's language ("Swedish", "svenska"). */
const noteLanguageLabelsIn = (lang: Language) => Object.fromEntries(NOTE_LANGUAGES.map((l) => [l, languageLabel(l, lang)]));

/** Ticket pages, routing a campaign's problems to teams, the closure effect and the ticket settings. */
export function ticketRoutes(deps: RouteDeps): Router {
  const { db, clock, config } = deps;
  const router = Router();
  router.use('/tickets', requireUser);

  const ctx = () => ({ now: clock(), baseUrl: config.baseUrl });

  // Before /tickets/:id, which would read "approvals" as a ticket id.
  router.use(followupReviewRoutes(deps));

  router.get('/tickets', async (req, res) => {
    const parsed = TicketListQuery.safeParse(req.query);
    // A hand-edited filter that does not parse shows every ticket rather than an error.
    const filter = parsed.success ? parsed.data : { overdue: false };
    const listFilter = { status: filter.status, teamId: filter.teamId, campaignId: filter.campaignId, isOverdue: filter.overdue };
    const page = await getTicketListPage(db, currentUser(res), listFilter, clock(), readerOf(res).lang);
    const { t } = readerOf(res);
    res.render('tickets/index', { title: t('tickets.index.title'), styles: STYLES, ...page, filter, statuses: TICKET_STATUSES, statusLabels: statusLabelsIn(t) });
  });

  const renderTicket = async (res: Response, id: number, extra: { errors?: FieldErrors; values?: Record<string, unknown>; status?: number } = {}) => {
    const page = await getTicketPage(db, currentUser(res), id, clock(), readerOf(res).lang);
    const t = page.ticket;
    const reader = readerOf(res);
    res.status(extra.status ?? 200).render('tickets/show', {
      title: t.title,
      styles: STYLES,
      scripts: SCRIPTS,
      ...page,
      statusLabels: statusLabelsIn(reader.t),
      statusesInText: statusesInTextIn(reader.t),
      activityReader: {
        t: reader.t,
        languageName: (code: string) => languageInText(code, reader.lang),
        date: (iso: string) => (res.locals.fmt as ViewFormatters).date(iso),
        inText: statusesInTextIn(reader.t),
      } satisfies ActivityReader,
      activityLabel,
      activityDetail,
      langNames: noteLanguageLabelsIn(reader.lang),
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

  // Resolving from the page saves the note and shows the follow-up mails first; only the
  // confirmation on /tickets/:id/resolve resolves and sends.
  router.post('/tickets/:id/status', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const moved = await submitForm(StatusForm, req.body, async (form) => ({
      to: form.status,
      outcome: await inReaderLanguage(res, () => changeStatusFromPage(db, currentUser(res), id, form.status, noteFromForm(form), ctx())),
    }));
    if (!moved.ok) return renderTicket(res, id, { errors: ticketFormErrors(moved.errors), values: req.body, status: 422 });
    if (moved.value.outcome === 'confirm') return res.redirect(303, `/tickets/${id}/resolve`);
    const { t } = readerOf(res);
    flash(req, 'success', t('tickets.flash.moved', { status: statusesInTextIn(t)[moved.value.to] }));
    res.redirect(303, `/tickets/${id}`);
  });

  const renderResolve = async (res: Response, id: number, errors: FieldErrors = {}, status = 200) => {
    const preview = await getResolvePreview(db, currentUser(res), id, ctx());
    const { t, lang } = readerOf(res);
    res.status(status).render('tickets/resolve', {
      title: t('tickets.resolve.title', { title: preview.ticket.title }),
      styles: STYLES,
      ...preview,
      summary: followupSummary(preview.followupPlan, t, lang),
      langNames: noteLanguageLabelsIn(lang),
      errors,
    });
  };

  router.get('/tickets/:id/resolve', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    await renderResolve(res, id);
  });

  router.post('/tickets/:id/resolve', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const resolved = await submitForm(ConfirmPreviewForm, req.body, (form) => inReaderLanguage(res, () => confirmResolving(db, currentUser(res), id, form.digest, ctx())));
    if (!resolved.ok) return renderResolve(res, id, resolved.errors, 422);
    const { t } = readerOf(res);
    flash(req, 'success', `${t('tickets.flash.moved', { status: statusesInTextIn(t).resolved })} ${followupOutcomeText(resolved.value, t)}`);
    res.redirect(303, `/tickets/${id}`);
  });

  router.post('/tickets/:id/followups/resubmit', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const n = await resubmitFollowups(db, currentUser(res), id, ctx());
    flash(req, 'success', readerOf(res).t('tickets.flash.resubmitted', { count: n }));
    res.redirect(303, `/tickets/${id}#followups-h`);
  });

  router.post('/tickets/:id/details', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const saved = await submitForm(DetailsForm, req.body, (form) =>
      inReaderLanguage(res, () => updateTicket(db, currentUser(res), id, { assigneeId: form.assigneeId, dueDate: form.dueDate, resolutionNote: noteFromForm(form) }, ctx())),
    );
    if (!saved.ok) return renderTicket(res, id, { errors: ticketFormErrors(saved.errors), values: req.body, status: 422 });
    flash(req, 'success', readerOf(res).t('tickets.flash.saved'));
    res.redirect(303, `/tickets/${id}`);
  });

  router.post('/tickets/:id/comments', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const added = await submitForm(CommentForm, req.body, (form) => addComment(db, currentUser(res), id, form.body, clock()));
    if (!added.ok) return renderTicket(res, id, { errors: added.errors, values: { body: req.body.body }, status: 422 });
    flash(req, 'success', readerOf(res).t('tickets.flash.commented'));
    res.redirect(303, `/tickets/${id}#comments`);
  });

  // Routing lives with the campaign it reads from; only quality managers and admins.
  router.use('/campaigns/:id/route', requireUser);
  router.use('/campaigns/:id/closure-effect', requireUser);

  const renderRouting = async (
    res: Response,
    campaignId: number,
    query: Record<string, unknown>,
    submitErrors?: FieldErrors,
    owner: { categoryId?: number; errors?: FieldErrors } = {},
  ) => {
    const { selection, errors, values } = readRoutingQuery(query);
    const page = await getRoutingPage(db, currentUser(res), campaignId, selection);
    const shown = submitErrors ?? errors;
    const status = Object.keys(shown).length || owner.errors ? 422 : 200;
    const { t } = readerOf(res);
    res.status(status).render('tickets/route', {
      title: t('tickets.route.title', { name: page.campaign.name }),
      styles: STYLES,
      ...page,
      shortfall: page.preview && selection ? shortfallOf(selection, page.preview.candidates.length, t) : null,
      values,
      errors: shown,
      owner: { categoryId: owner.categoryId ?? null, errors: owner.errors ?? {} },
    });
  };

  /** The routing page's address for a selection, so a form on it comes back to the same preview. */
  const routingUrl = (campaignId: number, body: Record<string, unknown>) => {
    const query = new URLSearchParams();
    for (const key of ['top', 'minScore', 'segment']) {
      for (const v of [body[key] ?? []].flat()) if (typeof v === 'string' && v !== '') query.append(key, v);
    }
    const qs = query.toString();
    return `/campaigns/${campaignId}/route${qs ? `?${qs}` : ''}`;
  };

  router.get('/campaigns/:id/route', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    await renderRouting(res, id, req.query as Record<string, unknown>);
  });

  router.post('/campaigns/:id/route', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { _csrf, ...body } = req.body as Record<string, unknown>;
    const routed = await submitForm(RouteSelection, body, async (selection) => ({
      selection,
      result: await inReaderLanguage(res, () => routeProblems(db, currentUser(res), id, selection, ctx())),
    }));
    if (!routed.ok) return renderRouting(res, id, body, routed.errors);
    const summary = routingSummary(routed.value.selection, routed.value.result, readerOf(res).t);
    flash(req, 'success', summary.created);
    if (summary.notRouted) flash(req, 'info', summary.notRouted);
    if (summary.shortfall) flash(req, 'info', summary.shortfall);
    res.redirect(303, `/tickets?campaignId=${id}`);
  });

  router.post('/campaigns/:id/route/owner', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { _csrf, ...body } = req.body as Record<string, unknown>;
    const owned = await submitForm(ProblemOwnerForm, body, (form) =>
      inReaderLanguage(res, () => setProblemOwner(db, currentUser(res), id, form.categoryId, form.teamId, clock())),
    );
    if (!owned.ok) {
      const categoryId = Number(body.categoryId);
      return renderRouting(res, id, body, undefined, { categoryId: Number.isInteger(categoryId) ? categoryId : undefined, errors: owned.errors });
    }
    flash(req, 'success', readerOf(res).t('tickets.flash.ownerSet', { team: owned.value.team, category: owned.value.category }));
    res.redirect(303, routingUrl(id, body));
  });

  router.get('/campaigns/:id/closure-effect', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const effect = await getClosureEffect(db, currentUser(res), id, readerOf(res).lang);
    res.render('tickets/closure-effect', { title: readerOf(res).t('tickets.closure.title', { name: effect.campaign.name }), styles: STYLES, ...effect });
  });

  // The default due date of new tickets; its own small page so the tickets feature owns its setting.
  router.use('/admin/ticket-settings', requireRole('admin'));
  const renderSettings = (res: Response, values: { dueDays: unknown; isApprovalRequired: boolean }, errors: FieldErrors = {}, status = 200) =>
    res.status(status).render('tickets/settings', { title: readerOf(res).t('tickets.settings.title'), values, errors });

  router.get('/admin/ticket-settings', async (_req, res) => {
    renderSettings(res, await getTicketSettings(db, currentUser(res)));
  });

  router.post('/admin/ticket-settings', async (req, res) => {
    const saved = await submitForm(TicketSettingsForm, req.body, (form) =>
      setTicketSettings(db, currentUser(res), { dueDays: form.dueDays, isApprovalRequired: form.requireApproval }),
    );
    if (!saved.ok) return renderSettings(res, { dueDays: req.body?.dueDays ?? '', isApprovalRequired: req.body?.requireApproval === '1' }, saved.errors, 422);
    flash(req, 'success', readerOf(res).t('tickets.flash.settingsSaved'));
    res.redirect(303, '/admin/ticket-settings');
  });

  return router;
}
