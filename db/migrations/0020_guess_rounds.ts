import { Kysely } from 'kysely';
import { columnShapes } from './portable';

// The staff's guess: before the results are shown, invited staff rank what they think customers
// will put on top of a campaign's problem list; at the reveal each sees their guess against the
// customers' ranked list, frozen then so later coding does not move the goalposts.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('guess_round')
    .addColumn('id', 'integer', col.id)
    // One round per campaign.
    .addColumn('campaign_id', 'integer', (c) => c.notNull().unique().references('campaign.id').onDelete('cascade'))
    // How many places each guess has: 5 or 10.
    .addColumn('list_size', 'integer', (c) => c.notNull())
    // open (guesses can be made and changed) → revealed (results shown, guesses locked).
    .addColumn('state', 'text', (c) => col.oneOf('state', ['open', 'revealed'], c.notNull().defaultTo('open')))
    // JSON [{ categoryId, name, rank }]: the customers' top list_size at the reveal; null while open.
    .addColumn('revealed_ranking', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revealed_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('revealed_at', 'text')
    .execute();

  await db.schema
    .createTable('guess_invitee')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('guess_round.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    // When the guess was last saved; null until the person guesses.
    .addColumn('guessed_at', 'text')
    .addPrimaryKeyConstraint('guess_invitee_pk', ['round_id', 'user_id'])
    .execute();
  await db.schema.createIndex('guess_invitee_user_idx').on('guess_invitee').column('user_id').execute();

  await db.schema
    .createTable('guess_item')
    .addColumn('round_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('problem_category.id'))
    .addPrimaryKeyConstraint('guess_item_pk', ['round_id', 'user_id', 'rank'])
    .addUniqueConstraint('guess_item_category_uq', ['round_id', 'user_id', 'category_id'])
    .addForeignKeyConstraint('guess_item_invitee_fk', ['round_id', 'user_id'], 'guess_invitee', ['round_id', 'user_id'], (fk) => fk.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guess_item').execute();
  await db.schema.dropTable('guess_invitee').execute();
  await db.schema.dropTable('guess_round').execute();
}
