import { Kysely } from 'kysely';

// Issue 20: a KAM's own reminder to a contact who has not answered, at most one per invitation
// (one contact in one campaign): the invitation is the key, so a second one cannot be stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kam_reminder')
    .addColumn('invitation_id', 'integer', (c) => c.primaryKey().references('invitation.id').onDelete('cascade'))
    .addColumn('sent_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    // ISO-8601 UTC, like every timestamp of the app.
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kam_reminder').execute();
}
