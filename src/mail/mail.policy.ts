import type { CurrentUser } from '../auth/user';
import { canAdminister } from '../auth/user.policy';

/** The outbox and the suppressed addresses belong to admins. */
export function canAdministerMail(user: CurrentUser): boolean {
  return canAdminister(user);
}
