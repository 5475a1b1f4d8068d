import type { CurrentUser } from '../auth/user';
import { canAdminister, canManageSurveys, canViewAnalysis, canViewTickets } from '../auth/user.policy';

export interface NavItem {
  href: string;
  /** The staff catalogue's key of the item's name. */
  label: string;
}

// Each entry is shown only to roles that may use it.
const ITEMS: { href: string; label: string; isVisible: (user: CurrentUser) => boolean }[] = [
  { href: '/', label: 'nav.overview', isVisible: () => true },
  { href: '/customers', label: 'nav.customers', isVisible: canManageSurveys },
  { href: '/campaigns', label: 'nav.campaigns', isVisible: canManageSurveys },
  { href: '/kam', label: 'nav.myAccounts', isVisible: (user) => user.role === 'kam' },
  { href: '/analysis', label: 'nav.analysis', isVisible: canViewAnalysis },
  { href: '/catalogue', label: 'nav.catalogue', isVisible: canManageSurveys },
  { href: '/questionnaires', label: 'nav.questionnaires', isVisible: canManageSurveys },
  { href: '/tickets', label: 'nav.tickets', isVisible: canViewTickets },
  { href: '/guesses', label: 'nav.guesses', isVisible: () => true },
  { href: '/admin/users', label: 'nav.users', isVisible: canAdminister },
  { href: '/admin/teams', label: 'nav.teams', isVisible: canAdminister },
  { href: '/admin/api-keys', label: 'nav.apiKeys', isVisible: canAdminister },
  { href: '/admin/outbox', label: 'nav.mail', isVisible: canAdminister },
  { href: '/admin/webhooks', label: 'nav.webhooks', isVisible: canAdminister },
  { href: '/admin/settings', label: 'nav.settings', isVisible: canAdminister },
  { href: '/admin/audit', label: 'nav.audit', isVisible: canAdminister },
];

export function navigationFor(user: CurrentUser): NavItem[] {
  return ITEMS.filter((item) => item.isVisible(user)).map(({ href, label }) => ({ href, label }));
}
