import { Kysely } from 'kysely';
import { columnShapes } from './portable';

// The organisation's logo (its name, colour, sender and zone are settings) and each campaign's
// sender: the name mails come from and where replies go (the organisation's reply-to, the
// contact's KAM, or one address).
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('organisation_logo')
    // One row: the logo in use.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('data', col.isPostgres ? 'bytea' : 'blob', (c) => c.notNull())
    // A hash of the bytes: the logo's address changes with it, so it can be cached for a year.
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('campaign').addColumn('sender_name', 'text').execute();
  await db.schema
    .alterTable('campaign')
    .addColumn('reply_to_kind', 'text', (c) => col.oneOf('reply_to_kind', ['organisation', 'kam', 'address'], c.notNull().defaultTo('organisation')))
    .execute();
  await db.schema.alterTable('campaign').addColumn('reply_to_address', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign').dropColumn('reply_to_address').execute();
  await db.schema.alterTable('campaign').dropColumn('reply_to_kind').execute();
  await db.schema.alterTable('campaign').dropColumn('sender_name').execute();
  await db.schema.dropTable('organisation_logo').execute();
}
