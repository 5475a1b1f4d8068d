import type { Kysely } from 'kysely';
import { columnShapes } from './portable';

// Questionnaires built in the app: one row per questionnaire, one per version of its definition.
// A published version is frozen; editing after publishing adds a new draft version.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('questionnaire')
    .addColumn('id', 'integer', col.id)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_sv', 'text', (c) => c.notNull())
    .addColumn('title_da', 'text', (c) => c.notNull())
    // JSON list of question ids removed from the questionnaire: never given to another question.
    .addColumn('retired_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('questionnaire_version')
    .addColumn('id', 'integer', col.id)
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaire.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => col.oneOf('status', ['draft', 'published'], c.notNull().defaultTo('draft')))
    // The survey definition JSON (surveys/schema.json); a draft may miss translations.
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('questionnaire_version_number_uq', ['questionnaire_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('questionnaire_version').execute();
  await db.schema.dropTable('questionnaire').execute();
}
