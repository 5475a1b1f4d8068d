import type { Db } from '../db/database';
import type { CurrentUser, Role, User } from '../auth/user';

type UserRow = {
  id: number;
  email: string;
  name: string;
  role: string;
  is_active: number;
  created_at: string;
};

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
  };
}

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'is_active', 'created_at'] as const;

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

export async function findCurrentUser(db: Db, id: number): Promise<CurrentUser | undefined> {
  const row = await db
    .selectFrom('user')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .where('is_active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const teams = await db.selectFrom('team_member').select('team_id').where('user_id', '=', id).execute();
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, teamIds: teams.map((t) => t.team_id) };
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
  user: { email: string; name: string; role: Role; passwordHash: string },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('user')
    .values({
      email: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
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
  changes: { name?: string; role?: Role; isActive?: boolean; passwordHash?: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('user')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.isActive !== undefined && { is_active: changes.isActive ? 1 : 0 }),
      ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
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

/** Id and name of the users who have the role or one of the ids, by name (e.g. every KAM a filter offers). */
export async function listUsersByRoleOrId(db: Db, role: Role, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('user')
    .select(['id', 'name'])
    .where((eb) => (ids.length ? eb.or([eb('role', '=', role), eb('id', 'in', ids)]) : eb('role', '=', role)))
    .orderBy('name')
    .execute();
}
