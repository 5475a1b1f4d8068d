import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canManageCampaigns } from './campaign.policy';
import { parseBody, parseParams } from '../shared/input';
import { campaignContext } from './campaign-context';
import { CampaignApiBody, CampaignIdParams } from './campaign.schemas';
import { createCampaign, launchCampaign } from './campaign.service';
import { getCampaignProgress, type CampaignProgress } from './campaign-progress.service';

/**
 * A campaign as the API shows it: its settings, its overall figures and its segments, over the
 * accounts the key's user sees (`accounts`: "all", or "own" for a KAM).
 */
function campaignJson({ campaign, total, bySegment, skippedCount, seesAll }: CampaignProgress) {
  const { hasSnapshot: _snapshot, ...settings } = campaign;
  return { ...settings, ...total, skipped: skippedCount, bySegment, accounts: seesAll ? 'all' : 'own' };
}

/** JSON API: create, launch and follow campaigns. Auth and currentUser come from requireApiKey. */
export function campaignApiRoutes(deps: RouteDeps): Router {
  const { db, clock, config } = deps;
  const ctx = campaignContext(config, deps.sessionSecret, deps.templates);
  const router = Router();

  router.post('/campaigns', requirePolicy(canManageCampaigns), async (req, res) => {
    const input = parseBody(CampaignApiBody, req.body);
    const user = currentUser(res);
    const id = await createCampaign(db, user, input, ctx, clock());
    res.status(201).json(campaignJson(await getCampaignProgress(db, user, id)));
  });

  router.post('/campaigns/:id/launch', requirePolicy(canManageCampaigns), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const user = currentUser(res);
    const launch = await launchCampaign(db, user, id, ctx, clock());
    res.json({ ...campaignJson(await getCampaignProgress(db, user, id)), launch });
  });

  router.get('/campaigns/:id', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    res.json(campaignJson(await getCampaignProgress(db, currentUser(res), id)));
  });

  return router;
}
