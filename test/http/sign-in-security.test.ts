import request from 'supertest';
import type { Express } from 'express';
import * as password from '../../src/auth/password';
import type { Db } from '../../src/db/database';
import { NOT_AN_EMAIL } from '../../src/accounts/sign-in.service';
import { setPassword } from '../../src/accounts/account.service';
import { systemActor } from '../../src/auth/user';
import { SIGN_IN_THROTTLES } from '../../src/throttle/throttle.service';
import { createTestApp, createTestDb, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

// Every request names its address in X-Forwarded-For, which the app trusts from loopback.
async function loginForm(app: Express, address: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login').set('X-Forwarded-For', address).expect(200);
  const attempt = (email: string, pass: string) =>
    agent.post('/login').set('X-Forwarded-For', address).type('form').send({ _csrf: csrfFrom(page.text), email, password: pass });
  return { agent, attempt };
}

describe('the sign-in throttle', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: { config: { trustProxy: 'loopback' } } }, (w) => ({ db, app } = w));
  afterEach(() => jest.restoreAllMocks());

  it('checks at most 5 passwords of 30 wrong ones sent at once for one account', async () => {
    const user = await createUser(db);
    const verify = jest.spyOn(password, 'verifyPassword');
    const { attempt } = await loginForm(app, '203.0.113.7');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(user.email, `wrong-${i}`)));
    const limit = SIGN_IN_THROTTLES.accountAtAddress.limit;
    expect(verify.mock.calls.length).toBeLessThanOrEqual(limit);
    expect(answers.filter((r) => r.status === 401)).toHaveLength(limit);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(30 - limit);
    const failed = await db.selectFrom('audit_log').select('id').where('event', '=', 'sign_in.failed').execute();
    expect(failed.length).toBeLessThanOrEqual(limit);
  });

  it('does not let a stranger at another address lock the user out', async () => {
    const user = await createUser(db);
    const stranger = await loginForm(app, '198.51.100.66');
    for (let i = 0; i < SIGN_IN_THROTTLES.accountAtAddress.limit + 3; i++) await stranger.attempt(user.email, `wrong-${i}`);
    expect((await stranger.attempt(user.email, user.password)).status).toBe(429);

    const own = await loginForm(app, '203.0.113.7');
    await own.attempt(user.email, 'a typo in it').expect(401);
    await own.attempt(user.email, user.password).expect(303);
  });

  it('does not lock out an office of many users behind one address', async () => {
    const office = '192.0.2.10';
    const users = await Promise.all(Array.from({ length: 8 }, () => createUser(db)));
    // Each colleague mistypes a few times: 24 failures from one address in a few minutes.
    for (const user of users) {
      const { attempt } = await loginForm(app, office);
      for (let i = 0; i < 3; i++) await attempt(user.email, `typo-${i}`).expect(401);
    }
    for (const user of users) {
      const { attempt } = await loginForm(app, office);
      await attempt(user.email, user.password).expect(303);
    }
  });

  it('keeps counting the right password as no failure', async () => {
    const user = await createUser(db);
    const { attempt } = await loginForm(app, '203.0.113.7');
    for (let i = 0; i < SIGN_IN_THROTTLES.accountAtAddress.limit - 1; i++) await attempt(user.email, `wrong-${i}`).expect(401);
    for (let i = 0; i < 3; i++) await (await loginForm(app, '203.0.113.7')).attempt(user.email, user.password).expect(303);
    await attempt(user.email, 'one more typo').expect(401);
  });
});

describe('the audit log of failed sign-ins', () => {
  it('keeps what was typed as email only when it is an email address', async () => {
    const db = await createTestDb();
    const user = await createUser(db);
    const app = createTestApp(db);
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/login')).text);
    await agent.post('/login').type('form').send({ _csrf: token, email: 'Correct-Horse-Battery-9', password: 'x' }).expect(401);
    await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: 'wrong password' }).expect(401);
    const rows = await db.selectFrom('audit_log').select(['event', 'subject']).where('event', '=', 'sign_in.failed').orderBy('id').execute();
    expect(rows).toEqual([
      { event: 'sign_in.failed', subject: NOT_AN_EMAIL },
      { event: 'sign_in.failed', subject: user.email },
    ]);
    const admin = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    const page = await admin.get('/admin/audit').expect(200);
    expect(page.text).not.toContain('Correct-Horse-Battery-9');
    expect(JSON.stringify(await db.selectFrom('rate_limit').selectAll().execute())).not.toContain('Correct-Horse');
    await db.destroy();
  });
});

describe('the sign-in page', () => {
  it('is never cached', async () => {
    const db = await createTestDb();
    const res = await request(createTestApp(db)).get('/login').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    await db.destroy();
  });
});

describe('a password change', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));

  const isSignedIn = async (agent: request.Agent) => (await agent.get('/')).status === 200;

  it('by an admin signs the user out everywhere', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const user = await createUser(db, { role: 'member' });
    const phone = await signedInAgent(app, user);
    const laptop = await signedInAgent(app, user);
    const adminAgent = await signedInAgent(app, admin);
    const form = await adminAgent.get(`/admin/users/${user.id}`).expect(200);
    await adminAgent
      .post(`/admin/users/${user.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), name: 'Renamed', role: 'member', isActive: 'on', password: 'a brand new password' })
      .expect(303);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await isSignedIn(adminAgent)).toBe(true);
  });

  it('of one’s own keeps the session it was made in and ends the others', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const here = await signedInAgent(app, admin);
    const elsewhere = await signedInAgent(app, admin);
    await here
      .post(`/admin/users/${admin.id}`)
      .type('form')
      .send({ _csrf: await csrfOf(here, `/admin/users/${admin.id}`), name: 'Admin', role: 'admin', isActive: 'on', password: 'a brand new password' })
      .expect(303);
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);
  });

  it('by the command line (user:password) signs the user out everywhere', async () => {
    const user = await createUser(db, { role: 'member' });
    const other = await createUser(db, { role: 'member' });
    const phone = await signedInAgent(app, user);
    const colleague = await signedInAgent(app, other);
    await setPassword(db, systemActor('cli'), user.email, 'a brand new password', new Date());
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(colleague)).toBe(true);
  });

  it('without a new password signs nobody out', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const user = await createUser(db, { role: 'member' });
    const phone = await signedInAgent(app, user);
    const adminAgent = await signedInAgent(app, admin);
    await adminAgent
      .post(`/admin/users/${user.id}`)
      .type('form')
      .send({ _csrf: await csrfOf(adminAgent, `/admin/users/${user.id}`), name: 'Renamed', role: 'member', isActive: 'on', password: '' })
      .expect(303);
    expect(await isSignedIn(phone)).toBe(true);
  });
});
