/** Customer accounts and their contacts: domain types and constants (no I/O). */

export const RELATIONSHIPS = ['transactional', 'support', 'advisory', 'partnership', 'strategic', 'trusted'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

const RELATIONSHIP_LABEL_KEYS: Record<Relationship, string> = {
  transactional: 'labels.relationship.transactional',
  support: 'labels.relationship.support',
  advisory: 'labels.relationship.advisory',
  partnership: 'labels.relationship.partnership',
  strategic: 'labels.relationship.strategic',
  trusted: 'labels.relationship.trusted',
};

/** What people call a stored relationship, in the reader's language (an unknown value as stored). */
export function relationshipLabel(value: string, t: (key: string) => string): string {
  return isRelationship(value) ? t(RELATIONSHIP_LABEL_KEYS[value]) : value;
}

export function isRelationship(value: string): value is Relationship {
  return (RELATIONSHIPS as readonly string[]).includes(value);
}

export interface Customer {
  id: number;
  name: string;
  ref: string | null;
  segment: string | null;
  region: string | null;
  kamUserId: number | null;
  relationship: string | null;
  language: string;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: number;
  customerId: number;
  email: string;
  name: string | null;
  language: string | null;
  optedOutAt: string | null;
  /** The system that keeps this contact in step (sync API); null: added by hand or by a file import. */
  source: string | null;
  /** When the contact left its source's list; an inactive contact is kept but never invited. */
  inactiveAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Emails are compared case-insensitively; we store them trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The start of the coverage window: a customer is covered by a submission in the last 12 months. */
export function coverageSince(now: Date): Date {
  const since = new Date(now.getTime());
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  return since;
}

/** A customer account as its KAM's pages and the coverage list show it: where it sits and who its KAM is. */
export interface CustomerWithKam {
  id: number;
  name: string;
  segment: string | null;
  region: string | null;
  kamUserId: number | null;
  kamName: string | null;
}

/** A customer not evaluated in the coverage window, with its KAM. */
export interface UncoveredCustomer extends CustomerWithKam {
  lastSubmittedAt: string | null;
}

export interface CoverageGroup {
  kamUserId: number | null;
  kamName: string | null;
  /** Every customer of the KAM, evaluated or not. */
  totalCustomers: number;
  customers: UncoveredCustomer[];
}

/**
 * Groups the customers not evaluated by KAM, by KAM name, with customers without a KAM last:
 * someone has to be given them. `totals` counts every customer per KAM (null: no KAM).
 */
export function groupCoverageByKam(uncovered: UncoveredCustomer[], totals: ReadonlyMap<number | null, number>): CoverageGroup[] {
  const groups = new Map<number | null, CoverageGroup>();
  for (const customer of uncovered) {
    const group = groups.get(customer.kamUserId) ?? {
      kamUserId: customer.kamUserId,
      kamName: customer.kamName,
      totalCustomers: totals.get(customer.kamUserId) ?? 0,
      customers: [],
    };
    group.customers.push(customer);
    groups.set(customer.kamUserId, group);
  }
  return [...groups.values()].sort((a, b) => (a.kamName === null ? 1 : b.kamName === null ? -1 : a.kamName.localeCompare(b.kamName)));
}
