import type { Db } from '../db/database';
import { WEBHOOK_EVENTS, type WebhookEventType, type WebhookPayload } from './webhook-events';
import { newMessageId } from './webhook';
import { listActiveEndpointEvents } from './webhook-endpoint.repository';
import { insertDeliveries, type NewDelivery } from './webhook-delivery.repository';

/**
 * Queues an event for every active endpoint that receives its type. Call it with the transaction
 * of the change, as mails go to the outbox: the deliveries exist exactly when the change commits,
 * and the worker sends them later. The payload is parsed with its schema first, so only its
 * documented fields (ids and facts, never a link or token) go out.
 * @throws ZodError when the payload does not match its schema (a programming error)
 */
export async function emitWebhookEvent<T extends WebhookEventType>(trx: Db, type: T, data: WebhookPayload<T>, now: Date): Promise<void> {
  await emitWebhookEvents(trx, type, [data], now);
}

/** Several events of one type (a batch of coded mentions): one event, and one webhook-id, each. */
export async function emitWebhookEvents<T extends WebhookEventType>(trx: Db, type: T, events: readonly WebhookPayload<T>[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const endpoints = (await listActiveEndpointEvents(trx)).filter((e) => e.events.includes(type));
  if (endpoints.length === 0) return;
  const deliveries: NewDelivery[] = [];
  for (const data of events) {
    const payload = JSON.stringify({ type, timestamp: now.toISOString(), data: WEBHOOK_EVENTS[type].parse(data) });
    const messageId = newMessageId();
    for (const e of endpoints) deliveries.push({ endpointId: e.id, messageId, eventType: type, payload });
  }
  for (let i = 0; i < deliveries.length; i += 200) await insertDeliveries(trx, deliveries.slice(i, i + 200), now);
}
