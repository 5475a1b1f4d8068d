import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// PostgreSQL: a category's name in one language moves the coding version at commit, as a
// category or a coded mention does since 0033_coding_version_at_commit. The statement trigger
// of 0032 updated the one coding_version row at the write and held its lock to the end of the
// transaction, so a translation or a rename and a concurrent coding, or two translations on two
// instances, waited for each other. The version still moves in the transaction of every such write.
// SQLite has one writer at a time, so its triggers stay as 0032 made them.
export async function up(db: Kysely<any>): Promise<void> {
  if (!columnShapes(db).isPostgres) return;
  await sql`drop trigger coding_version_category_name on problem_category_name`.execute(db);
  await sql`create constraint trigger coding_version_category_name after insert or update or delete on problem_category_name
    deferrable initially deferred for each row execute function coding_version_bump()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!columnShapes(db).isPostgres) return;
  await sql`drop trigger coding_version_category_name on problem_category_name`.execute(db);
  await sql`create trigger coding_version_category_name after insert or update or delete on problem_category_name
    for each statement execute function coding_version_bump()`.execute(db);
}
