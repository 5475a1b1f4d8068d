export const ROLES = ['admin', 'manager', 'member', 'kam'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Quality manager',
  member: 'Team member',
  kam: 'Key account manager',
};

/** The staff catalogue's key for each role's name (locales/<lang>/staff.json); ROLE_LABELS is the English for the command line. */
export const ROLE_LABEL_KEYS: Record<Role, string> = {
  admin: 'labels.role.admin',
  manager: 'labels.role.manager',
  member: 'labels.role.member',
  kam: 'labels.role.kam',
};

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  createdAt: string;
  /** The language the user chose for pages and staff mails; null: the organisation's. */
  language: string | null;
}

/** The signed-in user as services see it. */
export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  teamIds: number[];
  /** The language the user chose; null or absent: the organisation's. */
  language?: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Background work (scheduler, worker, command line, first start) acts as the system, named
 * explicitly: no service treats a missing user as permission.
 */
export interface SystemActor {
  kind: 'system';
  /** What the system is doing, for the audit log. */
  reason: string;
}

export type Actor = CurrentUser | SystemActor;

export function systemActor(reason: string): SystemActor {
  return { kind: 'system', reason };
}

export function isSystemActor(actor: Actor): actor is SystemActor {
  return (actor as SystemActor).kind === 'system';
}

/** The user id an audit entry or a `created_by` column records for the actor; null for the system. */
export function actorUserId(actor: Actor): number | null {
  return isSystemActor(actor) ? null : actor.id;
}
