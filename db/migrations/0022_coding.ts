import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// The coding suggester is built once per change of what it learns from (the catalogue and the
// coded mentions) and reused: every instance keeps it keyed by coding_version.version. Triggers
// move the version in the transaction of every such write, whoever makes it (coding, undo,
// catalogue edits and merges, a respondent picking a category, db:copy), so a reader on any
// instance sees a new version exactly when the data it learns from changed. The app creates the
// row when it first reads the version; until then there is nothing to move. So a new database
// stays empty, and db:copy copies the row like any other (a trigger never creates one).
const BUMP = sql`update coding_version set version = version + 1 where name = 'suggester'`;

// A mention matters when it is coded (or stops being), or when a coded one's words change.
const MENTION_CHANGED = {
  insert: 'new.category_id is not null',
  delete: 'old.category_id is not null',
};

export async function up(db: Kysely<any>): Promise<void> {
  const { isPostgres } = columnShapes(db);
  await db.schema
    .createTable('coding_version')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  if (isPostgres) {
    await sql`create function coding_version_bump() returns trigger language plpgsql as $$
      begin ${BUMP}; return null; end $$`.execute(db);
    await sql`create trigger coding_version_category after insert or update or delete on problem_category
      for each statement execute function coding_version_bump()`.execute(db);
    await sql`create trigger coding_version_mention_insert after insert on problem_mention
      for each row when (${sql.raw(MENTION_CHANGED.insert)}) execute function coding_version_bump()`.execute(db);
    await sql`create trigger coding_version_mention_update after update on problem_mention
      for each row when (old.category_id is distinct from new.category_id or (new.category_id is not null
        and (old.text is distinct from new.text or old.language is distinct from new.language)))
      execute function coding_version_bump()`.execute(db);
    await sql`create trigger coding_version_mention_delete after delete on problem_mention
      for each row when (${sql.raw(MENTION_CHANGED.delete)}) execute function coding_version_bump()`.execute(db);
    return;
  }
  for (const event of ['insert', 'update', 'delete']) {
    await sql`create trigger ${sql.raw(`coding_version_category_${event}`)} after ${sql.raw(event)} on problem_category
      begin ${BUMP}; end`.execute(db);
  }
  await sql`create trigger coding_version_mention_insert after insert on problem_mention
    when ${sql.raw(MENTION_CHANGED.insert)} begin ${BUMP}; end`.execute(db);
  await sql`create trigger coding_version_mention_update after update on problem_mention
    when old.category_id is not new.category_id or (new.category_id is not null
      and (old.text is not new.text or old.language is not new.language))
    begin ${BUMP}; end`.execute(db);
  await sql`create trigger coding_version_mention_delete after delete on problem_mention
    when ${sql.raw(MENTION_CHANGED.delete)} begin ${BUMP}; end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const { isPostgres } = columnShapes(db);
  if (isPostgres) {
    await sql`drop trigger coding_version_category on problem_category`.execute(db);
    for (const event of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`coding_version_mention_${event}`)} on problem_mention`.execute(db);
    await sql`drop function coding_version_bump()`.execute(db);
  } else {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger ${sql.raw(`coding_version_category_${event}`)}`.execute(db);
      await sql`drop trigger ${sql.raw(`coding_version_mention_${event}`)}`.execute(db);
    }
  }
  await db.schema.dropTable('coding_version').execute();
}
