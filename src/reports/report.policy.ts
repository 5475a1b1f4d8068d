import type { CurrentUser } from '../auth/user';
import { canManageSurveys } from '../auth/user.policy';
import { canViewAccount } from '../analysis/analysis.policy';

/** The wave report is for the management team: quality managers and admins. */
export function canViewWaveReport(user: CurrentUser): boolean {
  return canManageSurveys(user);
}

/** Managers and admins prepare any account's meeting; a KAM only their own accounts'; members none. */
export function canViewAccountReport(user: CurrentUser, customer: { kamUserId: number | null }): boolean {
  return canViewAccount(user, customer);
}

/** Whether the user may ask for account reports at all (members may not). */
export function canOpenAccountReports(user: CurrentUser): boolean {
  return user.role !== 'member';
}
