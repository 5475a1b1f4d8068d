import { Kysely, sql } from 'kysely';

// A launch commits in chunks (issue 19: no write transaction holds the database for seconds), so
// a launched campaign may still be inviting: launch_finished_at is null until its last chunk,
// and an interrupted launch is finished by the scheduler. Campaigns launched before this
// migration were launched in one transaction, so they are finished.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign').addColumn('launch_finished_at', 'text').execute();
  await sql`update campaign set launch_finished_at = launched_at where launched_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign').dropColumn('launch_finished_at').execute();
}
