import type { Db } from '../db/database';
import { actorUserId, type Actor, type CurrentUser } from '../auth/user';
import { canAdminister, isAllowed } from '../auth/user.policy';
import { insertAuditEntry } from '../audit/audit.repository';
import { findCurrentUser, findFirstActiveAdmin, findUserByEmail, listActiveUsers } from '../accounts/user.repository';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { hashToken } from '../shared/tokens';
import { newApiKey } from './api-key';
import { findActiveApiKeyByHash, findApiKeyById, insertApiKey, listApiKeys, updateApiKeyLastUsed, updateApiKeyRevoked } from './api-key.repository';

const ADMINS_ONLY = 'only admins manage API keys';

/**
 * The API key page: every key, and the active users a new key may act as.
 * @throws ForbiddenError unless the actor is an admin.
 */
export async function getApiKeyPage(db: Db, actor: Actor) {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  return { keys: await listApiKeys(db), users: await listActiveUsers(db) };
}

/**
 * Creates a named key that acts as `userId` (an active user). The key itself is returned once
 * and only its hash is stored.
 * @throws ForbiddenError unless the actor is an admin; ValidationError for an unknown or inactive user.
 */
export async function createApiKey(
  db: Db,
  actor: Actor,
  input: { name: string; userId: number },
  now: Date,
): Promise<{ id: number; key: string; prefix: string }> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  return db.transaction().execute(async (trx) => {
    const user = await findCurrentUser(trx, input.userId);
    if (!user) throw new ValidationError('unknown user', { userId: ['admin.apiKeys.errors.activeUser'] });
    const { key, prefix, hash } = newApiKey();
    const id = await insertApiKey(trx, { name: input.name, prefix, hash, userId: user.id, createdBy: actorUserId(actor) }, now);
    await insertAuditEntry(
      trx,
      { event: 'api_key.created', actorUserId: actorUserId(actor), subject: input.name, detail: { id, prefix, actsAs: user.email } },
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
export async function revokeApiKey(db: Db, actor: Actor, id: number, now: Date): Promise<{ name: string }> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  return db.transaction().execute(async (trx) => {
    const key = await findApiKeyById(trx, id);
    if (!key) throw new NotFoundError(`API key ${id}`);
    if (!key.revokedAt) {
      await updateApiKeyRevoked(trx, id, now);
      await insertAuditEntry(trx, { event: 'api_key.revoked', actorUserId: actorUserId(actor), subject: key.name, detail: { id, prefix: key.prefix } }, now);
    }
    return { name: key.name };
  });
}

/**
 * The user a key sent with a request acts as, and records that the key was used; undefined for
 * an unknown or revoked key, or one whose user is deactivated.
 */
export async function authenticateApiKey(db: Db, key: string, now: Date): Promise<CurrentUser | undefined> {
  const stored = await findActiveApiKeyByHash(db, hashToken(key));
  const user = stored && (await findCurrentUser(db, stored.userId));
  if (!stored || !user) return undefined;
  await updateApiKeyLastUsed(db, stored.id, now);
  return user;
}
