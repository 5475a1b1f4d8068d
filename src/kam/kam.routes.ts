import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireUser } from '../auth/middleware';
import { campaignContext } from '../campaigns/campaign-context';
import { parseInput, parseParams } from '../shared/input';
import { KamAccountParams, KamQuery, KamReminderParams } from './kam.schemas';
import { statusLabelsIn } from '../tickets/ticket';
import { getKamAccountPage, getKamOverview, sendKamReminder } from './kam.service';

const STYLES = ['/static/css/kam.css'];

/** The key account manager's pages: "My accounts", one account's history and the personal reminder. */
export function kamRoutes(deps: RouteDeps): Router {
  const { db, clock } = deps;
  const ctx = campaignContext(deps.config, deps.sessionSecret, deps.templates);
  const router = Router();

  router.get('/kam', requireUser, async (req, res) => {
    const query = parseInput(KamQuery, req.query);
    const page = await getKamOverview(db, currentUser(res), query.kam, res.locals.lang);
    const title = page.kam && currentUser(res).role !== 'kam' ? res.locals.t('kam.accountsOf', { name: page.kam.name }) : res.locals.t('nav.myAccounts');
    res.render('kam/index', { title, ...page, statusLabels: statusLabelsIn(res.locals.t), styles: STYLES });
  });

  router.get('/kam/accounts/:customerId', requireUser, async (req, res) => {
    const { customerId } = parseParams(KamAccountParams, req.params);
    const page = await getKamAccountPage(db, currentUser(res), customerId, res.locals.lang);
    res.render('kam/account', { title: page.account.name, ...page, statusLabels: statusLabelsIn(res.locals.t), styles: STYLES });
  });

  router.post('/kam/campaigns/:campaignId/contacts/:contactId/remind', requireUser, async (req, res) => {
    const { campaignId, contactId } = parseParams(KamReminderParams, req.params);
    const outcome = await sendKamReminder(db, currentUser(res), campaignId, contactId, ctx, clock());
    if (outcome.kind === 'sent') {
      flash(req, 'success', res.locals.t('kam.flash.reminderSent', { contact: outcome.contact }));
    } else {
      const when = res.locals.fmt.dateTime(outcome.sentAt);
      const message = outcome.by ? res.locals.t('kam.flash.alreadySentBy', { by: outcome.by, contact: outcome.contact, when }) : res.locals.t('kam.flash.alreadySent', { contact: outcome.contact, when });
      flash(req, 'info', message);
    }
    res.redirect(303, '/kam');
  });

  return router;
}
