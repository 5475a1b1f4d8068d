import type { ColumnType, Generated } from 'kysely';

type Flag = ColumnType<number, number | undefined, number>;

/** An endpoint an admin registered (db/migrations/0017_webhooks.ts). */
export interface WebhookEndpointTable {
  id: Generated<number>;
  url: string;
  description: ColumnType<string, string | undefined, string>;
  /** JSON array of event types. */
  events: ColumnType<string, string | undefined, string>;
  /** The signing secret is derived from the server secret and this salt; never stored itself. */
  secret_salt: string;
  is_active: Flag;
  failure_count: ColumnType<number, number | undefined, number>;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One event on its way to one endpoint; claimed by a worker like an outbox mail. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  payload: string;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  lease_until: string | null;
  locked_by: string | null;
  last_attempt_at: string | null;
  response_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhooksTables {
  webhook_endpoint: WebhookEndpointTable;
  webhook_delivery: WebhookDeliveryTable;
}
