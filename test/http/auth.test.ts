import request from 'supertest';
import type { Db } from '../../src/db/database';
import { SIGN_IN_THROTTLES } from '../../src/throttle/throttle.service';
import { signInBuckets } from '../../src/accounts/sign-in.service';
import { takeRateLimitHit } from '../../src/throttle/rate-limit.repository';
import { createTestApp, createTestDb, csrfFrom, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

function sessionCookie(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith('pds.sid='))?.split(';')[0];
}

describe('sign-in', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('signs in with the right password, lands on the overview and records the event', async () => {
    const user = await createUser(db, { role: 'manager', name: 'Maria Manager' });
    const agent = request.agent(createTestApp(db));
    const page = await agent.get('/login').expect(200);
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email: user.email.toUpperCase(), password: user.password });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Welcome, Maria Manager');
    expect(home.headers['cache-control']).toBe('no-store');
    const audit = await db.selectFrom('audit_log').select(['event', 'subject']).execute();
    expect(audit).toContainEqual({ event: 'sign_in.succeeded', subject: user.email });
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const user = await createUser(db);
    const agent = request.agent(createTestApp(db));
    const token = csrfFrom((await agent.get('/login')).text);
    const wrong = await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: 'not the password' });
    const unknown = await agent.post('/login').type('form').send({ _csrf: token, email: 'nobody@example.com', password: 'whatever123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => /role="alert"><p>([^<]+)</.exec(html)?.[1];
    expect(message(wrong.text)).toBe('The email or password is not right.');
    expect(message(unknown.text)).toBe(message(wrong.text));
    expect(wrong.text).toContain(`value="${user.email}"`);
    expect((await agent.get('/')).status).toBe(303);
  });

  it('refuses a deactivated user', async () => {
    const user = await createUser(db);
    await db.updateTable('user').set({ is_active: 0 }).where('id', '=', user.id).execute();
    const agent = request.agent(createTestApp(db));
    const token = csrfFrom((await agent.get('/login')).text);
    await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: user.password }).expect(401);
  });

  it('throttles an account after repeated failures with 429, even with the right password', async () => {
    const user = await createUser(db);
    const agent = request.agent(createTestApp(db));
    const token = csrfFrom((await agent.get('/login')).text);
    for (let i = 0; i < SIGN_IN_THROTTLES.accountAtAddress.limit; i++) {
      await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: `wrong-${i}` }).expect(401);
    }
    const res = await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: user.password });
    expect(res.status).toBe(429);
    expect(res.text).toContain('Too many failed sign-in attempts');
  });

  it('throttles one address trying many accounts', async () => {
    const agent = request.agent(createTestApp(db));
    const token = csrfFrom((await agent.get('/login')).text);
    for (let i = 0; i < 5; i++) {
      await agent.post('/login').type('form').send({ _csrf: token, email: `guess${i}@example.com`, password: 'password123' }).expect(401);
    }
    // The rest of the address's failures, counted without spending a password check on each.
    const { ip } = await db.selectFrom('audit_log').select('ip').where('event', '=', 'sign_in.failed').executeTakeFirstOrThrow();
    const { key, throttle } = signInBuckets('', ip!).address;
    for (let i = 5; i < throttle.limit; i++) await takeRateLimitHit(db, key, throttle.limit, throttle.windowMs, new Date());
    const user = await createUser(db);
    await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: user.password }).expect(429);
  });

  it('gives a new session id at sign-in', async () => {
    const user = await createUser(db);
    const agent = request.agent(createTestApp(db));
    const page = await agent.get('/login');
    const before = sessionCookie(page);
    expect(before).toBeDefined();
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password }).expect(303);
    const after = sessionCookie(res);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const sids = await db.selectFrom('session').select('sid').execute();
    expect(sids.map((s) => `pds.sid=s%3A${s.sid}`).some((prefix) => before!.startsWith(prefix))).toBe(false);
  });

  it('signs out and forgets the session', async () => {
    const user = await createUser(db);
    const app = createTestApp(db);
    const agent = await signedInAgent(app, user);
    const home = await agent.get('/').expect(200);
    await agent.post('/logout').type('form').send({ _csrf: csrfFrom(home.text) }).expect(303);
    const after = await agent.get('/');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2F');
  });

  it('never redirects to another site after sign-in', async () => {
    const user = await createUser(db);
    const agent = request.agent(createTestApp(db));
    const page = await agent.get('/login?next=//evil.example.com');
    expect(page.text).toContain('name="next" value="/"');
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password, next: 'https://evil.example.com' });
    expect(res.headers.location).toBe('/');
  });
});

describe('CSRF protection', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('answers 403 to a form post without a valid token and changes nothing', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(createTestApp(db), admin);
    const res = await agent.post('/admin/teams/new').type('form').send({ name: 'Logistics', email: 'logistics@example.com' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired');
    const forged = await agent.post('/admin/teams/new').type('form').send({ _csrf: 'forged', name: 'Logistics', email: 'logistics@example.com' });
    expect(forged.status).toBe(403);
    expect(await db.selectFrom('team').selectAll().execute()).toEqual([]);
  });

  it('refuses a sign-in post without a token', async () => {
    const user = await createUser(db);
    await request(createTestApp(db)).post('/login').type('form').send({ email: user.email, password: user.password }).expect(403);
  });
});

describe('security headers', () => {
  it('sends a strict content security policy and no X-Powered-By', async () => {
    const db = await createTestDb();
    const res = await request(createTestApp(db)).get('/login').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    await db.destroy();
  });

  it('marks the session cookie Secure when BASE_URL is https', async () => {
    const db = await createTestDb();
    // Behind a TLS-terminating proxy on loopback (TRUST_PROXY=loopback).
    const res = await request(createTestApp(db, { config: { baseUrl: 'https://pds.example.com', trustProxy: 'loopback' } }))
      .get('/login')
      .set('X-Forwarded-Proto', 'https');
    expect(res.status).toBe(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';');
    expect(cookie).toMatch(/pds\.sid=.*; Secure/);
    expect(res.headers['strict-transport-security']).toBeDefined();
    await db.destroy();
  });
});

describe('error pages and health', () => {
  it('answers 404 with a page and no stack trace', async () => {
    const db = await createTestDb();
    const res = await request(createTestApp(db)).get('/no/such/page').expect(404);
    expect(res.text).toContain('Page not found');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    await db.destroy();
  });

  it('answers a failure with a 500 page that shows no error detail outside development', async () => {
    const db = await createTestDb();
    const user = await createUser(db);
    const app = createTestApp(db);
    const agent = await signedInAgent(app, user);
    // Loading the signed-in user now fails: the database is gone.
    await db.destroy();
    const res = await agent.get('/');
    expect(res.status).toBe(500);
    expect(res.text).toContain('Something went wrong on our side');
    expect(res.text).not.toContain('class="stack"');
    expect(res.text).not.toMatch(/driver has already been destroyed|\.ts:\d+/);
  });

  it('reports the database state on /healthz', async () => {
    const db = await createTestDb();
    const app = createTestApp(db);
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    await db.destroy();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503);
  });
});
