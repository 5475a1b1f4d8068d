import dns from 'node:dns/promises';
import { isAllowedAddress, urlFormProblem } from './webhook';

export type UrlCheck = { ok: true; url: string } | { ok: false; problem: string };

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
    return { ok: false, problem: `The host ${url.hostname} could not be found` };
  }
  if (addresses.length === 0) return { ok: false, problem: `The host ${url.hostname} could not be found` };
  if (!addresses.every((a) => isAllowedAddress(a, allowLoopback))) {
    return { ok: false, problem: 'The address points into a private, loopback or reserved network; use a public https address' };
  }
  return { ok: true, url: url.toString() };
}

/** Every address a host name (or IP literal) resolves to, v4 and v6. */
export async function lookupAll(hostname: string): Promise<string[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const found = await dns.lookup(bare, { all: true, verbatim: true });
  return found.map((a) => a.address);
}
