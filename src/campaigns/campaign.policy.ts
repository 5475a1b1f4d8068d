import type { CurrentUser } from '../auth/user';
import { canAdminister, canManageSurveys, canViewAnalysis } from '../auth/user.policy';

/** Quality managers and admins create, launch, pause and close campaigns. */
export function canManageCampaigns(user: CurrentUser): boolean {
  return canManageSurveys(user);
}

/** Everyone who sees the analysis may follow a campaign's progress. */
export function canViewCampaigns(user: CurrentUser): boolean {
  return canViewAnalysis(user);
}

/** The contact-frequency window applies to every campaign: only admins change it. */
export function canChangeCampaignSettings(user: CurrentUser): boolean {
  return canAdminister(user);
}
