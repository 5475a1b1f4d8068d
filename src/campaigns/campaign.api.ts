import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { currentUser } from '../auth/middleware';
import { ValidationError } from '../shared/errors';
import { campaignContext } from './background';
import { CampaignApiBody, IdParams } from './campaign.schemas';
import { createCampaign, getProgress, launchCampaign } from './campaign.service';
import { parseParams } from '../shared/input';

/** JSON API: create, launch and follow campaigns. Auth and currentUser come from requireApiKey. */
export function campaignApiRoutes(deps: RouteDeps): Router {
  const { db, clock, config } = deps;
  const ctx = campaignContext(config, deps.sessionSecret, deps.templates);
  const router = Router();

  const present = async (res: Parameters<typeof currentUser>[0], id: number) => {
    const { campaign, total, bySegment, skippedCount } = await getProgress(db, currentUser(res), id);
    const { hasSnapshot: _snapshot, ...settings } = campaign;
    return { ...settings, ...total, skipped: skippedCount, bySegment };
  };

  router.post('/campaigns', async (req, res) => {
    const body = CampaignApiBody.safeParse(req.body);
    if (!body.success) return res.status(422).json({ error: 'invalid campaign', fields: z.flattenError(body.error).fieldErrors });
    try {
      const id = await createCampaign(db, currentUser(res), body.data, ctx, clock());
      res.status(201).json(await present(res, id));
    } catch (error) {
      if (error instanceof ValidationError) return res.status(422).json({ error: error.message, fields: error.fields });
      throw error;
    }
  });

  router.post('/campaigns/:id/launch', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const result = await launchCampaign(db, currentUser(res), id, ctx, clock());
    res.json({ ...(await present(res, id)), launch: result });
  });

  router.get('/campaigns/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    res.json(await present(res, id));
  });

  return router;
}
