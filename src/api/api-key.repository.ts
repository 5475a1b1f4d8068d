import type { Db } from '../db/database';

export interface ApiKeyListItem {
  id: number;
  name: string;
  prefix: string;
  userId: number;
  userEmail: string;
  userName: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function insertApiKey(
  db: Db,
  key: { name: string; prefix: string; hash: string; userId: number; createdBy: number | null },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('api_key')
    .values({ name: key.name, prefix: key.prefix, key_hash: key.hash, user_id: key.userId, created_by: key.createdBy, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listApiKeys(db: Db): Promise<ApiKeyListItem[]> {
  const rows = await db
    .selectFrom('api_key')
    .innerJoin('user', 'user.id', 'api_key.user_id')
    .select([
      'api_key.id',
      'api_key.name',
      'api_key.prefix',
      'api_key.user_id',
      'user.email',
      'user.name as user_name',
      'api_key.created_at',
      'api_key.last_used_at',
      'api_key.revoked_at',
    ])
    .orderBy('api_key.revoked_at', 'desc')
    .orderBy('api_key.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    userId: r.user_id,
    userEmail: r.email,
    userName: r.user_name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function findApiKeyById(db: Db, id: number) {
  return db.selectFrom('api_key').select(['id', 'name', 'prefix', 'user_id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
}

/** An unrevoked key by the hash of the key sent, or undefined. */
export async function findActiveApiKeyByHash(db: Db, hash: string): Promise<{ id: number; userId: number } | undefined> {
  return db.selectFrom('api_key').select(['id', 'user_id as userId']).where('key_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function updateApiKeyLastUsed(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('api_key').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function updateApiKeyRevoked(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('api_key').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
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
