import type { Db } from '../../src/db/database';
import type { Role } from '../../src/auth/user';
import { hashPassword } from '../../src/auth/password';
import { insertUser, addTeamMember } from '../../src/accounts/user.repository';
import { insertTeam } from '../../src/accounts/team.repository';

let sequence = 0;
const next = () => ++sequence;

export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | undefined;

export async function createUser(
  db: Db,
  overrides: { email?: string; name?: string; role?: Role; teamId?: number; password?: string } = {},
) {
  const n = next();
  const email = overrides.email ?? `user${n}@example.com`;
  const password = overrides.password ?? TEST_PASSWORD;
  // Hashing is slow by design; reuse one hash for the default password.
  const passwordHash = overrides.password ? await hashPassword(password) : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const id = await insertUser(db, { email, name: overrides.name ?? `User ${n}`, role: overrides.role ?? 'manager', passwordHash }, new Date());
  if (overrides.teamId) await addTeamMember(db, overrides.teamId, id);
  return { id, email, password, role: overrides.role ?? 'manager' };
}

export async function createTeam(db: Db, overrides: { name?: string; email?: string } = {}) {
  const n = next();
  const name = overrides.name ?? `Team ${n}`;
  const email = overrides.email ?? `team${n}@example.com`;
  const id = await insertTeam(db, { name, email }, new Date());
  return { id, name, email };
}
