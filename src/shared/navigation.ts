import type { CurrentUser } from '../auth/user';
import { canAdminister, canManageSurveys, canViewAnalysis, canViewTickets } from '../auth/user.policy';

export interface NavItem {
  href: string;
  label: string;
}

// Features register here as they land; each entry is shown only to roles that may use it.
const ITEMS: { href: string; label: string; isVisible: (user: CurrentUser) => boolean }[] = [
  { href: '/', label: 'Overview', isVisible: () => true },
  { href: '/customers', label: 'Customers', isVisible: canManageSurveys },
  { href: '/campaigns', label: 'Campaigns', isVisible: canViewAnalysis },
  { href: '/catalogue', label: 'Problem catalogue', isVisible: canManageSurveys },
  { href: '/tickets', label: 'Tickets', isVisible: canViewTickets },
  { href: '/admin/users', label: 'Users', isVisible: canAdminister },
  { href: '/admin/teams', label: 'Teams', isVisible: canAdminister },
  { href: '/admin/audit', label: 'Audit log', isVisible: canAdminister },
];

export function navigationFor(user: CurrentUser, enabled: ReadonlySet<string> = ENABLED): NavItem[] {
  return ITEMS.filter((item) => enabled.has(item.href) && item.isVisible(user)).map(({ href, label }) => ({ href, label }));
}

/** Links whose pages exist; a feature adds its path when its routes are mounted. */
export const ENABLED = new Set<string>(['/', '/admin/users', '/admin/teams', '/admin/audit']);
