import type { Db } from '../db/database';
import type { OidcConfig } from '../config';
import { insertAuditEntry } from '../audit/audit.repository';
import { generatePassword, hashPassword } from '../auth/password';
import type { CurrentUser } from '../auth/user';
import { findCurrentUser, insertUser, listTeamIdsOfUser, replaceTeamsOfUser, updateUser } from './user.repository';
import { findTeamByName } from './team.repository';
import { findUserForSignOn } from './oidc.repository';
import {
  accessFromGroups,
  emailFromClaims,
  groupsFromClaims,
  isEmailUnverified,
  nameFromClaims,
  teamIdsAfterSignIn,
  teamsManagedByMapping,
  type GroupAccess,
} from './oidc';

export type OidcRefusal = 'no_email' | 'unverified_email' | 'no_group' | 'unknown_team' | 'deactivated' | 'unknown_user';

export type OidcSignInOutcome =
  | { kind: 'signed_in'; user: CurrentUser; created: boolean }
  /** `message` is a catalogue key of what the person reads; `detail` (a team's name) only for the log. */
  | { kind: 'refused'; reason: OidcRefusal; message: string; detail?: string };


/** The catalogue key of what a refused person reads (the page fills in the provider's name). */
function refusalMessage(reason: OidcRefusal): string {
  switch (reason) {
    case 'no_email':
      return 'auth.oidc.noEmail';
    case 'unverified_email':
      return 'auth.oidc.unverifiedEmail';
    case 'no_group':
      return 'auth.oidc.noGroup';
    case 'unknown_team':
      return 'auth.oidc.unknownTeam';
    case 'deactivated':
      return 'auth.oidc.deactivated';
    case 'unknown_user':
      return 'auth.oidc.unknownUser';
  }
}

/**
 * Signs in the person the provider vouched for (its verified claims). The user is found by email,
 * case-insensitively. A deactivated user is refused; an unknown one too, unless OIDC_CREATE_USERS
 * is on, when they become a user with the role their groups give. With a group claim configured,
 * someone in none of the mapped groups is refused, and at every sign-in the role follows the
 * groups and membership of the teams the mapping names follows them too (other teams are kept).
 * An address the provider says is unverified is refused: it would let anyone claim any user.
 * Every outcome is written to the audit log.
 */
export async function signInWithOidc(
  db: Db,
  oidc: OidcConfig,
  input: { claims: Record<string, unknown>; ip: string },
  now: Date,
): Promise<OidcSignInOutcome> {
  const email = emailFromClaims(input.claims, oidc.emailClaim);
  const refuse = async (reason: OidcRefusal, detail?: string): Promise<OidcSignInOutcome> => {
    await insertAuditEntry(db, { event: 'sign_in.failed', subject: email ?? '(no email from the provider)', ip: input.ip, detail: { method: 'oidc', reason } }, now);
    return { kind: 'refused', reason, message: refusalMessage(reason), detail };
  };
  if (!email) return refuse('no_email');
  if (isEmailUnverified(input.claims)) return refuse('unverified_email');

  let access: GroupAccess | undefined;
  if (oidc.groupClaim) {
    access = accessFromGroups(groupsFromClaims(input.claims, oidc.groupClaim), oidc.groupRoles);
    if (!access) return refuse('no_group');
  }

  const known = await findUserForSignOn(db, email);
  if (known && !known.isActive) return refuse('deactivated');
  if (!known && !oidc.createUsers) return refuse('unknown_user');
  // A user made here has a password nobody knows: they sign in through the provider (or an admin sets one).
  const passwordHash = known ? undefined : await hashPassword(generatePassword());

  type Result = { userId: number; created: boolean } | { refused: OidcRefusal; detail?: string };
  const result = await db.transaction().execute(async (trx): Promise<Result> => {
    const granted: number[] = [];
    const managed: number[] = [];
    if (access) {
      for (const name of teamsManagedByMapping(oidc.groupRoles)) {
        const team = await findTeamByName(trx, name);
        if (team) managed.push(team.id);
        if (access.teams.includes(name)) {
          if (!team) return { refused: 'unknown_team', detail: name };
          granted.push(team.id);
        }
      }
    }
    // Asked again inside the transaction: the user may have changed since.
    const existing = await findUserForSignOn(trx, email);
    if (existing && !existing.isActive) return { refused: 'deactivated' };
    if (!existing && !oidc.createUsers) return { refused: 'unknown_user' };
    let userId: number;
    if (existing) {
      userId = existing.id;
      if (access && access.role !== existing.role) {
        await updateUser(trx, userId, { role: access.role }, now);
        await insertAuditEntry(trx, { event: 'user.role_changed', subject: email, detail: { from: existing.role, to: access.role, by: 'oidc groups' } }, now);
      }
    } else {
      const role = access?.role ?? 'member';
      userId = await insertUser(trx, { email, name: nameFromClaims(input.claims, email), role, passwordHash: passwordHash ?? (await hashPassword(generatePassword())) }, now);
      await insertAuditEntry(trx, { event: 'user.created', subject: email, detail: { role, by: 'oidc sign-in' } }, now);
    }
    if (access) {
      const before = await listTeamIdsOfUser(trx, userId);
      const after = teamIdsAfterSignIn(before, managed, granted);
      if ([...before].sort((a, b) => a - b).join() !== after.join()) {
        await replaceTeamsOfUser(trx, userId, after);
        if (existing) await insertAuditEntry(trx, { event: 'user.updated', subject: email, detail: { teamIds: after, by: 'oidc groups' } }, now);
      }
    }
    await insertAuditEntry(trx, { event: 'sign_in.succeeded', actorUserId: userId, subject: email, ip: input.ip, detail: { method: 'oidc' } }, now);
    return { userId, created: !existing };
  });
  if ('refused' in result) return refuse(result.refused, result.detail);
  const user = await findCurrentUser(db, result.userId);
  if (!user) return refuse('deactivated');
  return { kind: 'signed_in', user, created: result.created };
}
