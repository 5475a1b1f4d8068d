import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import { campaignActions, sumProgress, withResponseRate, type Campaign, type CampaignActions, type ProgressFigures } from './campaign';
import { canManageCampaigns, canViewCampaigns } from './campaign.policy';
import { listCampaigns } from './campaign.repository';
import { countSkips, listFailureReasons, listProgressCountsBySegment, listSkips, type CampaignSkip } from './campaign-progress.repository';
import { getCampaign } from './campaign.service';

/**
 * Every campaign, for everyone who may follow campaigns; `canManage` says whether they may create one.
 * @throws ForbiddenError
 */
export async function listCampaignsForUser(db: Db, user: CurrentUser): Promise<{ campaigns: (Campaign & { invited: number })[]; canManage: boolean }> {
  if (!canViewCampaigns(user)) throw new ForbiddenError('may not see campaigns');
  return { campaigns: await listCampaigns(db), canManage: canManageCampaigns(user) };
}

export interface CampaignProgress {
  campaign: Campaign;
  total: ProgressFigures;
  bySegment: (ProgressFigures & { segment: string | null })[];
  failures: { email: string; kind: string; error: string | null }[];
  skips: CampaignSkip[];
  /** The skip list is capped; the count is not. */
  skippedCount: number;
  /** What the user may do with the campaign now. */
  actions: CampaignActions;
}

/** A campaign with its progress figures, overall and by segment. @throws ForbiddenError, NotFoundError */
export async function getCampaignProgress(db: Db, user: CurrentUser, id: number): Promise<CampaignProgress> {
  const campaign = await getCampaign(db, user, id);
  const counts = await listProgressCountsBySegment(db, id);
  return {
    campaign,
    total: sumProgress(counts),
    bySegment: counts.map(withResponseRate),
    failures: await listFailureReasons(db, id),
    skips: await listSkips(db, id),
    skippedCount: await countSkips(db, id),
    actions: campaignActions(campaign.status, canManageCampaigns(user)),
  };
}
