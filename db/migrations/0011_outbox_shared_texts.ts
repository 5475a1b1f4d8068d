import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// Mail texts shared by many outbox mails (one campaign's invitation or reminder in one
// language), so a launch stores each text once instead of a full body per invitation; an
// outbox row names its text and keeps only what differs per recipient (address, name, the
// values filled in at send time). Partial indexes for the two states the worker looks for:
// a launch of 100,000 invitations no longer indexes 100,000 empty leases.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('outbox_template')
    .addColumn('id', 'integer', col.id)
    // What the text is for and a hash of its content, e.g. campaign:12:invitation:sv:<hash>.
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('outbox').addColumn('template_id', 'integer', (c) => c.references('outbox_template.id')).execute();
  // JSON object of the values filled into the template's [[pds:name]] markers.
  await db.schema.alterTable('outbox').addColumn('fields', 'text').execute();

  await db.schema.dropIndex('outbox_due_idx').execute();
  await db.schema.dropIndex('outbox_lease_idx').execute();
  await db.schema.createIndex('outbox_pending_idx').on('outbox').column('next_attempt_at').where(sql.ref('status'), '=', sql.lit('pending')).execute();
  await db.schema.createIndex('outbox_sending_idx').on('outbox').column('lease_until').where(sql.ref('status'), '=', sql.lit('sending')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_sending_idx').execute();
  await db.schema.dropIndex('outbox_pending_idx').execute();
  await db.schema.createIndex('outbox_lease_idx').on('outbox').columns(['status', 'lease_until']).execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.alterTable('outbox').dropColumn('fields').execute();
  await db.schema.alterTable('outbox').dropColumn('template_id').execute();
  await db.schema.dropTable('outbox_template').execute();
}
