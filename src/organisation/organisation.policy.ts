import type { CurrentUser } from '../auth/user';
import { canAdminister } from '../auth/user.policy';

/** The organisation's name, logo, sender and time zone belong to admins. */
export function canManageOrganisation(user: CurrentUser): boolean {
  return canAdminister(user);
}
