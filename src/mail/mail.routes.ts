import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { parseParams } from '../shared/input';
import { pagerOf, parseListQuery } from '../shared/pager';
import { MAIL_KINDS, OUTBOX_STATUSES } from './mail';
import { OutboxMailIdParams, OutboxQuery, SuppressionForm } from './mail.schemas';
import { getOutbox, getOutboxMail, OUTBOX_PAGE_SIZE, listSuppressedAddresses, removeSuppression } from './outbox.service';

/** The admins' outbox and suppressed addresses. */
export function mailRoutes({ db }: RouteDeps): Router {
  const router = Router();
  router.use('/admin/outbox', requireRole('admin'));
  router.use('/admin/suppressions', requireRole('admin'));

  router.get('/admin/outbox', async (req, res) => {
    const query = parseListQuery(OutboxQuery, req.query);
    const outbox = await getOutbox(db, currentUser(res), query, new Date());
    const filters = { q: query.q, status: query.status, kind: query.kind };
    res.render('mail/outbox', {
      title: res.locals.t('outbox.title'),
      ...outbox,
      filters,
      statuses: OUTBOX_STATUSES,
      kinds: MAIL_KINDS,
      pager: pagerOf('/admin/outbox', filters, outbox.page, outbox.total, OUTBOX_PAGE_SIZE),
    });
  });

  router.get('/admin/outbox/:id', async (req, res) => {
    const { id } = parseParams(OutboxMailIdParams, req.params);
    const mail = await getOutboxMail(db, currentUser(res), id);
    res.render('mail/outbox-mail', { title: mail.subject, mail });
  });

  router.get('/admin/suppressions', async (_req, res) => {
    res.render('mail/suppressions', { title: res.locals.t('outbox.suppressions.title'), suppressions: await listSuppressedAddresses(db, currentUser(res)) });
  });

  // The page only posts addresses it lists, so an unreadable address just shows the list again.
  router.post('/admin/suppressions/delete', async (req, res) => {
    const form = SuppressionForm.safeParse(req.body);
    if (form.success) {
      await removeSuppression(db, currentUser(res), form.data.email);
      flash(req, 'success', res.locals.t('outbox.suppressions.flash.removed', { email: form.data.email }));
    }
    res.redirect(303, '/admin/suppressions');
  });

  return router;
}
