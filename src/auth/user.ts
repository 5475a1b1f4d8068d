export const ROLES = ['admin', 'manager', 'member', 'kam'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Quality manager',
  member: 'Team member',
  kam: 'Key account manager',
};

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  createdAt: string;
}

/** The signed-in user as services see it. */
export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  teamIds: number[];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
