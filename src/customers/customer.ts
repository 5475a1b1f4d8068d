/** Customer accounts and their contacts: domain types and constants (no I/O). */

import type { Language } from '../surveys/survey-definition';

// Contacts speak the survey languages; one list and one check for both.
export { LANGUAGES, type Language } from '../surveys/survey-definition';
export { isLanguage } from '../shared/languages';

export const LANGUAGE_LABELS: Record<Language, string> = { en: 'English', sv: 'Swedish', da: 'Danish' };

export const RELATIONSHIPS = ['transactional', 'support', 'advisory', 'partnership', 'strategic', 'trusted'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

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
