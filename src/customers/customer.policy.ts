import type { CurrentUser } from '../auth/user';
import { canManageSurveys } from '../auth/user.policy';

/** Customers and contacts (pages, import, coverage) are run by quality managers and admins; KAMs see none of it here. */
export function canManageCustomers(user: CurrentUser): boolean {
  return canManageSurveys(user);
}

/** Importing contacts (page or API) follows the same rule as editing them. */
export function canImportContacts(user: CurrentUser): boolean {
  return canManageCustomers(user);
}
