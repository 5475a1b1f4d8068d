import crypto from 'node:crypto';
import { isWebhookEventType, type WebhookEventType } from './webhook-events';

/** After this many attempts a delivery is given up (status failed). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Failed attempts in a row (any delivery) after which an endpoint is disabled and admins are told. */
export const DISABLE_AFTER_FAILURES = 15;
/** First wait after a failed attempt; doubles with each attempt, up to MAX_RETRY_SECONDS. */
export const FIRST_RETRY_SECONDS = 30;
export const MAX_RETRY_SECONDS = 6 * 3600;
/** How long the receiver has to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/**
 * How long a claimed delivery belongs to one worker: well beyond one request's timeout, so only
 * a worker that died loses its deliveries to another.
 */
export const DELIVERY_LEASE_SECONDS = 120;

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookEndpoint {
  id: number;
  url: string;
  description: string;
  events: WebhookEventType[];
  isActive: boolean;
  failureCount: number;
  disabledAt: string | null;
  disabledReason: DisabledReason | null;
  createdAt: string;
}

/**
 * Why an endpoint was turned off: a staff catalogue key and its values, shown in the reader's
 * language, with the same in English (`text`). A row stored before reasons had keys has only
 * its free text, shown as it is.
 */
export interface DisabledReason {
  key?: string;
  vars?: Record<string, string | number>;
  text: string;
}

/** The stored form of a reason (the disabled_reason column). */
export function storedDisabledReason(reason: Required<DisabledReason>): string {
  return JSON.stringify({ key: reason.key, vars: reason.vars, text: reason.text });
}

/** A stored reason read back: keyed JSON, or an older row's free text. */
export function parseDisabledReason(stored: string | null): DisabledReason | null {
  if (stored === null) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (parsed && typeof parsed === 'object' && typeof (parsed as DisabledReason).key === 'string') {
      const { key, vars, text } = parsed as DisabledReason;
      return { key, vars: vars && typeof vars === 'object' ? vars : {}, text: typeof text === 'string' ? text : stored };
    }
  } catch {
    // Free text from before reasons had keys.
  }
  return { text: stored };
}

/**
 * The wait before attempt `attempts + 1`, after `attempts` failed ones: first, 2×first, 4×first…,
 * capped. E.g. first 30 s: 30 s, 60 s, 120 s, … 6 h.
 */
export function retryDelaySeconds(firstSeconds: number, attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, firstSeconds * 2 ** Math.max(0, attempts - 1));
}

/** A new endpoint's salt: 128 random bits. */
export function newSecretSalt(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/**
 * The endpoint's signing secret in the Standard Webhooks form `whsec_<base64 of 32 bytes>`,
 * derived from the server secret and the endpoint's salt: the database keeps only the salt, the
 * admin sees the secret once, and the worker derives it again for every delivery.
 */
export function endpointSecret(serverSecret: string, salt: string): string {
  return `whsec_${crypto.createHmac('sha256', serverSecret).update(`webhook:${salt}`).digest('base64')}`;
}

/** The webhook-id of a new event. */
export function newMessageId(): string {
  return `msg_${crypto.randomUUID().replace(/-/g, '')}`;
}

/** Event types stored as JSON, unknown ones dropped (an event removed in a later version). */
export function parseEventList(json: string): WebhookEventType[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((e): e is WebhookEventType => typeof e === 'string' && isWebhookEventType(e)) : [];
}

// ---- Which addresses an endpoint may have ----

/** What an address is, for the endpoint rule: public, loopback, or any other special range. */
export type AddressKind = 'public' | 'loopback' | 'private';

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.map(Number);
}

/** An IPv6 address as 8 groups of 16 bits (also with an IPv4 tail); undefined when it is none. */
function parseIpv6(text: string): number[] | undefined {
  let s = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    const prefix = s.slice(0, lastColon + 1);
    s = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const given = head.length + rest.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const zeros = new Array<number>(8 - given).fill(0);
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16)), ...tail];
}

function ipv4Kind([a, b, c]: number[]): AddressKind {
  if (a === 127) return 'loopback';
  const special =
    a === 0 ||
    a === 10 ||
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a! >= 224; // multicast, reserved, broadcast
  return special ? 'private' : 'public';
}

/**
 * Whether an IP address (v4 or v6, as text) is public, loopback or in another special range
 * (private, link-local, unique-local, carrier-grade NAT, documentation, multicast, reserved).
 * IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address. Text
 * that is no IP address counts as private, so it is never let through.
 */
export function addressKind(address: string): AddressKind {
  const v4 = parseIpv4(address);
  if (v4) return ipv4Kind(v4);
  const g = parseIpv6(address);
  if (!g) return 'private';
  const v4Of = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255];
  if (g.slice(0, 7).every((x) => x === 0)) return g[7] === 1 ? 'loopback' : 'private'; // ::1 and ::
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return ipv4Kind(v4Of(g[6]!, g[7]!)); // ::ffff:a.b.c.d
  if (g.slice(0, 6).every((x) => x === 0)) return 'private'; // IPv4-compatible (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b) return ipv4Kind(v4Of(g[6]!, g[7]!)); // NAT64
  if (g[0] === 0x2002) return ipv4Kind(v4Of(g[1]!, g[2]!)); // 6to4
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80) return 'private'; // link-local fe80::/10
  if ((first & 0xff00) === 0xff00) return 'private'; // multicast
  if (first === 0x2001 && g[1] === 0x0db8) return 'private'; // documentation
  if (first === 0x2001 && g[1]! < 0x0200) return 'private'; // Teredo, benchmarking, ORCHID and other IETF ranges
  if ((first & 0xe000) !== 0x2000) return 'private'; // outside global unicast 2000::/3
  return 'public';
}

/** Whether a delivery may go to this address: public ones always, loopback only when allowed. */
export function isAllowedAddress(address: string, allowLoopback: boolean): boolean {
  const kind = addressKind(address);
  return kind === 'public' || (kind === 'loopback' && allowLoopback);
}

/** Why an endpoint URL is refused before any lookup (a staff catalogue key), or undefined when its form is fine. */
export function urlFormProblem(value: string, allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'admin.webhooks.errors.fullAddress';
  }
  if (url.protocol !== 'https:' && !(allowLoopback && url.protocol === 'http:')) return 'admin.webhooks.errors.mustBeHttps';
  if (url.username || url.password) return 'admin.webhooks.errors.noCredentials';
  if (url.hash) return 'admin.webhooks.errors.noFragment';
  if (url.hostname === '') return 'admin.webhooks.errors.fullAddress';
  return undefined;
}
