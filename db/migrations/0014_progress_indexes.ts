import { Kysely, sql } from 'kysely';

// The campaign progress page at 100,000 invitations asks, per invitation, whether its invitation
// mail was sent: with kind and status in the index that is one seek in the index alone, instead
// of reading the outbox rows (the new index also serves every lookup by invitation_id the old
// one served). Failed mails are few: a partial index lists them without reading the others.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_invitation_kind_status_idx').on('outbox').columns(['invitation_id', 'kind', 'status']).execute();
  await db.schema.dropIndex('outbox_invitation_idx').execute();
  await db.schema.createIndex('outbox_failed_idx').on('outbox').column('invitation_id').where(sql.ref('status'), '=', sql.lit('failed')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_failed_idx').execute();
  await db.schema.createIndex('outbox_invitation_idx').on('outbox').column('invitation_id').execute();
  await db.schema.dropIndex('outbox_invitation_kind_status_idx').execute();
}
