import type { CurrentUser } from '../auth/user';
import { canManageSurveys, canViewAnalysis, seesAllAccounts } from '../auth/user.policy';
import type { AnalysisFilter } from './analysis';

export { canViewAnalysis, seesAllAccounts };

/** Coding mentions belongs to quality managers and admins (as keeping the catalogue does). */
export function canCodeMentions(user: CurrentUser): boolean {
  return canManageSurveys(user);
}

/** Managers and admins see every account; a KAM only the accounts whose KAM they are. */
export function canViewAccount(user: CurrentUser, customer: { kamUserId: number | null }): boolean {
  if (!canViewAnalysis(user)) return false;
  if (user.role === 'kam') return customer.kamUserId === user.id;
  return true;
}

/**
 * The filter narrowed to what the user may see: a KAM's filter always keeps only their own
 * accounts (asking for another KAM's accounts gives nothing, never more).
 */
export function scopeFilter(user: CurrentUser, filter: AnalysisFilter): AnalysisFilter {
  if (seesAllAccounts(user)) return filter;
  const own = filter.kamUserId ? filter.kamUserId.filter((id) => id === user.id) : [user.id];
  return { ...filter, kamUserId: own };
}
