import { Kysely } from 'kysely';
import { columnShapes } from './portable';

// KAM alerts kept as rows: the KAM's overview lists the open ones until the KAM marks them
// handled, and a KAM who asked for a daily digest gets one mail a day listing the new ones
// instead of a mail per alert.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('kam_alert')
    .addColumn('id', 'integer', col.id)
    // One alert per response, however often it is submitted.
    .addColumn('response_id', 'integer', (c) => c.notNull().unique().references('response.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customer.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    // The KAM alerted (the account's KAM then); who sees it later is the account's KAM now.
    .addColumn('kam_user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    // JSON [{ question, value, scale }]: the very negative answers, as the mail listed them.
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // When a mail about it was queued (at once, or in a daily digest); null while it waits for the digest.
    .addColumn('mailed_at', 'text')
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('kam_alert_customer_idx').on('kam_alert').columns(['customer_id', 'handled_at']).execute();
  await db.schema.createIndex('kam_alert_unmailed_idx').on('kam_alert').columns(['mailed_at', 'kam_user_id']).execute();
  // 'each' (a mail per alert, the default) or 'daily' (one digest mail a day).
  await db.schema
    .alterTable('user')
    .addColumn('alert_mail', 'text', (c) => col.oneOf('alert_mail', ['each', 'daily'], c.notNull().defaultTo('each')))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').dropColumn('alert_mail').execute();
  await db.schema.dropTable('kam_alert').execute();
}
