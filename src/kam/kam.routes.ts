import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireUser } from '../auth/middleware';
import { campaignContext } from '../campaigns/campaign-context';
import { formatDateTime } from '../shared/format';
import { parseInput, parseParams } from '../shared/input';
import { KamAccountParams, KamQuery, KamReminderParams } from './kam.schemas';
import { getKamAccountPage, getKamOverview, sendKamReminder } from './kam.service';

const STYLES = ['/static/css/kam.css'];

/** The key account manager's pages: "My accounts", one account's history and the personal reminder. */
export function kamRoutes(deps: RouteDeps): Router {
  const { db, clock } = deps;
  const ctx = campaignContext(deps.config, deps.sessionSecret, deps.templates);
  const router = Router();

  router.get('/kam', requireUser, async (req, res) => {
    const query = parseInput(KamQuery, req.query);
    const page = await getKamOverview(db, currentUser(res), query.kam);
    const title = page.kam && currentUser(res).role !== 'kam' ? `Accounts of ${page.kam.name}` : 'My accounts';
    res.render('kam/index', { title, ...page, styles: STYLES });
  });

  router.get('/kam/accounts/:customerId', requireUser, async (req, res) => {
    const { customerId } = parseParams(KamAccountParams, req.params);
    const page = await getKamAccountPage(db, currentUser(res), customerId);
    res.render('kam/account', { title: page.account.name, ...page, styles: STYLES });
  });

  router.post('/kam/campaigns/:campaignId/contacts/:contactId/remind', requireUser, async (req, res) => {
    const { campaignId, contactId } = parseParams(KamReminderParams, req.params);
    const outcome = await sendKamReminder(db, currentUser(res), campaignId, contactId, ctx, clock());
    if (outcome.kind === 'sent') {
      flash(req, 'success', `Your reminder to ${outcome.contact} is on its way, from you and with replies to you.`);
    } else {
      const when = formatDateTime(outcome.sentAt, 'en', res.locals.timeZone ?? 'UTC');
      flash(req, 'info', `Already sent: ${outcome.by ?? 'you'} reminded ${outcome.contact} on ${when}. The personal reminder goes once per contact and campaign.`);
    }
    res.redirect(303, '/kam');
  });

  return router;
}
