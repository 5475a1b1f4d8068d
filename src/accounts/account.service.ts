import type { Db } from '../db/database';
import { insertAuditEntry } from '../audit/audit.repository';
import { canAdminister, isAllowed } from '../auth/user.policy';
import { actorUserId, isSystemActor, systemActor, type Actor, type CurrentUser, type Role, type User } from '../auth/user';
import { generatePassword, hashPassword } from '../auth/password';
import { deleteSessionsOfUser } from '../auth/session.repository';
import { hashToken } from '../shared/tokens';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import {
  countUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  listTeamIdsOfUser,
  listUsers,
  replaceTeamsOfUser,
  updateUser,
} from './user.repository';
import { findTeamById, findTeamByName, insertTeam, listTeamMembers, listTeams, updateTeam, type Team } from './team.repository';
import type { EditUserForm, NewUserForm, TeamForm } from './account.schemas';

const ADMINS_ONLY = 'only admins manage users and teams';

/** Every user with their team names. @throws ForbiddenError unless the actor is an admin. */
export async function getUserList(db: Db, actor: Actor) {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  return listUsers(db);
}

/**
 * What the user form shows: the user (null for a new one), the active teams to choose from and
 * the user's teams.
 * @throws ForbiddenError unless the actor is an admin; NotFoundError for an unknown user id.
 */
export async function getUserForm(db: Db, actor: Actor, id?: number): Promise<{ user: User | null; teams: Team[]; teamIds: number[] }> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  const teams = await listTeams(db, { activeOnly: true });
  if (id === undefined) return { user: null, teams, teamIds: [] };
  const user = await findUserById(db, id);
  if (!user) throw new NotFoundError(`user ${id}`);
  return { user, teams, teamIds: await listTeamIdsOfUser(db, id) };
}

/** Every team with its member count. @throws ForbiddenError unless the actor is an admin. */
export async function getTeamList(db: Db, actor: Actor) {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  return listTeams(db);
}

/** A team and its members. @throws ForbiddenError unless the actor is an admin; NotFoundError. */
export async function getTeamPage(db: Db, actor: Actor, id: number) {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  const team = await findTeamById(db, id);
  if (!team) throw new NotFoundError(`team ${id}`);
  return { team, members: await listTeamMembers(db, id) };
}

/**
 * Adds a user. Emails are unique (case-insensitive).
 * @throws ForbiddenError unless the actor is an admin; ValidationError on a taken email.
 */
export async function createUser(db: Db, actor: Actor, form: NewUserForm, now: Date): Promise<number> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  const passwordHash = await hashPassword(form.password);
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, form.email)) {
      throw new ValidationError('email taken', { email: ['A user with this email already exists'] });
    }
    const id = await insertUser(trx, { email: form.email, name: form.name, role: form.role, passwordHash, language: form.language }, now);
    await replaceTeamsOfUser(trx, id, form.teamIds);
    await insertAuditEntry(
      trx,
      { event: 'user.created', actorUserId: actorUserId(actor), subject: form.email, detail: { role: form.role } },
      now,
    );
    return id;
  });
}

/**
 * Edits a user's name, role, teams, active flag and optionally password.
 * An admin cannot demote or deactivate themselves, so an installation always keeps an admin.
 * A new password signs the user out everywhere, except in the session it was changed from
 * (`currentSessionId`) when they changed their own. Returns the user as it was before the change.
 * @throws ForbiddenError, NotFoundError, ConflictError
 */
export async function editUser(db: Db, actor: Actor, id: number, form: EditUserForm, now: Date, currentSessionId?: string): Promise<User> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  const passwordHash = form.password ? await hashPassword(form.password) : undefined;
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, id);
    if (!user) throw new NotFoundError(`user ${id}`);
    if (isSelf(actor, user) && (form.role !== 'admin' || !form.isActive)) {
      throw new ConflictError('You cannot remove your own admin role or deactivate yourself.');
    }
    await updateUser(trx, id, { name: form.name, role: form.role, isActive: form.isActive, passwordHash }, now);
    const teamsBefore = await listTeamIdsOfUser(trx, id);
    await replaceTeamsOfUser(trx, id, form.teamIds);
    const audit = (event: Parameters<typeof insertAuditEntry>[1]['event'], detail?: Record<string, unknown>) =>
      insertAuditEntry(trx, { event, actorUserId: actorUserId(actor), subject: user.email, detail }, now);
    if (user.role !== form.role) await audit('user.role_changed', { from: user.role, to: form.role });
    if (user.isActive && !form.isActive) await audit('user.deactivated');
    if (!user.isActive && form.isActive) await audit('user.reactivated');
    if (passwordHash) {
      await audit('user.password_changed');
      await deleteSessionsOfUser(trx, id, isSelf(actor, user) && currentSessionId ? hashToken(currentSessionId) : undefined);
    }
    if (user.name !== form.name || teamsBefore.sort().join() !== [...form.teamIds].sort().join()) {
      await audit('user.updated', { name: form.name, teamIds: form.teamIds });
    }
    return user;
  });
}

function isSelf(actor: Actor, user: User): actor is CurrentUser {
  return !isSystemActor(actor) && actor.id === user.id;
}

/**
 * Sets a new password for the user with this email and signs them out everywhere.
 * @throws ForbiddenError unless the actor is an admin; NotFoundError
 */
export async function setPassword(db: Db, actor: Actor, email: string, password: string, now: Date): Promise<void> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  const user = await findUserByEmail(db, email);
  if (!user) throw new NotFoundError(`no user with email ${email}`);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { passwordHash }, now);
    await deleteSessionsOfUser(trx, user.id);
    await insertAuditEntry(trx, { event: 'user.password_changed', actorUserId: actorUserId(actor), subject: user.email }, now);
  });
}

/** @throws ForbiddenError; ValidationError on a taken name. */
export async function createTeam(db: Db, actor: Actor, form: TeamForm, now: Date): Promise<number> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  return db.transaction().execute(async (trx) => {
    if (await findTeamByName(trx, form.name)) {
      throw new ValidationError('team name taken', { name: ['A team with this name already exists'] });
    }
    const id = await insertTeam(trx, form, now);
    await insertAuditEntry(trx, { event: 'team.created', actorUserId: actorUserId(actor), subject: form.name }, now);
    return id;
  });
}

/** @throws ForbiddenError, NotFoundError; ValidationError on a taken name. */
export async function editTeam(db: Db, actor: Actor, id: number, form: TeamForm, now: Date): Promise<void> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  await db.transaction().execute(async (trx) => {
    const team = await findTeamById(trx, id);
    if (!team) throw new NotFoundError(`team ${id}`);
    const sameName = await findTeamByName(trx, form.name);
    if (sameName && sameName.id !== id) {
      throw new ValidationError('team name taken', { name: ['A team with this name already exists'] });
    }
    await updateTeam(trx, id, { name: form.name, email: form.email, isActive: form.isActive });
    await insertAuditEntry(trx, { event: 'team.updated', actorUserId: actorUserId(actor), subject: form.name }, now);
  });
}

/**
 * Creates the first admin when the installation has no users yet.
 * Returns the generated password when none was configured, so it can be printed once.
 */
export async function ensureFirstAdmin(
  db: Db,
  input: { email?: string; password?: string },
  now: Date,
): Promise<{ email: string; generatedPassword?: string } | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const email = input.email ?? 'admin@localhost';
  const password = input.password ?? generatePassword();
  const role: Role = 'admin';
  await createUser(db, systemActor('first start'), { email, name: 'Administrator', role, password, teamIds: [] }, now);
  return { email, generatedPassword: input.password ? undefined : password };
}
