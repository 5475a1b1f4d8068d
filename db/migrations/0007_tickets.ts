import { Kysely } from 'kysely';
import { columnShapes } from './portable';

// Action tickets: one per campaign and problem category, routed to the category's owning
// team, with evidence frozen at creation, comments, an activity log, and the follow-up mail
// each reporting contact receives once when the ticket is resolved.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('ticket')
    .addColumn('id', 'integer', col.id)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('problem_category.id'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('team.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // open → in_progress → resolved → closed; resolved → reopened → in_progress
    .addColumn('status', 'text', (c) =>
      col.oneOf('status', ['open', 'in_progress', 'resolved', 'closed', 'reopened'], c.notNull().defaultTo('open')),
    )
    .addColumn('assignee_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
    // Calendar date YYYY-MM-DD; overdue from the following day.
    .addColumn('due_date', 'text', (c) => c.notNull())
    // JSON, fixed at creation: rank, points, problemScore, respondents, accounts, verbatims, analysisUrl, filter.
    .addColumn('evidence', 'text', (c) => c.notNull())
    // JSON { en?, sv?, da? }: the customer-facing "what we did".
    .addColumn('resolution_note', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('last_escalated_at', 'text')
    // Routing the same category of the same campaign again never makes a second ticket.
    .addUniqueConstraint('ticket_campaign_category_uq', ['campaign_id', 'category_id'])
    .execute();
  await db.schema.createIndex('ticket_team_status_idx').on('ticket').columns(['team_id', 'status']).execute();
  await db.schema.createIndex('ticket_due_idx').on('ticket').columns(['status', 'due_date']).execute();

  await db.schema
    .createTable('ticket_comment')
    .addColumn('id', 'integer', col.id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('ticket.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_comment_ticket_idx').on('ticket_comment').column('ticket_id').execute();

  await db.schema
    .createTable('ticket_activity')
    .addColumn('id', 'integer', col.id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('ticket.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('ticket_activity_ticket_idx').on('ticket_activity').columns(['ticket_id', 'at']).execute();

  await db.schema
    .createTable('followup')
    .addColumn('id', 'integer', col.id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('ticket.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    // sha256 of the "did this help?" link token; the token itself is only in the mail.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('is_helpful', 'integer', (c) => col.flag('is_helpful', c))
    // Each contact hears once per ticket, however often it is resolved.
    .addUniqueConstraint('followup_ticket_contact_uq', ['ticket_id', 'contact_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['followup', 'ticket_activity', 'ticket_comment', 'ticket']) {
    await db.schema.dropTable(table).execute();
  }
}
