import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// PostgreSQL: the coding version moves at commit, not at the write. A row trigger that updates
// the one coding_version row holds its lock from the first coded mention to the end of the
// transaction, so concurrent submissions that pick a category, and a manager's coding, waited for
// each other, and a resubmission racing a coding of the same response could deadlock. Deferred
// constraint triggers run at commit, after every other lock is taken, and hold the version row
// only for the commit itself. The version still moves in the transaction of every such write.
// SQLite has one writer at a time, so its triggers stay as 0022 made them.
const MENTION_INSERT = 'new.category_id is not null';
const MENTION_UPDATE = `old.category_id is distinct from new.category_id or (new.category_id is not null
  and (old.text is distinct from new.text or old.language is distinct from new.language))`;
const MENTION_DELETE = 'old.category_id is not null';

export async function up(db: Kysely<any>): Promise<void> {
  if (!columnShapes(db).isPostgres) return;
  await sql`drop trigger coding_version_category on problem_category`.execute(db);
  for (const event of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`coding_version_mention_${event}`)} on problem_mention`.execute(db);
  await sql`create constraint trigger coding_version_category after insert or update or delete on problem_category
    deferrable initially deferred for each row execute function coding_version_bump()`.execute(db);
  const mention = { insert: MENTION_INSERT, update: MENTION_UPDATE, delete: MENTION_DELETE };
  for (const [event, when] of Object.entries(mention)) {
    await sql`create constraint trigger ${sql.raw(`coding_version_mention_${event}`)} after ${sql.raw(event)} on problem_mention
      deferrable initially deferred for each row when (${sql.raw(when)}) execute function coding_version_bump()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!columnShapes(db).isPostgres) return;
  await sql`drop trigger coding_version_category on problem_category`.execute(db);
  for (const event of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`coding_version_mention_${event}`)} on problem_mention`.execute(db);
  await sql`create trigger coding_version_category after insert or update or delete on problem_category
    for each statement execute function coding_version_bump()`.execute(db);
  const mention = { insert: MENTION_INSERT, update: MENTION_UPDATE, delete: MENTION_DELETE };
  for (const [event, when] of Object.entries(mention)) {
    await sql`create trigger ${sql.raw(`coding_version_mention_${event}`)} after ${sql.raw(event)} on problem_mention
      for each row when (${sql.raw(when)}) execute function coding_version_bump()`.execute(db);
  }
}
