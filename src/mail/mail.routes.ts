import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { parseInput, parseParams } from '../shared/input';
import { OUTBOX_STATUSES } from './mail';
import { OutboxMailIdParams, OutboxQuery, SuppressionForm } from './mail.schemas';
import { getOutbox, getOutboxMail, listSuppressedAddresses, removeSuppression } from './outbox.service';

/** The admins' outbox and suppressed addresses. */
export function mailRoutes({ db }: RouteDeps): Router {
  const router = Router();
  router.use('/admin/outbox', requireRole('admin'));
  router.use('/admin/suppressions', requireRole('admin'));

  router.get('/admin/outbox', async (req, res) => {
    const { status } = parseInput(OutboxQuery, req.query);
    const { mails, counts, pause } = await getOutbox(db, currentUser(res), status, new Date());
    res.render('mail/outbox', { title: 'Mail outbox', mails, counts, pause, statuses: OUTBOX_STATUSES, status: status ?? '' });
  });

  router.get('/admin/outbox/:id', async (req, res) => {
    const { id } = parseParams(OutboxMailIdParams, req.params);
    const mail = await getOutboxMail(db, currentUser(res), id);
    res.render('mail/outbox-mail', { title: `Mail ${id}`, mail });
  });

  router.get('/admin/suppressions', async (_req, res) => {
    res.render('mail/suppressions', { title: 'Suppressed addresses', suppressions: await listSuppressedAddresses(db, currentUser(res)) });
  });

  // The page only posts addresses it lists, so an unreadable address just shows the list again.
  router.post('/admin/suppressions/delete', async (req, res) => {
    const form = SuppressionForm.safeParse(req.body);
    if (form.success) {
      await removeSuppression(db, currentUser(res), form.data.email);
      flash(req, 'success', `${form.data.email} may be mailed again.`);
    }
    res.redirect(303, '/admin/suppressions');
  });

  return router;
}
