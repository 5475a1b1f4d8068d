import { Kysely } from 'kysely';

// The outbox and audit log pages list 50 rows at a time, newest first, narrowed by a filter: a
// status or kind of mail, an event type or a date range. These indexes let each filter seek its
// rows in id (or time) order instead of reading the whole table; a text search still scans.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_status_id_idx').on('outbox').columns(['status', 'id']).execute();
  await db.schema.createIndex('outbox_kind_id_idx').on('outbox').columns(['kind', 'id']).execute();
  await db.schema.createIndex('audit_log_event_id_idx').on('audit_log').columns(['event', 'id']).execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_at_idx').execute();
  await db.schema.dropIndex('audit_log_event_id_idx').execute();
  await db.schema.dropIndex('outbox_kind_id_idx').execute();
  await db.schema.dropIndex('outbox_status_id_idx').execute();
}
