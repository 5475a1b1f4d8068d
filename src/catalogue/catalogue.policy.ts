import type { CurrentUser } from '../auth/user';
import { canManageSurveys } from '../auth/user.policy';

/** The catalogue is kept by quality managers and admins. */
export function canManageCatalogue(user: CurrentUser): boolean {
  return canManageSurveys(user);
}
