import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Role } from '../auth/user';

// Reads of the `user` table that single sign-on needs (the table belongs to src/accounts).

/** The user with this email whatever its case (also rows saved before emails were lower-cased). */
export async function findUserForSignOn(db: Db, email: string): Promise<{ id: number; role: Role; isActive: boolean } | undefined> {
  const row = await db
    .selectFrom('user')
    .select(['id', 'role', 'is_active'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .orderBy('id')
    .executeTakeFirst();
  return row && { id: row.id, role: row.role as Role, isActive: row.is_active === 1 };
}
