import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireUser } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { ConfirmPreviewForm, RejectFollowupsForm, TicketIdParams } from './ticket.schemas';
import { approveFollowups, getFollowupReview, listFollowupApprovals, rejectFollowups } from './followup-review.service';
import { followupSummary } from './followup';
import { inReaderLanguage } from './reader-language';
import type { Language, Translate } from '../shared/languages';

const STYLES = ['/static/css/tickets.css'];

/** Follow-ups waiting for approval: the list, one ticket's mails to review, approve and reject. */
export function followupReviewRoutes({ db, clock, config }: RouteDeps): Router {
  const router = Router();
  router.use('/tickets/approvals', requireUser);
  const ctx = () => ({ now: clock(), baseUrl: config.baseUrl });

  router.get('/tickets/approvals', async (_req, res) => {
    const waiting = await listFollowupApprovals(db, currentUser(res), res.locals.lang as Language);
    res.render('tickets/approvals', { title: (res.locals.t as Translate)('tickets.approvals.title'), styles: STYLES, waiting });
  });

  const renderReview = async (res: Response, ticketId: number, errors: FieldErrors = {}, values: { reason?: unknown } = {}, status = 200) => {
    const review = await getFollowupReview(db, currentUser(res), ticketId, ctx(), res.locals.lang as Language);
    const t = res.locals.t as Translate;
    res.status(status).render('tickets/approval', {
      title: t('tickets.approval.title', { title: review.ticket.title }),
      styles: STYLES,
      ...review,
      summary: followupSummary(review.followupPlan, t, res.locals.lang as Language),
      errors,
      values: { reason: typeof values.reason === 'string' ? values.reason : '' },
    });
  };

  router.get('/tickets/approvals/:id', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    await renderReview(res, id);
  });

  router.post('/tickets/approvals/:id/approve', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const approved = await submitForm(ConfirmPreviewForm, req.body, (form) => inReaderLanguage(res, () => approveFollowups(db, currentUser(res), id, form.digest, ctx())));
    if (!approved.ok) return renderReview(res, id, approved.errors, {}, 422);
    const { queued, dropped } = approved.value;
    const t = res.locals.t as Translate;
    const left = dropped ? ` ${t('tickets.flash.approvedLeftOut', { count: dropped })}` : '';
    flash(req, 'success', `${t('tickets.flash.approved', { count: queued })}${left}`);
    res.redirect(303, '/tickets/approvals');
  });

  router.post('/tickets/approvals/:id/reject', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const rejected = await submitForm(RejectFollowupsForm, req.body, (form) => rejectFollowups(db, currentUser(res), id, form.reason, ctx()));
    if (!rejected.ok) return renderReview(res, id, rejected.errors, req.body as { reason?: unknown }, 422);
    const n = rejected.value.rejected;
    flash(req, 'success', (res.locals.t as Translate)('tickets.flash.rejected', { count: n }));
    res.redirect(303, '/tickets/approvals');
  });

  return router;
}
