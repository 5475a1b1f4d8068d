import { Kysely } from 'kysely';

// Contacts kept in step with a CRM (PUT /api/v1/contacts/sync): `source` names the system that
// manages a contact (null: added by hand or by a file import), `inactive_at` is when it left
// that system's list. Inactive contacts are kept with their answers and get no invitations.
//
// An uploaded contacts file waits in `contact_import_upload` between its preview and the
// "Import" that confirms it: only the uploader may confirm it, by a token stored hashed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contact').addColumn('source', 'text').execute();
  await db.schema.alterTable('contact').addColumn('inactive_at', 'text').execute();
  await db.schema.createIndex('contact_source_idx').on('contact').column('source').execute();

  await db.schema
    .createTable('contact_import_upload')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    // The file as decoded for its preview, so the import reads exactly what was previewed.
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_import_upload_created_idx').on('contact_import_upload').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_import_upload').execute();
  await db.schema.dropIndex('contact_source_idx').execute();
  await db.schema.alterTable('contact').dropColumn('inactive_at').execute();
  await db.schema.alterTable('contact').dropColumn('source').execute();
}
