import type { CurrentUser } from '../auth/user';
import { seesAllAccounts } from '../auth/user.policy';

/** KAMs see their own accounts here; managers and admins see any KAM's; team members none. */
export function canViewKamPages(user: CurrentUser): boolean {
  return user.role === 'kam' || seesAllAccounts(user);
}

/** A KAM sees only the accounts whose KAM they are; managers and admins every account. */
export function canViewKamAccount(user: CurrentUser, customer: { kamUserId: number | null }): boolean {
  if (user.role === 'kam') return customer.kamUserId === user.id;
  return seesAllAccounts(user);
}

/** The personal reminder goes out in the KAM's name, so only the account's own KAM sends it. */
export function canSendKamReminder(user: CurrentUser, customer: { kamUserId: number | null }): boolean {
  return user.role === 'kam' && customer.kamUserId === user.id;
}

/**
 * Whose accounts the page shows: a KAM always their own (whatever they ask for); a manager or
 * admin the KAM they chose, or nobody yet.
 */
export function kamShown(user: CurrentUser, requested: number | undefined): number | null {
  if (user.role === 'kam') return user.id;
  return requested ?? null;
}
