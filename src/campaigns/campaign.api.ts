import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canManageCampaigns } from './campaign.policy';
import { parseBody, parseParams } from '../shared/input';
import { campaignContext } from './campaign-context';
import { jsonContent, jsonResponse, type ApiOperations } from '../api/openapi';
import { LANGUAGES } from '../shared/languages';
import { defaultMailIn } from './campaign';
import { CampaignApiBody, CampaignIdParams, CampaignJson, CampaignLaunchJson } from './campaign.schemas';
import { createCampaign, launchCampaign } from './campaign.service';
import { getCampaignProgress, type CampaignProgress } from './campaign-progress.service';

/**
 * A campaign as the API shows it: its settings, its overall figures and its segments, over the
 * accounts the key's user sees (`accounts`: "all", or "own" for a KAM).
 */
function campaignJson({ campaign, total, bySegment, skippedCount, seesAll }: CampaignProgress): CampaignJson {
  const { hasSnapshot: _snapshot, ...settings } = campaign;
  // Every language is shown: one the campaign never wrote has the default text.
  const mail = Object.fromEntries(LANGUAGES.map((l) => [l, settings.mail[l] ?? defaultMailIn(l)])) as CampaignJson['mail'];
  return { ...settings, mail, ...total, skipped: skippedCount, bySegment, accounts: seesAll ? 'all' : 'own' };
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
    res.json({ ...campaignJson(await getCampaignProgress(db, user, id)), launch } satisfies CampaignLaunchJson);
  });

  router.get('/campaigns/:id', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    res.json(campaignJson(await getCampaignProgress(db, currentUser(res), id)));
  });

  return router;
}

/** The OpenAPI description of the routes above; a route missing here fails test/http/openapi.test.ts. */
export const campaignApiOperations: ApiOperations = {
  'POST /campaigns': {
    operationId: 'createCampaign',
    tags: ['Campaigns'],
    summary: 'Create a campaign',
    description:
      'A draft campaign: `name` is required, everything else has the campaign form\'s defaults. Dates are `YYYY-MM-DD` or an ISO date and time (UTC unless an offset is given). ' +
      'Each invitation text must contain `{{link}}`, the personal link.',
    requestBody: {
      required: true,
      content: jsonContent(CampaignApiBody, { name: 'Annual 2026', audience: { segment: 'Retail' }, closesAt: '2026-03-31', reminderAfterDays: 7 }),
    },
    responses: { 201: jsonResponse('The new draft campaign.', CampaignJson) },
    errors: [403, 422],
  },
  'GET /campaigns/:id': {
    operationId: 'getCampaign',
    tags: ['Campaigns'],
    summary: 'Get a campaign and its progress',
    description: "Its settings with invitations counted overall and by segment; a KAM's key counts their own accounts only (`accounts: \"own\"`).",
    requestParams: { path: CampaignIdParams },
    responses: { 200: jsonResponse('The campaign.', CampaignJson) },
    errors: [403, 404],
  },
  'POST /campaigns/:id/launch': {
    operationId: 'launchCampaign',
    tags: ['Campaigns'],
    summary: 'Launch a campaign',
    description:
      'Invites every contact of the audience and queues their mails. Opted-out, suppressed and recently invited contacts are skipped, by reason. ' +
      'A campaign already launched or closed answers 409.',
    requestParams: { path: CampaignIdParams },
    responses: { 200: jsonResponse('The campaign, running, with what the launch did.', CampaignLaunchJson) },
    errors: [403, 404, 409],
  },
};
