import type { Db } from '../db/database';

export interface ImportUpload {
  filename: string;
  encoding: string | null;
  content: string;
}

export async function insertImportUpload(db: Db, tokenHash: string, userId: number, upload: ImportUpload, now: Date): Promise<void> {
  await db
    .insertInto('contact_import_upload')
    .values({ token_hash: tokenHash, user_id: userId, filename: upload.filename, encoding: upload.encoding, content: upload.content, created_at: now.toISOString() })
    .execute();
}

/** Forgets uploads previewed before `before` and never confirmed. */
export async function deleteImportUploadsBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('contact_import_upload').where('created_at', '<', before.toISOString()).execute();
}

/**
 * Takes the upload away (one statement, so two confirmations of the same preview cannot both
 * get it): only its uploader's, and only when previewed at or after `since`.
 */
export async function takeImportUpload(db: Db, tokenHash: string, userId: number, since: Date): Promise<ImportUpload | undefined> {
  const row = await db
    .deleteFrom('contact_import_upload')
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .where('created_at', '>=', since.toISOString())
    .returning(['filename', 'encoding', 'content'])
    .executeTakeFirst();
  return row;
}
