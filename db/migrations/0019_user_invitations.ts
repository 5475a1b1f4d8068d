import { Kysely } from 'kysely';
import { columnShapes } from './portable';

// Issue 13: admins invite users by mail instead of passing passwords on. An invitation is a
// one-time link to set the password; only sha256 of its token is kept, and it expires.
// An invited user who has not set a password yet has an empty password_hash (never verifies).
export async function up(db: Kysely<any>): Promise<void> {
  const shapes = columnShapes(db);
  await db.schema
    .createTable('user_invitation')
    .addColumn('id', 'integer', (c) => shapes.id(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // ISO-8601 UTC, like every timestamp of the app.
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_invitation_user_idx').on('user_invitation').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_invitation').execute();
}
