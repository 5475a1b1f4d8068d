import type { CurrentUser } from '../auth/user';
import type { Ticket } from './ticket';

/** Managers and admins see every ticket; a team member only tickets of their own teams. */
export function canViewTicket(user: CurrentUser, ticket: Pick<Ticket, 'teamId'>): boolean {
  if (user.role === 'admin' || user.role === 'manager') return true;
  return user.role === 'member' && user.teamIds.includes(ticket.teamId);
}

/** Whoever may see a ticket may work it (status, assignee, due date, note, comments). */
export function canWorkTicket(user: CurrentUser, ticket: Pick<Ticket, 'teamId'>): boolean {
  return canViewTicket(user, ticket);
}

/** Lists of tickets: members (scoped to their teams), managers and admins. */
export function canListTickets(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'manager' || user.role === 'member';
}

/** Tickets filtered to the user's teams, or null when the user sees all. */
export function ticketTeamScope(user: CurrentUser): number[] | null {
  return user.role === 'admin' || user.role === 'manager' ? null : user.teamIds;
}

/** Routing problems to teams is a quality manager's job. */
export function canRouteProblems(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'manager';
}

/**
 * Approving follow-ups before they go: quality managers and admins for every account, a KAM
 * for their own accounts only. Team members never approve their own team's mails.
 */
export function canReviewFollowups(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'manager' || user.role === 'kam';
}

/** The follow-ups a reviewer decides on: a KAM's accounts, or (empty scope) every account. */
export function followupReviewScope(user: CurrentUser): { kamUserId?: number } {
  return user.role === 'kam' ? { kamUserId: user.id } : {};
}

/** KAM alerts: a KAM sees their own accounts' alerts, quality managers and admins every account's. */
export function canSeeKamAlerts(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'manager' || user.role === 'kam';
}

/** An alert is handled by the account's KAM (now), or by a quality manager or admin. */
export function canHandleKamAlert(user: CurrentUser, alert: { accountKamId: number | null }): boolean {
  if (user.role === 'admin' || user.role === 'manager') return true;
  return user.role === 'kam' && alert.accountKamId === user.id;
}

/** Only KAMs are alerted, so only they choose how alerts are mailed to them. */
export function canChooseAlertMail(user: CurrentUser): boolean {
  return user.role === 'kam';
}
