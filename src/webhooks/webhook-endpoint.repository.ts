import type { Selectable } from 'kysely';
import { compiledOnce } from '../db/compiled-query';
import type { Db } from '../db/database';
import type { WebhookEndpointTable } from '../db/schema-webhooks';
import type { WebhookEventType } from './webhook-events';
import { parseDisabledReason, parseEventList, type WebhookEndpoint } from './webhook';

function toEndpoint(r: Selectable<WebhookEndpointTable>): WebhookEndpoint {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: parseEventList(r.events),
    isActive: r.is_active === 1,
    failureCount: r.failure_count,
    disabledAt: r.disabled_at,
    disabledReason: parseDisabledReason(r.disabled_reason),
    createdAt: r.created_at,
  };
}

export interface NewEndpoint {
  url: string;
  description: string;
  events: WebhookEventType[];
  secretSalt: string;
  createdBy: number | null;
}

export async function insertEndpoint(db: Db, e: NewEndpoint, now: Date): Promise<number> {
  const row = await db
    .insertInto('webhook_endpoint')
    .values({
      url: e.url,
      description: e.description,
      events: JSON.stringify(e.events),
      secret_salt: e.secretSalt,
      is_active: 1,
      created_by: e.createdBy,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listEndpoints(db: Db): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoint').selectAll().orderBy('id').execute();
  return rows.map(toEndpoint);
}

export async function findEndpointById(db: Db, id: number): Promise<WebhookEndpoint | undefined> {
  const row = await db.selectFrom('webhook_endpoint').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toEndpoint(row);
}

/** The salt the endpoint's secret is derived from. */
export async function findEndpointSalt(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('webhook_endpoint').select('secret_salt').where('id', '=', id).executeTakeFirst();
  return row?.secret_salt;
}

// Read inside every survey submission: compiled once.
const selectActiveEndpointEvents = compiledOnce((db) => db.selectFrom('webhook_endpoint').select(['id', 'events']).where('is_active', '=', 1));

/** Active endpoints, with the events each receives (a small table, read in every emitting transaction). */
export async function listActiveEndpointEvents(db: Db): Promise<{ id: number; events: WebhookEventType[] }[]> {
  const rows = await selectActiveEndpointEvents(db);
  return rows.map((r) => ({ id: r.id, events: parseEventList(r.events) }));
}

export async function updateEndpoint(
  db: Db,
  id: number,
  changes: { url: string; description: string; events: WebhookEventType[]; isActive: boolean },
  now: Date,
): Promise<void> {
  await db
    .updateTable('webhook_endpoint')
    .set({
      url: changes.url,
      description: changes.description,
      events: JSON.stringify(changes.events),
      is_active: changes.isActive ? 1 : 0,
      updated_at: now.toISOString(),
      // Turning an endpoint on again starts its failure count afresh.
      ...(changes.isActive ? { failure_count: 0, disabled_at: null, disabled_reason: null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function updateEndpointSalt(db: Db, id: number, salt: string, now: Date): Promise<void> {
  await db.updateTable('webhook_endpoint').set({ secret_salt: salt, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** A delivery reached the endpoint: its failures in a row start again from zero. */
export async function resetEndpointFailures(db: Db, id: number): Promise<void> {
  await db.updateTable('webhook_endpoint').set({ failure_count: 0 }).where('id', '=', id).where('failure_count', '>', 0).execute();
}

/** Counts one more failed attempt; returns the new count, or undefined when the endpoint is already off. */
export async function incrementEndpointFailures(db: Db, id: number): Promise<number | undefined> {
  const row = await db
    .updateTable('webhook_endpoint')
    .set((eb) => ({ failure_count: eb('failure_count', '+', 1) }))
    .where('id', '=', id)
    .where('is_active', '=', 1)
    .returning('failure_count')
    .executeTakeFirst();
  return row?.failure_count;
}

/** Turns an endpoint off after repeated failure (`reason` as storedDisabledReason writes it); true when this call did it (so admins are told once). */
export async function disableEndpoint(db: Db, id: number, reason: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhook_endpoint')
    .set({ is_active: 0, disabled_at: now.toISOString(), disabled_reason: reason, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('is_active', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
