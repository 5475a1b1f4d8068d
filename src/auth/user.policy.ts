import { isSystemActor, type Actor, type CurrentUser, type Role } from './user';

/** Users, teams, API keys, settings and the audit log belong to admins. */
export function canAdminister(user: CurrentUser): boolean {
  return user.role === 'admin';
}

/** Customers, campaigns, coding and analysis are run by quality managers (and admins). */
export function canManageSurveys(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'manager';
}

/** Everyone signed in sees the problem analysis; KAMs are limited to their accounts elsewhere. */
export function canViewAnalysis(user: CurrentUser): boolean {
  return user.role !== 'member';
}

/** Tickets are worked by team members and followed by managers. */
export function canViewTickets(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'manager' || user.role === 'member';
}

/** Whether the user sees every customer account (no KAM restriction). */
export function seesAllAccounts(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'manager';
}

/**
 * The KAM whose accounts bound what the user sees, or null for every account. Figures and
 * contacts shown to a KAM come from their own accounts only, filtered in SQL by this id.
 */
export function accountKamScope(user: CurrentUser): number | null {
  return seesAllAccounts(user) ? null : user.id;
}

export function hasRole(user: CurrentUser, roles: readonly Role[]): boolean {
  return roles.includes(user.role);
}

/**
 * Whether the actor may do what the policy allows a user to do. The system actor (command line,
 * first start, scheduled jobs) acts for whoever configured it and passes every policy, but it
 * has to be passed explicitly: there is no "no user" that skips the check.
 */
export function isAllowed(actor: Actor, policy: (user: CurrentUser) => boolean): boolean {
  return isSystemActor(actor) || policy(actor);
}
