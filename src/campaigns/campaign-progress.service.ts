import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import { accountKamScope, seesAllAccounts } from '../auth/user.policy';
import { campaignActions, nextReminder, sumProgress, withResponseRate, type Campaign, type CampaignActions, type NextReminder, type ProgressFigures } from './campaign';
import { listReminderLastMailed } from './invitation.repository';
import { canManageCampaigns, canViewCampaigns } from './campaign.policy';
import { listCampaigns } from './campaign.repository';
import { countSkips, listFailureReasons, listProgressCountsBySegment, listSkips, type CampaignSkip } from './campaign-progress.repository';
import { getCampaign } from './campaign.service';
import { findUserById } from '../accounts/user.repository';

/**
 * Every campaign, for everyone who may follow campaigns, with its invitations counted over the
 * accounts the user sees (a KAM: their own); `canManage` says whether they may create one.
 * @throws ForbiddenError
 */
export async function listCampaignsForUser(db: Db, user: CurrentUser): Promise<{ campaigns: (Campaign & { invited: number })[]; canManage: boolean; seesAll: boolean }> {
  if (!canViewCampaigns(user)) throw new ForbiddenError('may not see campaigns');
  return { campaigns: await listCampaigns(db, accountKamScope(user)), canManage: canManageCampaigns(user), seesAll: seesAllAccounts(user) };
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
  /** Links to pages the user may open. */
  canCode: boolean;
  canRoute: boolean;
  /** False when the figures, failures and skips are the user's own accounts only (a KAM). */
  seesAll: boolean;
  /** The next scheduled reminder round of a running campaign (over every account), or null. */
  nextReminder: NextReminder | null;
  /** The name of the KAM the audience is limited to, or null (pages name people, not ids). */
  audienceKamName: string | null;
}

/**
 * A campaign with its progress figures, overall and by segment, its failed deliveries and
 * skipped contacts, all over the accounts the user sees: a KAM gets their own accounts only.
 * @throws ForbiddenError, NotFoundError
 */
export async function getCampaignProgress(db: Db, user: CurrentUser, id: number, now: Date = new Date()): Promise<CampaignProgress> {
  const campaign = await getCampaign(db, user, id);
  const kamUserId = accountKamScope(user);
  const counts = await listProgressCountsBySegment(db, id, kamUserId);
  const canManage = canManageCampaigns(user);
  return {
    campaign,
    total: sumProgress(counts),
    bySegment: counts.map(withResponseRate),
    failures: await listFailureReasons(db, id, kamUserId),
    skips: await listSkips(db, id, kamUserId),
    skippedCount: await countSkips(db, id, kamUserId),
    actions: campaignActions(campaign, canManage),
    canCode: canManage,
    canRoute: canManage,
    seesAll: kamUserId === null,
    nextReminder:
      campaign.status === 'running' && campaign.reminderMax > 0 ? nextReminder(await listReminderLastMailed(db, campaign), campaign.reminderAfterDays, campaign.closesAt, now) : null,
    audienceKamName: campaign.audience.kamUserId ? ((await findUserById(db, campaign.audience.kamUserId))?.name ?? null) : null,
  };
}
