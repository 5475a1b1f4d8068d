import crypto from 'node:crypto';
import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Db } from '../db/database';
import { DEFAULT_LANGUAGE, translate } from '../shared/languages';
import type { Logger } from '../shared/logger';
import { addSeconds, type Clock } from '../shared/time';
import {
  DELIVERY_LEASE_SECONDS,
  DELIVERY_TIMEOUT_MS,
  DISABLE_AFTER_FAILURES,
  endpointSecret,
  FIRST_RETRY_SECONDS,
  isAllowedAddress,
  MAX_DELIVERY_ATTEMPTS,
  urlFormProblem,
} from '../webhooks/webhook';
import { claimDueDeliveries, releaseDeliveries, type ClaimedDelivery } from '../webhooks/webhook-delivery.repository';
import { recordDeliveryFailure, recordDeliverySuccess } from '../webhooks/webhook.service';
import { SinglePass } from './run-loop';

const english = translate(DEFAULT_LANGUAGE, 'staff');

export interface WebhookWorkerOptions {
  db: Db;
  /** The server secret the endpoints' signing secrets are derived from. */
  secret: string;
  /** Deliveries to loopback (and over http) allowed: development and tests only (WEBHOOK_ALLOW_LOOPBACK). */
  allowLoopback: boolean;
  /** The app's public address, for the link in the admins' notice. */
  baseUrl: string;
  /** First wait after a failed attempt; doubles with each attempt. */
  retrySeconds?: number;
  maxAttempts?: number;
  /** Failed attempts in a row after which an endpoint is turned off. */
  disableAfter?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  timeoutMs?: number;
  leaseSeconds?: number;
  logger?: Logger;
  workerId?: string;
}

export interface WebhookRunResult {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
  /** Endpoints this run turned off. */
  disabled: number;
}

/** What one attempt got: the receiver's status code, or why there was none. */
type AttemptResult = { status: number } | { error: string };

class RefusedAddressError extends Error {}

/**
 * A DNS lookup that refuses private, loopback and reserved addresses (loopback only when
 * allowed), for every address the name has: checked when the connection is made, so a name
 * that pointed outside at registration and inside now (DNS rebinding) is refused.
 */
function guardedLookup(allowLoopback: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 4);
      const addresses = found as unknown as LookupAddress[];
      const refused = addresses.find((a) => !isAllowedAddress(a.address, allowLoopback));
      if (refused || addresses.length === 0) {
        return callback(new RefusedAddressError(`refused: ${hostname} resolves to a private, loopback or reserved address`) as NodeJS.ErrnoException, '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * Sends due webhook deliveries, signed per Standard Webhooks. Several workers (in one process
 * or several instances) may run at once: a claim is a conditional update, so each delivery has
 * one holder; one that dies leaves a lease that runs out, after which another tries again.
 * Delivery is at least once, with the same webhook-id on every attempt, so receivers can drop a
 * repeat; a success is recorded once.
 */
export class WebhookWorker {
  readonly id: string;
  private readonly concurrency: number;
  private stopping = false;
  private readonly pass = new SinglePass<WebhookRunResult>('webhook worker');

  constructor(private readonly options: WebhookWorkerOptions) {
    this.id = options.workerId ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  /** Claims and sends the deliveries due at `now` (a fixed time in tests, a clock in the background) until none is left. */
  async runOnce(now: Date | Clock): Promise<WebhookRunResult> {
    return this.pass.run(now, (clock) => this.pump(clock));
  }

  /** Stops claiming, and waits for the requests in flight (each ends by its timeout at the latest). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.pass.current?.catch(() => undefined);
  }

  private async pump(clock: Clock): Promise<WebhookRunResult> {
    const { db } = this.options;
    const result: WebhookRunResult = { claimed: 0, delivered: 0, retried: 0, failed: 0, disabled: 0 };
    const leaseSeconds = this.options.leaseSeconds ?? DELIVERY_LEASE_SECONDS;
    while (!this.stopping) {
      const batch = await claimDueDeliveries(db, this.id, clock(), addSeconds(clock(), leaseSeconds), this.concurrency);
      if (batch.length === 0) break;
      result.claimed += batch.length;
      await Promise.all(batch.map((d) => this.deliver(d, clock, result)));
    }
    return result;
  }

  private async deliver(delivery: ClaimedDelivery, clock: Clock, result: WebhookRunResult): Promise<void> {
    const { db, logger } = this.options;
    try {
      if (this.stopping) {
        await releaseDeliveries(db, this.id, [delivery.id]);
        return;
      }
      const sentAt = clock();
      const attempt = await this.post(delivery, sentAt);
      const now = clock();
      if ('status' in attempt && attempt.status >= 200 && attempt.status < 300) {
        await recordDeliverySuccess(db, delivery, attempt.status, now);
        result.delivered++;
        return;
      }
      const failure = 'status' in attempt ? { responseStatus: attempt.status, error: `HTTP ${attempt.status}` } : { responseStatus: null, error: attempt.error };
      logger?.warn({ deliveryId: delivery.id, endpointId: delivery.endpointId, attempt: delivery.attempts, error: failure.error }, 'webhook not delivered');
      const recorded = await recordDeliveryFailure(db, this.id, delivery, { ...failure, now }, {
        retrySeconds: this.options.retrySeconds ?? FIRST_RETRY_SECONDS,
        maxAttempts: this.options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS,
        disableAfter: this.options.disableAfter ?? DISABLE_AFTER_FAILURES,
        baseUrl: this.options.baseUrl,
      });
      if (recorded.outcome === 'failed') result.failed++;
      else result.retried++;
      if (recorded.disabled) {
        result.disabled++;
        logger?.warn({ endpointId: delivery.endpointId }, 'webhook endpoint turned off after repeated failures');
      }
    } catch (error) {
      logger?.error({ err: error, deliveryId: delivery.id }, 'webhook worker could not record a delivery');
    }
  }

  /** One signed POST; never follows a redirect (a 3xx is a failure). */
  private post(delivery: ClaimedDelivery, sentAt: Date): Promise<AttemptResult> {
    const { allowLoopback } = this.options;
    const problem = urlFormProblem(delivery.url, allowLoopback);
    // The problem is a staff catalogue key; the delivery log keeps it in English.
    if (problem) return Promise.resolve({ error: `refused: ${english(problem)}` });
    const url = new URL(delivery.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // A literal address is connected to without a lookup, so it is checked here.
    if (net.isIP(host) && !isAllowedAddress(host, allowLoopback)) return Promise.resolve({ error: 'refused: a private, loopback or reserved address' });
    const signature = new Webhook(endpointSecret(this.options.secret, delivery.secretSalt)).sign(delivery.messageId, sentAt, delivery.payload);
    const body = Buffer.from(delivery.payload, 'utf8');
    const timeoutMs = this.options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    return new Promise<AttemptResult>((resolve) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          'user-agent': 'PDS-Loop-Webhooks/1',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        lookup: guardedLookup(allowLoopback),
        timeout: timeoutMs,
      });
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('response', (response) => {
        // The answer's body is not used; reading it lets the connection close cleanly.
        response.resume();
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0 });
        });
        response.on('error', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0 });
        });
      });
      request.on('error', (error) => {
        clearTimeout(timer);
        resolve({ error: error instanceof RefusedAddressError ? error.message : `could not connect: ${(error as NodeJS.ErrnoException).code ?? error.message}` });
      });
      request.end(body);
    });
  }
}
