// Talks to the app the way its users do: the CLI to create the first admin and an API key,
// the JSON API for setup, and a signed-in browser session (cookie + form CSRF token) for pages.
import http from 'node:http';
import { runCli } from './processes';

export const ADMIN = { email: 'bench-admin@example.com', password: 'bench password 1234' };

/** Migrates a new database file and adds an admin and an API key through the CLI; returns the key. */
export async function prepareDatabase(dbFile: string): Promise<string> {
  await runCli(dbFile, ['migrate']);
  await runCli(dbFile, ['user:add', '--email', ADMIN.email, '--role', 'admin', '--name', 'Bench Admin', '--password', ADMIN.password]);
  const out = (await runCli(dbFile, ['apikey:create', '--name', 'bench', '--user', ADMIN.email])).trim().split('\n');
  return out[out.length - 1]!.trim();
}

/** Adds a user through the CLI (e.g. KAMs for the filters). */
export async function addUser(dbFile: string, email: string, role: string): Promise<void> {
  await runCli(dbFile, ['user:add', '--email', email, '--role', role, '--name', email.split('@')[0]!, '--password', ADMIN.password]);
}

export class Api {
  constructor(
    readonly url: string,
    private readonly key: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const res = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.key}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} /api/v1${path}: ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  post<T>(path: string, body: unknown, contentType?: string): Promise<T> {
    return this.request<T>('POST', path, body, contentType);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** Creates catalogue categories "Problem 1" … and returns their ids. */
  async createCategories(count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 1; i <= count; i++) {
      const body = { names: { en: `Problem ${i}`, sv: `Problem ${i} (sv)`, da: `Problem ${i} (da)` }, keywords: [`problem${i}`] };
      ids.push((await this.post<{ category: { id: number } }>('/categories', body)).category.id);
    }
    return ids;
  }

  /** A draft campaign of the annual PDS template with the default mail texts; returns its id. */
  async createCampaign(name: string, audience?: Record<string, unknown>): Promise<number> {
    const closesAt = new Date(Date.now() + 60 * 86_400_000).toISOString();
    return (await this.post<{ id: number }>('/campaigns', { name, template: 'annual-pds', closesAt, ...(audience ? { audience } : {}) })).id;
  }
}

export const csrfIn = (html: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no _csrf field in the page');
  return token;
};

/** A signed-in session: a cookie jar of one cookie. */
export class Session {
  private cookie = '';

  private constructor(readonly url: string) {}

  static async signIn(url: string, user = ADMIN): Promise<Session> {
    const session = new Session(url);
    const login = await session.fetch('/login');
    const csrf = csrfIn(await login.text());
    const res = await session.fetch('/login', { method: 'POST', form: { _csrf: csrf, email: user.email, password: user.password } });
    await res.arrayBuffer();
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
    return session;
  }

  async fetch(path: string, options: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(`${this.url}${path}`, {
      method: options.method ?? 'GET',
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: options.form ? new URLSearchParams(options.form).toString() : undefined,
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return res;
  }

  /**
   * GET a page that must answer 200; returns its HTML and how long it took (ms, until the last
   * byte). node:http rather than fetch, which gives up on answers slower than 300 s.
   */
  timePage(path: string): Promise<{ ms: number; html: string }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.get(`${this.url}${path}`, { headers: this.cookie ? { cookie: this.cookie } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          const html = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode} ${html.slice(0, 300)}`));
          else resolve({ ms, html });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  }
}
