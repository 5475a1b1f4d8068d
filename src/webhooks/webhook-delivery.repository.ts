import { expressionBuilder, sql } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { claimLeasedRows } from '../db/lease-claim.repository';
import type { DeliveryStatus } from './webhook';

/**
 * The delivery queue as the features fill it and the worker empties it. Every change of a
 * claimed delivery names the worker holding its lease, so a worker that lost a lease changes
 * nothing, except "delivered": a delivery the receiver accepted is recorded whoever holds it
 * now, so it is not sent again.
 */

export interface NewDelivery {
  endpointId: number;
  messageId: string;
  eventType: string;
  payload: string;
}

export async function insertDeliveries(db: Db, deliveries: NewDelivery[], now: Date): Promise<void> {
  if (deliveries.length === 0) return;
  const at = now.toISOString();
  await db
    .insertInto('webhook_delivery')
    .values(
      deliveries.map((d) => ({
        endpoint_id: d.endpointId,
        message_id: d.messageId,
        event_type: d.eventType,
        payload: d.payload,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
      })),
    )
    .execute();
}

/** A delivery a worker holds; `attempts` counts this attempt. */
export interface ClaimedDelivery {
  id: number;
  endpointId: number;
  url: string;
  secretSalt: string;
  messageId: string;
  eventType: string;
  payload: string;
  attempts: number;
}

/**
 * Claims up to `limit` due deliveries of active endpoints for one worker
 * (src/db/lease-claim.repository.ts): pending ones whose time has come, and ones whose holder's
 * lease ran out. Each claim counts as an attempt.
 */
export async function claimDueDeliveries(db: Db, workerId: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
  const delivery = expressionBuilder<Database, 'webhook_delivery'>();
  const ofActiveEndpoint = delivery('endpoint_id', 'in', delivery.selectFrom('webhook_endpoint').select('webhook_endpoint.id').where('webhook_endpoint.is_active', '=', 1));
  const claimed = await claimLeasedRows(db, 'webhook_delivery', { workerId, now, leaseUntil, limit, eligible: ofActiveEndpoint });
  if (claimed.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_delivery')
    .innerJoin('webhook_endpoint', 'webhook_endpoint.id', 'webhook_delivery.endpoint_id')
    .select([
      'webhook_delivery.id',
      'webhook_delivery.endpoint_id',
      'webhook_endpoint.url',
      'webhook_endpoint.secret_salt',
      'webhook_delivery.message_id',
      'webhook_delivery.event_type',
      'webhook_delivery.payload',
      'webhook_delivery.attempts',
    ])
    .where('webhook_delivery.id', 'in', claimed)
    .where('webhook_delivery.locked_by', '=', workerId)
    .orderBy('webhook_delivery.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    endpointId: r.endpoint_id,
    url: r.url,
    secretSalt: r.secret_salt,
    messageId: r.message_id,
    eventType: r.event_type,
    payload: r.payload,
    attempts: r.attempts,
  }));
}

/** The receiver accepted it: recorded once, whoever holds the lease now. */
export async function markDelivered(db: Db, id: number, responseStatus: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhook_delivery')
    .set({ status: 'delivered', delivered_at: now.toISOString(), last_attempt_at: now.toISOString(), response_status: responseStatus, lease_until: null, last_error: null })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface FailedAttempt {
  responseStatus: number | null;
  error: string;
  now: Date;
}

/** Records a failed attempt on a delivery the worker still holds: pending again, or given up. */
async function finishFailedAttempt(db: Db, id: number, workerId: string, attempt: FailedAttempt, next: { status: 'pending'; next_attempt_at: string; locked_by: null } | { status: 'failed' }): Promise<void> {
  await db
    .updateTable('webhook_delivery')
    .set({
      ...next,
      lease_until: null,
      last_attempt_at: attempt.now.toISOString(),
      response_status: attempt.responseStatus,
      last_error: attempt.error,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('locked_by', '=', workerId)
    .execute();
}

/** A failed attempt: try again at `nextAttempt`. */
export async function markDeliveryRetry(db: Db, id: number, workerId: string, attempt: FailedAttempt, nextAttempt: Date): Promise<void> {
  await finishFailedAttempt(db, id, workerId, attempt, { status: 'pending', next_attempt_at: nextAttempt.toISOString(), locked_by: null });
}

/** The last attempt failed too: given up. */
export async function markDeliveryFailed(db: Db, id: number, workerId: string, attempt: FailedAttempt): Promise<void> {
  await finishFailedAttempt(db, id, workerId, attempt, { status: 'failed' });
}

/** Gives claimed deliveries back untried (the worker stops): due again at once, the claim not counted. */
export async function releaseDeliveries(db: Db, workerId: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('webhook_delivery')
    .set({ status: 'pending', lease_until: null, locked_by: null, attempts: sql<number>`attempts - 1` })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .where('locked_by', '=', workerId)
    .execute();
}

export interface DeliveryRow {
  id: number;
  endpointId: number;
  messageId: string;
  eventType: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const DELIVERY_COLUMNS = [
  'id',
  'endpoint_id',
  'message_id',
  'event_type',
  'payload',
  'status',
  'attempts',
  'next_attempt_at',
  'last_attempt_at',
  'response_status',
  'last_error',
  'created_at',
  'delivered_at',
] as const;

function toDeliveryRow(r: {
  id: number;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  response_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}): DeliveryRow {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    messageId: r.message_id,
    eventType: r.event_type,
    payload: r.payload,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    responseStatus: r.response_status,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}

/** An endpoint's latest deliveries, newest first. */
export async function listDeliveriesOfEndpoint(db: Db, endpointId: number, limit = 50): Promise<DeliveryRow[]> {
  const rows = await db.selectFrom('webhook_delivery').select(DELIVERY_COLUMNS).where('endpoint_id', '=', endpointId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toDeliveryRow);
}

export async function findDelivery(db: Db, id: number): Promise<DeliveryRow | undefined> {
  const row = await db.selectFrom('webhook_delivery').select(DELIVERY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toDeliveryRow(row);
}

/** Counts of deliveries by status, per endpoint. */
export async function countDeliveriesByEndpoint(db: Db): Promise<Map<number, Partial<Record<DeliveryStatus, number>>>> {
  const rows = await db
    .selectFrom('webhook_delivery')
    .select(['endpoint_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['endpoint_id', 'status'])
    .execute();
  const counts = new Map<number, Partial<Record<DeliveryStatus, number>>>();
  for (const r of rows) {
    const of = counts.get(r.endpoint_id) ?? {};
    of[r.status as DeliveryStatus] = Number(r.n);
    counts.set(r.endpoint_id, of);
  }
  return counts;
}
