import { Kysely } from 'kysely';

// The scheduler's periodic jobs run once across instances: an instance claims a job's row by a
// conditional upsert (free, or its lease run out) and gives it back when done. The same on both
// engines; a crashed instance's claim lapses at locked_until.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_lock')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // ISO-8601 UTC, like every timestamp of the app.
    .addColumn('locked_until', 'text', (c) => c.notNull())
    // Which process holds it (host, pid and a random part), for the one that releases it and for people.
    .addColumn('owner', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_lock').execute();
}
