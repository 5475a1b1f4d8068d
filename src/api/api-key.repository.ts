import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { ApiKeyTable } from '../db/schema';

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  userId: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyListItem extends ApiKey {
  userEmail: string;
  userName: string;
}

const API_KEY_COLUMNS = ['id', 'name', 'prefix', 'user_id', 'created_at', 'last_used_at', 'revoked_at'] as const;
type ApiKeyRow = Pick<Selectable<ApiKeyTable>, (typeof API_KEY_COLUMNS)[number]>;

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.user_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
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

/** Every key with the user it acts as: active keys first, newest first. */
export async function listApiKeys(db: Db): Promise<ApiKeyListItem[]> {
  const rows = await db
    .selectFrom('api_key')
    .innerJoin('user', 'user.id', 'api_key.user_id')
    .select(API_KEY_COLUMNS.map((column) => `api_key.${column}` as const))
    .select(['user.email as user_email', 'user.name as user_name'])
    .orderBy('api_key.revoked_at', (ob) => ob.desc().nullsFirst())
    .orderBy('api_key.id', 'desc')
    .execute();
  return rows.map((row) => ({ ...toApiKey(row), userEmail: row.user_email, userName: row.user_name }));
}

export async function findApiKeyById(db: Db, id: number): Promise<ApiKey | undefined> {
  const row = await db.selectFrom('api_key').select(API_KEY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toApiKey(row);
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
