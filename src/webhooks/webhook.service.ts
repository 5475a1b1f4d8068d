import type { Db } from '../db/database';
import { actorUserId, type Actor } from '../auth/user';
import { canAdminister, isAllowed } from '../auth/user.policy';
import { insertAuditEntry } from '../audit/audit.repository';
import { listActiveUsersWithRole } from '../accounts/user.repository';
import { enqueueMail } from '../mail/outbox.repository';
import { DEFAULT_LANGUAGE, translate } from '../shared/languages';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { endpointSecret, newSecretSalt, retryDelaySeconds, storedDisabledReason, type WebhookEndpoint } from './webhook';
import { WEBHOOK_EVENT_LABEL_KEYS, WEBHOOK_EVENT_TYPES } from './webhook-events';
import type { EndpointEditForm, EndpointForm } from './webhook.schemas';
import { checkEndpointUrl } from './webhook-url.service';
import {
  disableEndpoint,
  findEndpointById,
  incrementEndpointFailures,
  insertEndpoint,
  listEndpoints,
  resetEndpointFailures,
  updateEndpoint,
  updateEndpointSalt,
} from './webhook-endpoint.repository';
import {
  countDeliveriesByEndpoint,
  findDelivery,
  insertDeliveries,
  listDeliveriesOfEndpoint,
  markDelivered,
  markDeliveryFailed,
  markDeliveryRetry,
  type ClaimedDelivery,
  type FailedAttempt,
} from './webhook-delivery.repository';
import { getMailSite } from '../organisation/organisation.service';
import { endpointDisabledMail } from './webhook-notice-mail';

const ADMINS_ONLY = 'only admins manage webhooks';

/** What the admin pages need besides the actor: the server secret the signing secrets derive from, and the URL rule. */
export interface WebhookContext {
  serverSecret: string;
  allowLoopback: boolean;
  now: Date;
}

function requireAdmin(actor: Actor): void {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
}

async function loadEndpoint(db: Db, id: number): Promise<WebhookEndpoint> {
  const endpoint = await findEndpointById(db, id);
  if (!endpoint) throw new NotFoundError(`webhook endpoint ${id}`);
  return endpoint;
}

/** @throws ValidationError keyed `url` when deliveries may not go there */
async function checkedUrl(value: string, allowLoopback: boolean): Promise<string> {
  const check = await checkEndpointUrl(value, allowLoopback);
  if (!check.ok) throw new ValidationError(check.problem, { url: [check.problem] }, check.vars ?? {});
  return check.url;
}

/** The event checkboxes; each label is a staff catalogue key the page translates. */
export const EVENT_CHOICES = WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: WEBHOOK_EVENT_LABEL_KEYS[type] }));

/**
 * The webhooks page: every endpoint with its delivery counts.
 * @throws ForbiddenError unless the actor is an admin
 */
export async function getWebhookListPage(db: Db, actor: Actor) {
  requireAdmin(actor);
  const counts = await countDeliveriesByEndpoint(db);
  const endpoints = (await listEndpoints(db)).map((e) => ({ ...e, counts: counts.get(e.id) ?? {} }));
  return { endpoints, eventChoices: EVENT_CHOICES, eventLabels: WEBHOOK_EVENT_LABEL_KEYS };
}

/**
 * Registers an endpoint for the chosen events. The URL must pass checkEndpointUrl. Returns the
 * signing secret, shown once: only its salt is stored.
 * @throws ForbiddenError unless the actor is an admin; ValidationError keyed `url`
 */
export async function createWebhookEndpoint(db: Db, actor: Actor, form: EndpointForm, ctx: WebhookContext): Promise<{ id: number; secret: string }> {
  requireAdmin(actor);
  const url = await checkedUrl(form.url, ctx.allowLoopback);
  return db.transaction().execute(async (trx) => {
    const salt = newSecretSalt();
    const id = await insertEndpoint(trx, { url, description: form.description, events: form.events, secretSalt: salt, createdBy: actorUserId(actor) }, ctx.now);
    await insertAuditEntry(trx, { event: 'webhook.created', actorUserId: actorUserId(actor), subject: url, detail: { id, events: form.events } }, ctx.now);
    return { id, secret: endpointSecret(ctx.serverSecret, salt) };
  });
}

/**
 * One endpoint with its latest deliveries (newest first).
 * @throws ForbiddenError, NotFoundError
 */
export async function getWebhookEndpointPage(db: Db, actor: Actor, id: number) {
  requireAdmin(actor);
  const endpoint = await loadEndpoint(db, id);
  return { endpoint, deliveries: await listDeliveriesOfEndpoint(db, id, 50), eventChoices: EVENT_CHOICES, eventLabels: WEBHOOK_EVENT_LABEL_KEYS };
}

/**
 * Changes an endpoint's URL, description, events, or turns it off or on. Turning it on again
 * starts its failure count from zero; its waiting deliveries then go out.
 * @throws ForbiddenError, NotFoundError, ValidationError keyed `url`
 */
export async function updateWebhookEndpoint(db: Db, actor: Actor, id: number, form: EndpointEditForm, ctx: WebhookContext): Promise<WebhookEndpoint> {
  requireAdmin(actor);
  const before = await loadEndpoint(db, id);
  const url = form.url === before.url ? before.url : await checkedUrl(form.url, ctx.allowLoopback);
  return db.transaction().execute(async (trx) => {
    await loadEndpoint(trx, id);
    await updateEndpoint(trx, id, { url, description: form.description, events: form.events, isActive: form.isActive }, ctx.now);
    await insertAuditEntry(
      trx,
      { event: 'webhook.updated', actorUserId: actorUserId(actor), subject: url, detail: { id, events: form.events, isActive: form.isActive, ...(url !== before.url ? { previousUrl: before.url } : {}) } },
      ctx.now,
    );
    return loadEndpoint(trx, id);
  });
}

/**
 * Gives the endpoint a new signing secret, returned once; the old one stops signing at once.
 * @throws ForbiddenError, NotFoundError
 */
export async function rotateWebhookSecret(db: Db, actor: Actor, id: number, ctx: WebhookContext): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  requireAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const endpoint = await loadEndpoint(trx, id);
    const salt = newSecretSalt();
    await updateEndpointSalt(trx, id, salt, ctx.now);
    await insertAuditEntry(trx, { event: 'webhook.secret_rotated', actorUserId: actorUserId(actor), subject: endpoint.url, detail: { id } }, ctx.now);
    return { endpoint, secret: endpointSecret(ctx.serverSecret, salt) };
  });
}

/**
 * "Send again": queues the delivery's event once more for its endpoint, with the same webhook-id
 * (a receiver that keeps ids sees a repeat, not a new event) and the same body. It goes out when
 * the endpoint is active.
 * @throws ForbiddenError, NotFoundError (no such delivery of that endpoint)
 */
export async function resendWebhookDelivery(db: Db, actor: Actor, endpointId: number, deliveryId: number, now: Date): Promise<void> {
  requireAdmin(actor);
  await db.transaction().execute(async (trx) => {
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery || delivery.endpointId !== endpointId) throw new NotFoundError(`webhook delivery ${deliveryId}`);
    await insertDeliveries(trx, [{ endpointId, messageId: delivery.messageId, eventType: delivery.eventType, payload: delivery.payload }], now);
  });
}

// ---- What the worker records ----

export interface RetryRule {
  /** First wait after a failure; doubles with each attempt. */
  retrySeconds: number;
  maxAttempts: number;
  /** Failed attempts in a row after which the endpoint is turned off. */
  disableAfter: number;
  /** The app's address, for the link in the admins' notice. */
  baseUrl: string;
}

/** The receiver answered 2xx: the delivery is recorded once and the endpoint's failure count starts again. */
export async function recordDeliverySuccess(db: Db, delivery: ClaimedDelivery, responseStatus: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await markDelivered(trx, delivery.id, responseStatus, now)) await resetEndpointFailures(trx, delivery.endpointId);
  });
}

/**
 * A failed attempt: retried after a growing wait (first, 2×, 4×…), or given up after
 * `maxAttempts`. Each one counts against the endpoint; at `disableAfter` in a row the endpoint
 * is turned off and every active admin is mailed, once, in the same transaction.
 */
export async function recordDeliveryFailure(
  db: Db,
  workerId: string,
  delivery: ClaimedDelivery,
  attempt: FailedAttempt,
  rule: RetryRule,
): Promise<{ outcome: 'retry' | 'failed'; disabled: boolean }> {
  return db.transaction().execute(async (trx) => {
    const outcome = delivery.attempts >= rule.maxAttempts ? 'failed' : 'retry';
    if (outcome === 'failed') {
      await markDeliveryFailed(trx, delivery.id, workerId, { ...attempt, error: `gave up after ${delivery.attempts} attempts: ${attempt.error}` });
    } else {
      const next = new Date(attempt.now.getTime() + retryDelaySeconds(rule.retrySeconds, delivery.attempts) * 1000);
      await markDeliveryRetry(trx, delivery.id, workerId, attempt, next);
    }
    const failures = await incrementEndpointFailures(trx, delivery.endpointId);
    let disabled = false;
    if (failures !== undefined && failures >= rule.disableAfter) {
      const vars = { failures, error: attempt.error };
      const key = 'admin.webhooks.turnedOffReason.failures';
      const reason = storedDisabledReason({ key, vars, text: translate(DEFAULT_LANGUAGE, 'staff')(key, vars) });
      disabled = await disableEndpoint(trx, delivery.endpointId, reason, attempt.now);
      if (disabled) {
        const endpoint = await loadEndpoint(trx, delivery.endpointId);
        await insertAuditEntry(trx, { event: 'webhook.disabled', subject: endpoint.url, detail: { id: endpoint.id, failures } }, attempt.now);
        const { language } = await getMailSite(trx, rule.baseUrl);
        for (const admin of await listActiveUsersWithRole(trx, 'admin')) {
          await enqueueMail(trx, endpointDisabledMail({ ...endpoint, failures, lastError: attempt.error }, admin, rule.baseUrl, language), attempt.now);
        }
      }
    }
    return { outcome, disabled };
  });
}
