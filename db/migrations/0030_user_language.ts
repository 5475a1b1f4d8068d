import { Kysely } from 'kysely';

// The language a staff member reads the pages and staff mails in. Null: the organisation's
// language (a setting, so a change of it reaches everyone who has not chosen). A code, not a
// check list: languages are folders under locales/, added without a migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').addColumn('language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').dropColumn('language').execute();
}
