import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database';
import { givenColumns } from '../db/columns';
import type { UserTable } from '../db/schema';
import type { CurrentUser, Role, User } from '../auth/user';

// The `user` and `team_member` tables belong to this module: other features call these functions.

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'is_active', 'created_at', 'language'] as const;
type UserRow = Pick<Selectable<UserTable>, (typeof USER_COLUMNS)[number]>;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    language: row.language,
  };
}

/** A user as lists of people to choose from show them (KAM, the user an API key acts as). */
export interface UserChoice {
  id: number;
  name: string;
  email: string;
  role: Role;
}

export async function findUserById(db: Db, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('user').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const row = await db.selectFrom('user').select(USER_COLUMNS).where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row && toUser(row);
}

export async function findPasswordHash(db: Db, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('user').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

/** An active user with their teams, as the signed-in user; undefined for an unknown or deactivated user. */
export async function findCurrentUser(db: Db, id: number): Promise<CurrentUser | undefined> {
  const row = await db
    .selectFrom('user')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .where('is_active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, teamIds: await listTeamIdsOfUser(db, id), language: row.language };
}

/** The first active admin by id: the user a key created from the command line acts as by default. */
export async function findFirstActiveAdmin(db: Db): Promise<{ id: number; email: string } | undefined> {
  return db
    .selectFrom('user')
    .select(['id', 'email'])
    .where('role', '=', 'admin')
    .where('is_active', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** Active users by lower-cased email (also rows saved before emails were lower-cased). */
export async function findActiveUserIdsByEmail(db: Db, emails: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  // A statement takes a limited number of bound parameters: ask in chunks.
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    const rows = await db
      .selectFrom('user')
      .select(['id', 'email'])
      .where(sql<string>`lower(email)`, 'in', chunk)
      .where('is_active', '=', 1)
      .execute();
    for (const row of rows) found.set(row.email.toLowerCase(), row.id);
  }
  return found;
}

/** Every active user by name, to choose from. */
export async function listActiveUsers(db: Db): Promise<UserChoice[]> {
  const rows = await db.selectFrom('user').select(['id', 'name', 'email', 'role']).where('is_active', '=', 1).orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, role: row.role as Role }));
}

export async function listUsers(db: Db): Promise<(User & { teamNames: string[] })[]> {
  const rows = await db.selectFrom('user').select(USER_COLUMNS).orderBy('name').execute();
  const memberships = await db
    .selectFrom('team_member')
    .innerJoin('team', 'team.id', 'team_member.team_id')
    .select(['team_member.user_id', 'team.name'])
    .orderBy('team.name')
    .execute();
  return rows.map((row) => ({
    ...toUser(row),
    teamNames: memberships.filter((m) => m.user_id === row.id).map((m) => m.name),
  }));
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(
  db: Db,
  user: { email: string; name: string; role: Role; passwordHash: string; language?: string | null },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('user')
    .values({
      email: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      language: user.language ?? null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Db,
  id: number,
  changes: { name?: string; role?: Role; isActive?: boolean; passwordHash?: string; language?: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('user')
    .set({
      ...givenColumns({
        name: changes.name,
        role: changes.role,
        is_active: changes.isActive === undefined ? undefined : changes.isActive ? 1 : 0,
        password_hash: changes.passwordHash,
        language: changes.language,
      }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** An invited user has no password until they set one from their invitation link. */
export const NO_PASSWORD = '';

/** Ids of the users who have not set a password yet (invited, link not used). */
export async function listUserIdsWithoutPassword(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('user').select('id').where('password_hash', '=', NO_PASSWORD).execute();
  return new Set(rows.map((r) => r.id));
}

export async function updateUserEmail(db: Db, id: number, email: string, now: Date): Promise<void> {
  await db.updateTable('user').set({ email: email.toLowerCase(), updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function listTeamIdsOfUser(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('team_member').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

export async function replaceTeamsOfUser(db: Db, userId: number, teamIds: number[]): Promise<void> {
  await db.deleteFrom('team_member').where('user_id', '=', userId).execute();
  if (teamIds.length > 0) {
    await db
      .insertInto('team_member')
      .values(teamIds.map((teamId) => ({ team_id: teamId, user_id: userId })))
      .execute();
  }
}

export async function addTeamMember(db: Db, teamId: number, userId: number): Promise<void> {
  await db
    .insertInto('team_member')
    .values({ team_id: teamId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Active users with the role, in the order they were created. */
export async function listActiveUsersWithRole(db: Db, role: Role): Promise<{ id: number; name: string; email: string; language: string | null }[]> {
  return db.selectFrom('user').select(['id', 'name', 'email', 'language']).where('role', '=', role).where('is_active', '=', 1).orderBy('id').execute();
}

/** Active users with one role, by name (the KAMs a campaign audience may name). */
export async function listUserChoicesWithRole(db: Db, role: Role): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('user').select(['id', 'name']).where('role', '=', role).where('is_active', '=', 1).orderBy('name').execute();
}

/** Id and name of the users who have the role or one of the ids, by name (e.g. every KAM a filter offers). */
export async function listUsersByRoleOrId(db: Db, role: Role, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('user')
    .select(['id', 'name'])
    .where((eb) => (ids.length ? eb.or([eb('role', '=', role), eb('id', 'in', ids)]) : eb('role', '=', role)))
    .orderBy('name')
    .execute();
}

/** How a KAM wants alerts mailed: one mail per alert, or one digest a day (db/migrations/0025). */
export type AlertMail = 'each' | 'daily';

export async function findAlertMailOfUser(db: Db, userId: number): Promise<AlertMail> {
  const row = await db.selectFrom('user').select('alert_mail').where('id', '=', userId).executeTakeFirst();
  return row?.alert_mail === 'daily' ? 'daily' : 'each';
}

export async function updateAlertMailOfUser(db: Db, userId: number, alertMail: AlertMail, now: Date): Promise<void> {
  await db.updateTable('user').set({ alert_mail: alertMail, updated_at: now.toISOString() }).where('id', '=', userId).execute();
}

/** Active users by role. */
export async function countActiveUsersByRole(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('user').select(['role', (eb) => eb.fn.countAll<number>().as('n')]).where('is_active', '=', 1).groupBy('role').orderBy('role').execute();
  return Object.fromEntries(rows.map((r) => [r.role, Number(r.n)]));
}
