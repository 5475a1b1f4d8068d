import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// A category's name is kept once per language in problem_category_name, so a language added
// under locales/ gets its names without a migration. The names of the columns name_en, name_sv
// and name_da move there and the columns go. A name change moves the coding suggester's version
// like any other catalogue change (0022_coding).
const BUMP = sql`update coding_version set version = version + 1 where name = 'suggester'`;
const OLD_COLUMNS = [
  ['en', 'name_en'],
  ['sv', 'name_sv'],
  ['da', 'name_da'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const { isPostgres } = columnShapes(db);
  await db.schema
    .createTable('problem_category_name')
    .addColumn('category_id', 'integer', (c) => c.notNull().references('problem_category.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_category_name_pk', ['category_id', 'language'])
    .execute();

  for (const [language, column] of OLD_COLUMNS) {
    await sql`insert into problem_category_name (category_id, language, name)
      select id, ${language}, ${sql.ref(column)} from problem_category`.execute(db);
  }
  for (const [, column] of OLD_COLUMNS) await db.schema.alterTable('problem_category').dropColumn(column).execute();

  if (isPostgres) {
    await sql`create trigger coding_version_category_name after insert or update or delete on problem_category_name
      for each statement execute function coding_version_bump()`.execute(db);
    return;
  }
  for (const event of ['insert', 'update', 'delete']) {
    await sql`create trigger ${sql.raw(`coding_version_category_name_${event}`)} after ${sql.raw(event)} on problem_category_name
      begin ${BUMP}; end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const { isPostgres } = columnShapes(db);
  if (isPostgres) await sql`drop trigger coding_version_category_name on problem_category_name`.execute(db);
  else for (const event of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`coding_version_category_name_${event}`)}`.execute(db);
  for (const [language, column] of OLD_COLUMNS) {
    await db.schema.alterTable('problem_category').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
    await sql`update problem_category set ${sql.ref(column)} = coalesce(
      (select n.name from problem_category_name n where n.category_id = problem_category.id and n.language = ${language}),
      (select n.name from problem_category_name n where n.category_id = problem_category.id and n.language = 'en'), '')`.execute(db);
  }
  await db.schema.dropTable('problem_category_name').execute();
}
