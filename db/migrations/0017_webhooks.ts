import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// Webhooks (issue 18): endpoints admins register, and the delivery queue the features write to
// in the transaction of the change, as mails go to the outbox. The endpoint keeps only a salt:
// its signing secret is derived from the server secret, so a copy of the database signs nothing.
// A delivery is claimed like an outbox mail (status, locked_by, lease_until); partial indexes for
// the two states the worker looks for.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema
    .createTable('webhook_endpoint')
    .addColumn('id', 'integer', col.id)
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of the event types the endpoint receives.
    .addColumn('events', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('secret_salt', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => col.flag('is_active', c.notNull().defaultTo(1)))
    // Failed attempts since the last success; the endpoint is disabled when it reaches the limit.
    .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', 'text')
    .addColumn('disabled_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'integer', col.id)
    .addColumn('endpoint_id', 'integer', (c) => c.notNull().references('webhook_endpoint.id'))
    // The webhook-id header: one per event, the same for every endpoint and every attempt.
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // The JSON body sent, exactly as signed.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => col.oneOf('status', ['pending', 'sending', 'delivered', 'failed'], c.notNull().defaultTo('pending')))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('response_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_delivery_pending_idx')
    .on('webhook_delivery')
    .column('next_attempt_at')
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute();
  await db.schema
    .createIndex('webhook_delivery_sending_idx')
    .on('webhook_delivery')
    .column('lease_until')
    .where(sql.ref('status'), '=', sql.lit('sending'))
    .execute();
  await db.schema.createIndex('webhook_delivery_endpoint_idx').on('webhook_delivery').columns(['endpoint_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_delivery').execute();
  await db.schema.dropTable('webhook_endpoint').execute();
}
