import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy, requireUser } from '../auth/middleware';
import { canChooseAlertMail } from '../tickets/ticket.policy';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { markAlertHandled, setAlertMail } from '../tickets/kam-alert.service';
import { statusLabelsIn } from '../tickets/ticket';
import { getOnboarding } from './onboarding.service';
import { getDashboard } from './dashboard.service';
import { AlertIdParams, AlertMailForm } from './dashboard.schemas';

const STYLES = ['/static/css/dashboard.css'];

/** The overview: the first-start checklist, then what needs the signed-in user, by role. */
export function homeRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  const render = async (res: Response, status = 200, errors: FieldErrors = {}, values: { alertMail?: unknown } = {}) => {
    const user = currentUser(res);
    const [onboarding, dashboard] = await Promise.all([getOnboarding(db, user), getDashboard(db, user, clock(), res.locals.lang)]);
    res.status(status).render('home/index', { title: res.locals.t('nav.overview'), styles: STYLES, onboarding, dashboard, errors, values, statusLabels: statusLabelsIn(res.locals.t) });
  };

  router.get('/', requireUser, async (_req, res) => render(res));

  // Refused before the form is read: a 422 would tell a non-KAM the choice exists for them.
  router.post('/alerts/mail', requirePolicy(canChooseAlertMail), async (req, res) => {
    const saved = await submitForm(AlertMailForm, req.body, (form) => setAlertMail(db, currentUser(res), form.alertMail, clock()));
    if (!saved.ok) return render(res, 422, saved.errors, req.body as { alertMail?: unknown });
    flash(req, 'success', res.locals.t(saved.value === 'daily' ? 'home.flash.alertMailDaily' : 'home.flash.alertMailEach'));
    res.redirect(303, '/');
  });

  router.post('/alerts/:id/handled', requireUser, async (req, res) => {
    const { id } = parseParams(AlertIdParams, req.params);
    const alert = await markAlertHandled(db, currentUser(res), id, clock());
    flash(req, 'success', res.locals.t('home.flash.handled', { customer: alert.customerName }));
    res.redirect(303, '/');
  });

  return router;
}
