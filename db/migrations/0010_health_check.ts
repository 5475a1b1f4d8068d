import type { Kysely } from 'kysely';

// /healthz proves that the database can still write by committing one tiny row here
// (a full disk refuses it); nothing else reads or writes this table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('health_check')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('health_check').execute();
}
