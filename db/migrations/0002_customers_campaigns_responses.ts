import { Kysely } from 'kysely';
import { columnShapes } from './portable';

// The core domain every feature shares: customers, the problem catalogue,
// campaigns with their invitations, the mail outbox, and responses with the
// answer rows that analysis aggregates in SQL.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('customer')
    .addColumn('id', 'integer', col.id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('segment', 'text')
    .addColumn('region', 'text')
    .addColumn('kam_user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('relationship', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_name_idx').on('customer').column('name').execute();
  await db.schema.createIndex('customer_kam_idx').on('customer').column('kam_user_id').execute();

  await db.schema
    .createTable('contact')
    .addColumn('id', 'integer', col.id)
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customer.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('language', 'text')
    .addColumn('opted_out_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_customer_idx').on('contact').column('customer_id').execute();

  await db.schema
    .createTable('suppression')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('problem_category')
    .addColumn('id', 'integer', col.id)
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_sv', 'text', (c) => c.notNull())
    .addColumn('name_da', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('team_id', 'integer', (c) => c.references('team.id').onDelete('set null'))
    .addColumn('is_active', 'integer', (c) => col.flag('is_active', c.notNull().defaultTo(1)))
    .addColumn('merged_into_id', 'integer', (c) => c.references('problem_category.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'integer', col.id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    // draft → scheduled|running ⇄ paused → closed
    .addColumn('status', 'text', (c) =>
      col.oneOf('status', ['draft', 'scheduled', 'running', 'paused', 'closed'], c.notNull().defaultTo('draft')),
    )
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('starts_at', 'text')
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('reminder_after_days', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('reminder_max', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('mail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('definition', 'text')
    .addColumn('launched_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'integer', col.id)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('is_revoked', 'integer', (c) => col.flag('is_revoked', c.notNull().defaultTo(0)))
    .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_mailed_at', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('invitation_campaign_contact_uq', ['campaign_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('invitation_contact_idx').on('invitation').columns(['contact_id', 'created_at']).execute();

  // Contacts left out of a launch, with why (frequency window, opted out, suppressed).
  await db.schema
    .createTable('campaign_skip')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_skip_pk', ['campaign_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', col.id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_email', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('invitation_id', 'integer', (c) => c.references('invitation.id').onDelete('set null'))
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', 'integer')
    // pending → sending → sent | failed, or cancelled when it must no longer go out
    .addColumn('status', 'text', (c) =>
      col.oneOf('status', ['pending', 'sending', 'sent', 'failed', 'cancelled'], c.notNull().defaultTo('pending')),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_invitation_idx').on('outbox').column('invitation_id').execute();

  await db.schema
    .createTable('response')
    .addColumn('id', 'integer', col.id)
    .addColumn('invitation_id', 'integer', (c) => c.notNull().unique().references('invitation.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customer.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    // Every value the respondent entered, valid or not, so nothing typed is lost.
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    // partial → submitted
    .addColumn('status', 'text', (c) => col.oneOf('status', ['partial', 'submitted'], c.notNull().defaultTo('partial')))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('response_campaign_idx').on('response').columns(['campaign_id', 'status']).execute();
  await db.schema.createIndex('response_customer_idx').on('response').columns(['customer_id', 'submitted_at']).execute();

  // One row per answered question of a submitted response (per chosen option for choices).
  await db.schema
    .createTable('answer_value')
    .addColumn('id', 'integer', col.id)
    .addColumn('response_id', 'integer', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', col.double)
    .addColumn('choice', 'text')
    .addColumn('text', 'text')
    .execute();
  await db.schema.createIndex('answer_value_campaign_idx').on('answer_value').columns(['campaign_id', 'question_id']).execute();
  await db.schema.createIndex('answer_value_response_idx').on('answer_value').column('response_id').execute();

  await db.schema
    .createTable('problem_mention')
    .addColumn('id', 'integer', col.id)
    .addColumn('response_id', 'integer', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // Picked from the catalogue by the respondent, or coded later by a manager.
    .addColumn('category_id', 'integer', (c) => c.references('problem_category.id'))
    .addColumn('coded_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('coded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problem_mention_campaign_idx').on('problem_mention').columns(['campaign_id', 'category_id']).execute();
  await db.schema.createIndex('problem_mention_response_idx').on('problem_mention').column('response_id').execute();

  await db.schema
    .createTable('problem_rating_answer')
    .addColumn('id', 'integer', col.id)
    .addColumn('response_id', 'integer', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('problem_category.id'))
    // Raw answers: 0/1 for yes/no, 1..5 on the scale; null when not answered.
    .addColumn('frequency', 'integer')
    .addColumn('bother', 'integer')
    // Derived yes (1) / no (0): 4–5 count as yes on the 1–5 scale.
    .addColumn('is_frequent', 'integer', (c) => col.flag('is_frequent', c))
    .addColumn('is_bothersome', 'integer', (c) => col.flag('is_bothersome', c))
    .execute();
  await db.schema.createIndex('problem_rating_answer_campaign_idx').on('problem_rating_answer').columns(['campaign_id', 'category_id']).execute();
  await db.schema.createIndex('problem_rating_answer_response_idx').on('problem_rating_answer').column('response_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'problem_rating_answer',
    'problem_mention',
    'answer_value',
    'response',
    'outbox',
    'campaign_skip',
    'invitation',
    'campaign',
    'problem_category',
    'suppression',
    'contact',
    'customer',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
