import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { TeamTable } from '../db/schema';

// The `team` table belongs to this module: other features call these functions.

export interface Team {
  id: number;
  name: string;
  email: string;
  isActive: boolean;
}

const TEAM_COLUMNS = ['id', 'name', 'email', 'is_active'] as const;
type TeamRow = Pick<Selectable<TeamTable>, (typeof TEAM_COLUMNS)[number]>;

function toTeam(row: TeamRow): Team {
  return { id: row.id, name: row.name, email: row.email, isActive: row.is_active === 1 };
}

/** Teams by name; `ids` limits the list to those teams (an empty list gives none). */
export async function listTeams(db: Db, options: { activeOnly?: boolean; ids?: number[] } = {}): Promise<(Team & { memberCount: number })[]> {
  if (options.ids?.length === 0) return [];
  let query = db
    .selectFrom('team')
    .leftJoin('team_member', 'team_member.team_id', 'team.id')
    .select(['team.id', 'team.name', 'team.email', 'team.is_active'])
    .select((eb) => eb.fn.count<number>('team_member.user_id').as('member_count'))
    .groupBy(['team.id', 'team.name', 'team.email', 'team.is_active'])
    .orderBy('team.name');
  if (options.activeOnly) query = query.where('team.is_active', '=', 1);
  if (options.ids) query = query.where('team.id', 'in', options.ids);
  const rows = await query.execute();
  return rows.map((r) => ({ ...toTeam(r), memberCount: Number(r.member_count) }));
}

export async function findTeamById(db: Db, id: number): Promise<Team | undefined> {
  const row = await db.selectFrom('team').select(TEAM_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toTeam(row);
}

export async function findTeamByName(db: Db, name: string): Promise<Team | undefined> {
  const row = await db.selectFrom('team').select(TEAM_COLUMNS).where('name', '=', name).executeTakeFirst();
  return row && toTeam(row);
}

export async function insertTeam(db: Db, team: { name: string; email: string }, now: Date): Promise<number> {
  const row = await db
    .insertInto('team')
    .values({ name: team.name, email: team.email.toLowerCase(), created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTeam(db: Db, id: number, changes: { name: string; email: string; isActive: boolean }): Promise<void> {
  await db
    .updateTable('team')
    .set({ name: changes.name, email: changes.email.toLowerCase(), is_active: changes.isActive ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function listTeamMembers(db: Db, teamId: number): Promise<{ id: number; name: string; email: string }[]> {
  return db
    .selectFrom('team_member')
    .innerJoin('user', 'user.id', 'team_member.user_id')
    .select(['user.id', 'user.name', 'user.email'])
    .where('team_member.team_id', '=', teamId)
    .orderBy('user.name')
    .execute();
}

/** Active members of a team, by name. */
export async function listActiveTeamMembers(db: Db, teamId: number): Promise<{ id: number; name: string; email: string; language: string | null }[]> {
  return db
    .selectFrom('team_member')
    .innerJoin('user', 'user.id', 'team_member.user_id')
    .select(['user.id', 'user.name', 'user.email', 'user.language'])
    .where('team_member.team_id', '=', teamId)
    .where('user.is_active', '=', 1)
    .orderBy('user.name')
    .execute();
}

/** Teams as choices of a filter, by name: only the given ids, or all when `ids` is null. */
export async function listTeamChoices(db: Db, ids: number[] | null): Promise<{ id: number; name: string }[]> {
  let query = db.selectFrom('team').select(['id', 'name']).orderBy('name');
  if (ids) query = query.where('id', 'in', ids.length ? ids : [-1]);
  return query.execute();
}

/** How many teams exist, active or not (the first-start checklist). */
export async function countTeams(db: Db): Promise<number> {
  const row = await db.selectFrom('team').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
