import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireUser } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { ConfirmPreviewForm, RejectFollowupsForm, TicketIdParams } from './ticket.schemas';
import { approveFollowups, getFollowupReview, listFollowupApprovals, rejectFollowups } from './followup-review.service';

const STYLES = ['/static/css/tickets.css'];

/** Follow-ups waiting for approval: the list, one ticket's mails to review, approve and reject. */
export function followupReviewRoutes({ db, clock, config }: RouteDeps): Router {
  const router = Router();
  router.use('/tickets/approvals', requireUser);
  const ctx = () => ({ now: clock(), baseUrl: config.baseUrl });

  router.get('/tickets/approvals', async (_req, res) => {
    const waiting = await listFollowupApprovals(db, currentUser(res));
    res.render('tickets/approvals', { title: 'Follow-ups waiting for approval', styles: STYLES, waiting });
  });

  const renderReview = async (res: Response, ticketId: number, errors: FieldErrors = {}, values: { reason?: unknown } = {}, status = 200) => {
    const review = await getFollowupReview(db, currentUser(res), ticketId, ctx());
    res.status(status).render('tickets/approval', {
      title: `Follow-ups to approve: ${review.ticket.title}`,
      styles: STYLES,
      ...review,
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
    const approved = await submitForm(ConfirmPreviewForm, req.body, (form) => approveFollowups(db, currentUser(res), id, form.digest, ctx()));
    if (!approved.ok) return renderReview(res, id, approved.errors, {}, 422);
    const { queued, dropped } = approved.value;
    const left = dropped ? ` ${dropped} left out: they opted out or their address bounced since.` : '';
    flash(req, 'success', `Approved: ${queued} follow-up mail${queued === 1 ? '' : 's'} queued.${left}`);
    res.redirect(303, '/tickets/approvals');
  });

  router.post('/tickets/approvals/:id/reject', async (req, res) => {
    const { id } = parseParams(TicketIdParams, req.params);
    const rejected = await submitForm(RejectFollowupsForm, req.body, (form) => rejectFollowups(db, currentUser(res), id, form.reason, ctx()));
    if (!rejected.ok) return renderReview(res, id, rejected.errors, req.body as { reason?: unknown }, 422);
    const n = rejected.value.rejected;
    flash(req, 'success', `Rejected: ${n} follow-up mail${n === 1 ? '' : 's'} will not be sent. The team was told why.`);
    res.redirect(303, '/tickets/approvals');
  });

  return router;
}
