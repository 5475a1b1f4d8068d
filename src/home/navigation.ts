import type { CurrentUser } from '../auth/user';
import { canAdminister, canManageSurveys, canViewAnalysis, canViewTickets } from '../auth/user.policy';

export interface NavItem {
  href: string;
  label: string;
}

// Each entry is shown only to roles that may use it.
const ITEMS: { href: string; label: string; isVisible: (user: CurrentUser) => boolean }[] = [
  { href: '/', label: 'Overview', isVisible: () => true },
  { href: '/customers', label: 'Customers', isVisible: canManageSurveys },
  { href: '/campaigns', label: 'Campaigns', isVisible: canManageSurveys },
  { href: '/kam', label: 'My accounts', isVisible: (user) => user.role === 'kam' },
  { href: '/analysis', label: 'Analysis', isVisible: canViewAnalysis },
  { href: '/catalogue', label: 'Problem catalogue', isVisible: canManageSurveys },
  { href: '/questionnaires', label: 'Questionnaires', isVisible: canManageSurveys },
  { href: '/tickets', label: 'Tickets', isVisible: canViewTickets },
  { href: '/guesses', label: 'Guesses', isVisible: () => true },
  { href: '/admin/users', label: 'Users', isVisible: canAdminister },
  { href: '/admin/teams', label: 'Teams', isVisible: canAdminister },
  { href: '/admin/api-keys', label: 'API keys', isVisible: canAdminister },
  { href: '/admin/outbox', label: 'Mail', isVisible: canAdminister },
  { href: '/admin/webhooks', label: 'Webhooks', isVisible: canAdminister },
  { href: '/admin/settings', label: 'Settings', isVisible: canAdminister },
  { href: '/admin/audit', label: 'Audit log', isVisible: canAdminister },
];

export function navigationFor(user: CurrentUser): NavItem[] {
  return ITEMS.filter((item) => item.isVisible(user)).map(({ href, label }) => ({ href, label }));
}
