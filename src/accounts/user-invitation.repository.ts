import type { Db } from '../db/database';

// The `user_invitation` table (db/migrations/0019_user_invitations.ts) belongs to this module.

export async function insertUserInvitation(db: Db, v: { userId: number; tokenHash: string; expiresAt: Date; createdBy: number | null }, now: Date): Promise<void> {
  await db
    .insertInto('user_invitation')
    .values({ user_id: v.userId, token_hash: v.tokenHash, expires_at: v.expiresAt.toISOString(), created_by: v.createdBy, created_at: now.toISOString() })
    .execute();
}

/** An invitation by its token's hash, with the invited user's name and email. */
export async function findUserInvitationByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<{ id: number; userId: number; expiresAt: string; usedAt: string | null; name: string; email: string; isActive: boolean } | undefined> {
  const row = await db
    .selectFrom('user_invitation')
    .innerJoin('user', 'user.id', 'user_invitation.user_id')
    .select(['user_invitation.id', 'user_invitation.user_id', 'user_invitation.expires_at', 'user_invitation.used_at', 'user.name', 'user.email', 'user.is_active'])
    .where('user_invitation.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && { id: row.id, userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at, name: row.name, email: row.email, isActive: row.is_active === 1 };
}

/**
 * Uses an invitation: succeeds for exactly one caller while it is unused and unexpired (a
 * conditional update, so two concurrent posts of the same link cannot both set a password).
 */
export async function claimUserInvitation(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('user_invitation')
    .set({ used_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every unused invitation of the user (a new one replaces them, or the password is set). */
export async function expireUserInvitations(db: Db, userId: number, now: Date): Promise<void> {
  await db.updateTable('user_invitation').set({ expires_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).execute();
}
