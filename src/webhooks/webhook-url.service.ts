import dns from 'node:dns/promises';
import { isAllowedAddress, urlFormProblem } from './webhook';

/** `problem`: a staff catalogue key ('admin.webhooks.errors.…') with its `vars`. */
export type UrlCheck = { ok: true; url: string } | { ok: false; problem: string; vars?: Record<string, unknown> };

/**
 * Whether deliveries may go to `value`: an https URL (http too when loopback is allowed) whose
 * host resolves, and every address it resolves to (IPv4 and IPv6) is public, or loopback when
 * `allowLoopback` (development and tests; never in production, see config.ts). The worker
 * checks the addresses again at every delivery, so a name that later points inside is refused.
 */
export async function checkEndpointUrl(value: string, allowLoopback: boolean, lookup: typeof lookupAll = lookupAll): Promise<UrlCheck> {
  const problem = urlFormProblem(value, allowLoopback);
  if (problem) return { ok: false, problem };
  const url = new URL(value);
  let addresses: string[];
  try {
    addresses = await lookup(url.hostname);
  } catch {
    return { ok: false, problem: 'admin.webhooks.errors.hostNotFound', vars: { host: url.hostname } };
  }
  if (addresses.length === 0) return { ok: false, problem: 'admin.webhooks.errors.hostNotFound', vars: { host: url.hostname } };
  if (!addresses.every((a) => isAllowedAddress(a, allowLoopback))) {
    return { ok: false, problem: 'admin.webhooks.errors.privateAddress' };
  }
  return { ok: true, url: url.toString() };
}

/** Every address a host name (or IP literal) resolves to, v4 and v6. */
export async function lookupAll(hostname: string): Promise<string[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const found = await dns.lookup(bare, { all: true, verbatim: true });
  return found.map((a) => a.address);
}
