import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { canAdminister } from '../auth/user.policy';
import { insertAuditEntry } from '../audit/audit.repository';
import { findCurrentUser, findUserByEmail } from '../accounts/user.repository';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { newApiKey } from './api-key';
import { findApiKeyById, findFirstActiveAdmin, insertApiKey, listApiKeys, updateApiKeyRevoked } from './api-key.repository';

function requireAdmin(actor: CurrentUser | null): void {
  if (actor && !canAdminister(actor)) throw new ForbiddenError('only admins manage API keys');
}

/** @throws ForbiddenError unless the actor is an admin. */
export async function getApiKeys(db: Db, actor: CurrentUser) {
  requireAdmin(actor);
  return listApiKeys(db);
}

/**
 * Creates a named key that acts as `userId` (an active user). The key itself is returned once
 * and only its hash is stored. `actor` is null from the command line.
 * @throws ForbiddenError unless the actor is an admin; ValidationError for an unknown or inactive user.
 */
export async function createApiKey(
  db: Db,
  actor: CurrentUser | null,
  input: { name: string; userId: number },
  now: Date,
): Promise<{ id: number; key: string; prefix: string }> {
  requireAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const user = await findCurrentUser(trx, input.userId);
    if (!user) throw new ValidationError('unknown user', { userId: ['Choose an active user'] });
    const { key, prefix, hash } = newApiKey();
    const id = await insertApiKey(trx, { name: input.name, prefix, hash, userId: user.id, createdBy: actor?.id ?? null }, now);
    await insertAuditEntry(
      trx,
      { event: 'api_key.created', actorUserId: actor?.id ?? null, subject: input.name, detail: { id, prefix, actsAs: user.email } },
      now,
    );
    return { id, key, prefix };
  });
}

/**
 * The user a command-line key acts as: the given email, else the first active admin.
 * @throws NotFoundError when there is no such (active) user.
 */
export async function resolveKeyUser(db: Db, email: string | undefined): Promise<number> {
  if (email !== undefined) {
    const user = await findUserByEmail(db, email);
    if (!user || !user.isActive) throw new NotFoundError(`no active user with email ${email}`);
    return user.id;
  }
  const admin = await findFirstActiveAdmin(db);
  if (!admin) throw new NotFoundError('there is no active admin; give --user');
  return admin.id;
}

/**
 * Revokes a key; it stops working at once. Revoking twice keeps the first date.
 * @throws ForbiddenError, NotFoundError
 */
export async function revokeApiKey(db: Db, actor: CurrentUser, id: number, now: Date): Promise<{ name: string }> {
  requireAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const key = await findApiKeyById(trx, id);
    if (!key) throw new NotFoundError(`API key ${id}`);
    if (!key.revoked_at) {
      await updateApiKeyRevoked(trx, id, now);
      await insertAuditEntry(trx, { event: 'api_key.revoked', actorUserId: actor.id, subject: key.name, detail: { id, prefix: key.prefix } }, now);
    }
    return { name: key.name };
  });
}
