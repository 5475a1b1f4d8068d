// Single sign-on against a real OpenID provider (oidc-provider) on loopback: the app's callback
// with answers the provider really gave, some of them tampered with on the way.
import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import type { OidcConfig } from '../../src/config';
import { findUserById, listTeamIdsOfUser, updateUser } from '../../src/accounts/user.repository';
import { createTeam, createUser } from '../support/factories';
import { createTestApp, csrfFrom } from '../support/test-app';
import { signInAtProvider, startOidcProvider, type TestProvider } from '../support/oidc-provider';
import { upsertSetting } from '../../src/settings/setting.repository';
import { eachTestGets } from '../support/per-test';

const CALLBACK = 'http://localhost:3000/login/oidc/callback';

const ACCOUNTS = {
  anna: { email: 'Anna.Admin@Example.COM', email_verified: true, name: 'Anna Admin', groups: ['pds-admins'] },
  bo: { email: 'bo.billing@example.com', email_verified: true, name: 'Bo Billing', groups: ['staff', 'billing'] },
  cy: { email: 'cy.quality@example.com', name: 'Cy Quality', groups: ['billing', 'quality'] },
  dee: { email: 'dee.nobody@example.com', email_verified: true, name: 'Dee Nobody', groups: ['canteen'] },
  eve: { email: 'eve@example.com', email_verified: false, name: 'Eve', groups: ['pds-admins'] },
};

describe('single sign-on with a real OpenID provider', () => {
  let provider: TestProvider;
  let db: Db;
  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUris: [CALLBACK], accounts: ACCOUNTS });
  });
  afterAll(() => provider.close());
  eachTestGets({}, (w) => ({ db } = w));

  const appWith = (oidc: Partial<OidcConfig> = {}, config: { passwordSignIn?: boolean } = {}): Express =>
    createTestApp(db, { config: { oidc: provider.config(oidc), ...config } });

  /** Starts at the app, signs in at the provider as `login`; returns the answer's path for the app. */
  async function throughProvider(agent: request.Agent, login: string, tamper: (url: URL) => void = () => {}, next = '/'): Promise<string> {
    const start = await agent.get(`/login/oidc?next=${encodeURIComponent(next)}`).expect(303);
    const authorization = new URL(start.headers.location!);
    tamper(authorization);
    const back = await signInAtProvider(authorization.href, login);
    expect(back.origin + back.pathname).toBe(CALLBACK);
    return back.pathname + back.search;
  }

  const sessionCookie = (res: request.Response) => (res.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('pds.sid='))?.split(';')[0];
  const isSignedIn = async (agent: request.Agent) => (await agent.get('/')).status === 200;
  const auditEvents = () => db.selectFrom('audit_log').select(['event', 'subject', 'detail']).orderBy('id').execute();

  it('shows "Sign in with <provider>" on the sign-in page, next to the password form', async () => {
    const page = await request(appWith()).get('/login').expect(200);
    expect(page.text).toContain('Sign in with Test Directory');
    expect(page.text).toContain('href="/login/oidc?next=%2F"');
    expect(page.text).toContain('name="password"');
  });

  it('signs in a known user matched by email whatever its case, with a new session id, and lands on the page asked for', async () => {
    const user = await createUser(db, { email: 'anna.admin@example.com', role: 'admin' });
    const app = appWith();
    const agent = request.agent(app);
    const start = await agent.get('/login/oidc?next=%2Fcustomers').expect(303);
    const before = sessionCookie(start);
    expect(before).toBeDefined();
    const back = await signInAtProvider(start.headers.location!, 'anna');
    const done = await agent.get(back.pathname + back.search).expect(303);
    expect(done.headers.location).toBe('/customers');
    const after = sessionCookie(done);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await isSignedIn(agent)).toBe(true);
    // The session id from before the sign-in (which an attacker could have planted) signs nobody in.
    await request(app).get('/').set('Cookie', before!).expect(303).expect('Location', /^\/login/);
    expect(await auditEvents()).toContainEqual({ event: 'sign_in.succeeded', subject: 'anna.admin@example.com', detail: JSON.stringify({ method: 'oidc' }) });
    expect((await findUserById(db, user.id))?.role).toBe('admin');
  });

  it('refuses an answer whose state was changed on the way', async () => {
    await createUser(db, { email: 'anna.admin@example.com', role: 'admin' });
    const agent = request.agent(appWith());
    const callback = await throughProvider(agent, 'anna', (url) => url.searchParams.set('state', 'forged-state-value'));
    const res = await agent.get(callback).expect(400);
    expect(res.text).toContain('could not be verified, so you were not signed in');
    expect(await isSignedIn(agent)).toBe(false);
  });

  it('refuses an ID token with another nonce than the one this sign-in sent', async () => {
    await createUser(db, { email: 'anna.admin@example.com', role: 'admin' });
    const agent = request.agent(appWith());
    const callback = await throughProvider(agent, 'anna', (url) => url.searchParams.set('nonce', 'a-nonce-from-another-sign-in'));
    const res = await agent.get(callback).expect(400);
    expect(res.text).toContain('could not be verified, so you were not signed in');
    expect(res.text).not.toMatch(/nonce|OAUTH_|at .*\.js/i);
    expect(await isSignedIn(agent)).toBe(false);
  });

  it('takes each answer once: the same callback again is refused', async () => {
    await createUser(db, { email: 'anna.admin@example.com', role: 'admin' });
    const app = appWith();
    const agent = request.agent(app);
    const callback = await throughProvider(agent, 'anna');
    await agent.get(callback).expect(303);
    const replay = await request(app).get(callback).expect(400);
    expect(replay.text).toContain('This sign-in has expired or was already used');
  });

  it('refuses someone without a PDS Loop account when users are not created, and creates nobody', async () => {
    const agent = request.agent(appWith());
    const res = await agent.get(await throughProvider(agent, 'bo')).expect(403);
    expect(res.text).toContain('There is no PDS Loop account for your email address.');
    expect(await db.selectFrom('user').select('id').execute()).toEqual([]);
    expect(await auditEvents()).toContainEqual({ event: 'sign_in.failed', subject: 'bo.billing@example.com', detail: JSON.stringify({ method: 'oidc', reason: 'unknown_user' }) });
  });

  it('tells a refused person why in the organisation’s language, naming the provider', async () => {
    await upsertSetting(db, 'organisation_language', 'sv');
    const agent = request.agent(appWith());
    const res = await agent.get(await throughProvider(agent, 'bo')).expect(403);
    expect(res.text).toContain('Det finns inget konto i PDS Loop för din e-postadress. Be en administratör för PDS Loop om åtkomst.');
    expect(res.text).toContain('<title>Logga in');
    const replay = await request(appWith()).get('/login/oidc/callback?code=x&state=y').expect(400);
    expect(replay.text).toContain('Börja om med ”Logga in med Test Directory”.');
  });

  it('refuses a deactivated user', async () => {
    const user = await createUser(db, { email: 'anna.admin@example.com', role: 'admin' });
    await updateUser(db, user.id, { isActive: false }, new Date());
    const agent = request.agent(appWith());
    const res = await agent.get(await throughProvider(agent, 'anna')).expect(403);
    expect(res.text).toContain('Your PDS Loop account is deactivated.');
    expect(await isSignedIn(agent)).toBe(false);
  });

  it('refuses an email address the provider says is not verified', async () => {
    await createUser(db, { email: 'eve@example.com', role: 'admin' });
    const agent = request.agent(appWith());
    const res = await agent.get(await throughProvider(agent, 'eve')).expect(403);
    expect(res.text).toContain('has not confirmed your email address');
  });

  describe('with groups mapped to roles and teams', () => {
    const mapping: Partial<OidcConfig> = {
      groupClaim: 'groups',
      groupRoles: [
        { group: 'pds-admins', role: 'admin', team: undefined },
        { group: 'quality', role: 'manager', team: undefined },
        { group: 'billing', role: 'member', team: 'Billing' },
        { group: 'logistics', role: 'member', team: 'Logistics' },
      ],
    };

    it('gives a known user the role and mapped teams of their groups, keeping teams the mapping does not name', async () => {
      const billing = await createTeam(db, { name: 'Billing' });
      const logistics = await createTeam(db, { name: 'Logistics' });
      const projects = await createTeam(db, { name: 'Projects' });
      const user = await createUser(db, { email: 'cy.quality@example.com', role: 'member', teamId: logistics.id });
      await db.insertInto('team_member').values({ team_id: projects.id, user_id: user.id }).execute();
      const agent = request.agent(appWith(mapping));
      await agent.get(await throughProvider(agent, 'cy')).expect(303);
      // billing comes first in Cy's groups, but quality is earlier in the mapping: manager.
      expect((await findUserById(db, user.id))?.role).toBe('manager');
      expect((await listTeamIdsOfUser(db, user.id)).sort()).toEqual([billing.id, projects.id].sort());
      expect(await isSignedIn(agent)).toBe(true);
    });

    it('refuses someone in none of the mapped groups', async () => {
      await createUser(db, { email: 'dee.nobody@example.com', role: 'manager' });
      const agent = request.agent(appWith(mapping));
      const res = await agent.get(await throughProvider(agent, 'dee')).expect(403);
      expect(res.text).toContain('is not in a group that may use PDS Loop');
    });

    it('creates an unknown user at first sign-in when allowed, with their name, role and team', async () => {
      const billing = await createTeam(db, { name: 'Billing' });
      await createTeam(db, { name: 'Logistics' });
      const agent = request.agent(appWith({ ...mapping, createUsers: true }));
      await agent.get(await throughProvider(agent, 'bo')).expect(303);
      const row = await db.selectFrom('user').select(['id', 'email', 'name', 'role', 'is_active']).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ email: 'bo.billing@example.com', name: 'Bo Billing', role: 'member', is_active: 1 });
      expect(await listTeamIdsOfUser(db, row.id)).toEqual([billing.id]);
      expect(await isSignedIn(agent)).toBe(true);
      // The second sign-in finds the same user.
      const again = request.agent(appWith({ ...mapping, createUsers: true }));
      await again.get(await throughProvider(again, 'bo')).expect(303);
      expect(await db.selectFrom('user').select('id').execute()).toHaveLength(1);
    });

    it('refuses, in plain words, a group linked to a team PDS Loop does not have', async () => {
      const agent = request.agent(appWith({ ...mapping, createUsers: true }));
      const res = await agent.get(await throughProvider(agent, 'bo')).expect(403);
      expect(res.text).toContain('is linked to a team PDS Loop does not have');
      expect(await db.selectFrom('user').select('id').execute()).toEqual([]);
    });
  });

  it('reads the email from the userinfo endpoint when the ID token does not carry it', async () => {
    const userinfoOnly = await startOidcProvider({ redirectUris: [CALLBACK], accounts: ACCOUNTS, claimsInUserinfoOnly: true });
    try {
      await createUser(db, { email: 'anna.admin@example.com', role: 'admin' });
      const agent = request.agent(createTestApp(db, { config: { oidc: userinfoOnly.config() } }));
      await agent.get(await throughProvider(agent, 'anna')).expect(303);
      expect(await isSignedIn(agent)).toBe(true);
    } finally {
      await userinfoOnly.close();
    }
  });

  it('says so in plain words when the person cancels at the provider', async () => {
    const agent = request.agent(appWith());
    const start = await agent.get('/login/oidc').expect(303);
    const back = await signInAtProvider(start.headers.location!, 'anna', { abort: true });
    const res = await agent.get(back.pathname + back.search).expect(401);
    expect(res.text).toContain('The sign-in at Test Directory was cancelled.');
  });

  it('says so in plain words when the provider cannot be reached', async () => {
    const app = createTestApp(db, { config: { oidc: { ...provider.config(), issuer: 'http://127.0.0.1:9' } } });
    const res = await request(app).get('/login/oidc').expect(502);
    expect(res.text).toContain('Test Directory cannot be reached right now.');
    expect(res.text).not.toMatch(/ECONNREFUSED|fetch failed|at .*\.js/);
  });

  it('with password sign-in turned off, offers only the provider and refuses a right password', async () => {
    const user = await createUser(db, { email: 'anna.admin@example.com', role: 'admin' });
    const page = await request(appWith({}, { passwordSignIn: false })).get('/login').expect(200);
    expect(page.text).toContain('Sign in with Test Directory');
    expect(page.text).not.toContain('name="password"');
    // A session with a valid CSRF token, from the same installation while passwords were still on
    // (both apps keep sessions in the one database): the refusal is the setting's, not the token's.
    const passwordsOn = await request(appWith()).get('/login').expect(200);
    const csrf = csrfFrom(passwordsOn.text);
    const res = await request(appWith({}, { passwordSignIn: false }))
      .post('/login')
      .set('Cookie', sessionCookie(passwordsOn)!).type('form').send({ _csrf: csrf, email: user.email, password: user.password }).expect(403);
    expect(res.text).toContain('Sign-in with a password is turned off. Sign in with Test Directory.');
    expect(await auditEvents()).toEqual([]);
  });
});
