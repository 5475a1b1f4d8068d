import { Kysely } from 'kysely';
import { columnShapes } from './portable';

// Analysis: who coded which problem mention and when (with undo), and the indexes the
// ranked-problem aggregation reads from.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('coding_event')
    .addColumn('id', 'integer', col.id)
    // One coding action (a single mention or a bulk selection) shares one batch id, undone together.
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('mention_id', 'integer', (c) => c.notNull().references('problem_mention.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('from_category_id', 'integer', (c) => c.references('problem_category.id'))
    .addColumn('to_category_id', 'integer', (c) => c.references('problem_category.id'))
    .addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('coding_event_batch_idx').on('coding_event').column('batch_id').execute();
  await db.schema.createIndex('coding_event_campaign_idx').on('coding_event').columns(['campaign_id', 'at']).execute();
  await db.schema.createIndex('coding_event_mention_idx').on('coding_event').column('mention_id').execute();

  // Covering index for the ranking: per campaign and question, each response's best rank per category.
  await db.schema
    .createIndex('problem_mention_rank_idx')
    .on('problem_mention')
    .columns(['campaign_id', 'question_id', 'category_id', 'response_id', 'rank'])
    .execute();
  await db.schema
    .createIndex('problem_rating_answer_score_idx')
    .on('problem_rating_answer')
    .columns(['campaign_id', 'question_id', 'category_id', 'response_id'])
    .execute();
  await db.schema.createIndex('problem_category_merged_idx').on('problem_category').column('merged_into_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('problem_category_merged_idx').execute();
  await db.schema.dropIndex('problem_rating_answer_score_idx').execute();
  await db.schema.dropIndex('problem_mention_rank_idx').execute();
  await db.schema.dropTable('coding_event').execute();
}
