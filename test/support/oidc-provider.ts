// A real OpenID provider on loopback for the single sign-on tests (oidc-provider-process.mjs in
// a child process), and a way through its login page without a browser.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { OidcConfig } from '../../src/config';

export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  /** An OidcConfig for the app that uses this provider's test client. */
  config(overrides?: Partial<OidcConfig>): OidcConfig;
  close(): Promise<void>;
}

export const TEST_CLIENT = { id: 'pds-loop-test', secret: 'test-client-secret-0123456789abcdef' };

/** Starts the provider with these accounts (the login name is the key) and one client for `redirectUris`. */
export async function startOidcProvider(options: {
  redirectUris: string[];
  accounts: Record<string, ProviderAccount>;
  claimsInUserinfoOnly?: boolean;
}): Promise<TestProvider> {
  const setup = {
    clients: [{ client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret, redirect_uris: options.redirectUris, response_types: ['code'], grant_types: ['authorization_code'] }],
    accounts: options.accounts,
    claimsInUserinfoOnly: options.claimsInUserinfoOnly ?? false,
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider-process.mjs')], {
    env: { ...process.env, OIDC_TEST_PROVIDER: JSON.stringify(setup) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}): ${stderr}`)));
  });
  return {
    issuer,
    config: (overrides = {}) => ({
      issuer,
      clientId: TEST_CLIENT.id,
      clientSecret: TEST_CLIENT.secret,
      providerName: 'Test Directory',
      emailClaim: 'email',
      scopes: 'openid email profile groups',
      groupClaim: undefined,
      groupRoles: [],
      createUsers: false,
      ...overrides,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Goes from the authorization URL through the provider's login page as `login` (any password)
 * and returns the URL the provider sends the browser back to, or `abort` cancels there. Follows
 * redirects by hand, keeping the provider's cookies, until they leave the provider.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, options: { abort?: boolean } = {}): Promise<URL> {
  const provider = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  };
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const res = await request(url);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.origin !== provider) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]+action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action) throw new Error(`the provider answered ${res.status}: ${html.slice(0, 500)}`);
    if (options.abort) {
      url = new URL(`${action.replace(/\/$/, '')}/abort`, url).href;
      continue;
    }
    const posted = await request(new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any password' }).toString(),
    });
    if (posted.status < 300 || posted.status >= 400) throw new Error(`the provider's login answered ${posted.status}: ${(await posted.text()).slice(0, 500)}`);
    url = new URL(posted.headers.get('location')!, url).href;
  }
  throw new Error('the provider never sent the browser back');
}
