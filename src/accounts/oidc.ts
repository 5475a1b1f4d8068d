// Pure rules of single sign-on: what the provider's claims say about a person, and which role
// and teams their groups give them.
import { z } from 'zod';
import type { GroupRole } from '../config';
import type { Role } from '../auth/user';

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());

/** The email address the claim carries, lower-cased; undefined when it carries none. */
export function emailFromClaims(claims: Record<string, unknown>, emailClaim: string): string | undefined {
  const parsed = emailSchema.safeParse(claims[emailClaim]);
  return parsed.success ? parsed.data : undefined;
}

/**
 * True when the provider says the address is not verified. Providers that send no
 * email_verified (many company directories) are trusted to have checked their own addresses.
 */
export function isEmailUnverified(claims: Record<string, unknown>): boolean {
  return claims.email_verified === false || claims.email_verified === 'false';
}

/** The groups in the claim: a list of names, or one name; anything else counts as none. */
export function groupsFromClaims(claims: Record<string, unknown>, groupClaim: string): string[] {
  const value = claims[groupClaim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

export interface GroupAccess {
  role: Role;
  /** Names of the teams the person belongs in, from every matching entry. */
  teams: string[];
}

/**
 * The role and teams a person's groups give them: the role of the first matching entry of the
 * mapping (the mapping's order is its priority), the teams of every matching entry.
 * Undefined when no entry matches. Group names are compared exactly.
 *
 * Example: mapping `qa=manager; billing=member:Billing; ops=member:Logistics`, groups
 * [ops, billing] → member of Billing and Logistics; groups [billing, qa] → manager, team Billing.
 */
export function accessFromGroups(groups: readonly string[], mapping: readonly GroupRole[]): GroupAccess | undefined {
  const matching = mapping.filter((entry) => groups.includes(entry.group));
  const first = matching[0];
  if (!first) return undefined;
  const teams = [...new Set(matching.flatMap((entry) => (entry.team ? [entry.team] : [])))];
  return { role: first.role, teams };
}

/** Every team the mapping names: PDS Loop keeps membership of these in step with the groups. */
export function teamsManagedByMapping(mapping: readonly GroupRole[]): string[] {
  return [...new Set(mapping.flatMap((entry) => (entry.team ? [entry.team] : [])))];
}

/** The name a new user gets: the provider's name claims, else the address's local part. */
export function nameFromClaims(claims: Record<string, unknown>, email: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const full = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return (full || email.split('@')[0] || email).slice(0, 100);
}

/** Team ids after sign-in: memberships of teams the mapping does not manage stay as an admin set them. */
export function teamIdsAfterSignIn(current: readonly number[], managed: readonly number[], granted: readonly number[]): number[] {
  const kept = current.filter((id) => !managed.includes(id));
  return [...new Set([...kept, ...granted])].sort((a, b) => a - b);
}
