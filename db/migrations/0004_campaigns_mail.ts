import { Kysely } from 'kysely';

// Campaign mail: the random per-invitation salt from which the personal token is derived
// (HMAC with the server secret), so reminders can carry the same link while the database
// holds only sha256(token) in invitation.token_hash. Plus the indexes the worker and the
// launch need at scale.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invitation_salt')
    .addColumn('invitation_id', 'integer', (c) => c.primaryKey().references('invitation.id').onDelete('cascade'))
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_lease_idx').on('outbox').columns(['status', 'lease_until']).execute();
  await db.schema.createIndex('campaign_status_idx').on('campaign').columns(['status', 'starts_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('campaign_status_idx').execute();
  await db.schema.dropIndex('outbox_lease_idx').execute();
  await db.schema.dropTable('invitation_salt').execute();
}
