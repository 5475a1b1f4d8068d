import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import { canAdminister, canManageSurveys, canViewAnalysis } from '../auth/user.policy';

/** Quality managers and admins create, launch, pause and close campaigns. */
export function canManageCampaigns(user: CurrentUser): boolean {
  return canManageSurveys(user);
}

/** The guard every campaign service runs before it changes or previews a campaign. @throws ForbiddenError */
export function requireCampaignManager(user: CurrentUser): void {
  if (!canManageCampaigns(user)) throw new ForbiddenError('only quality managers and admins manage campaigns');
}

/** Everyone who sees the analysis may follow a campaign's progress. */
export function canViewCampaigns(user: CurrentUser): boolean {
  return canViewAnalysis(user);
}

/** The contact-frequency window applies to every campaign: only admins change it. */
export function canChangeCampaignSettings(user: CurrentUser): boolean {
  return canAdminister(user);
}
