import { Kysely } from 'kysely';

// Follow-ups checked before they go: a follow-up may wait for a quality manager's (or the
// account's KAM's) approval before its mail is queued, and a "No, it did not help" answer
// carries the contact's comment.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('followup')
    // held (waiting for approval) → sent (mail queued), or held → rejected (never mailed unless asked again).
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('sent'))
    .execute();
  // When the mail was queued; null while held or rejected.
  await db.schema.alterTable('followup').addColumn('sent_at', 'text').execute();
  // The contact's words after answering "No, it did not help".
  await db.schema.alterTable('followup').addColumn('comment', 'text').execute();
  // Why a reviewer rejected the follow-up.
  await db.schema.alterTable('followup').addColumn('review_note', 'text').execute();
  await db.updateTable('followup').set((eb) => ({ sent_at: eb.ref('created_at') })).execute();
  await db.schema.createIndex('followup_state_ticket_idx').on('followup').columns(['state', 'ticket_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('followup_state_ticket_idx').execute();
  for (const column of ['review_note', 'comment', 'sent_at', 'state']) {
    await db.schema.alterTable('followup').dropColumn(column).execute();
  }
}
