import type { Db } from '../db/database';

/** The organisation_logo table: the one logo in use (row id 1). */

export interface StoredLogo {
  contentType: string;
  data: Buffer;
  version: string;
  updatedAt: string;
}

export async function findLogo(db: Db): Promise<StoredLogo | undefined> {
  const row = await db.selectFrom('organisation_logo').selectAll().where('id', '=', 1).executeTakeFirst();
  return row && { contentType: row.content_type, data: Buffer.from(row.data), version: row.version, updatedAt: row.updated_at };
}

export async function findLogoVersion(db: Db): Promise<{ version: string; contentType: string } | undefined> {
  const row = await db.selectFrom('organisation_logo').select(['version', 'content_type']).where('id', '=', 1).executeTakeFirst();
  return row && { version: row.version, contentType: row.content_type };
}

export async function upsertLogo(db: Db, logo: StoredLogo): Promise<void> {
  const values = { content_type: logo.contentType, data: logo.data, version: logo.version, updated_at: logo.updatedAt };
  await db
    .insertInto('organisation_logo')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function deleteLogo(db: Db): Promise<void> {
  await db.deleteFrom('organisation_logo').execute();
}
