import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

describe('admin pages', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  /** Signs `admin` in and posts the new-user form with these fields. */
  async function postNewUser(admin: { email: string; password: string }, fields: Record<string, string>) {
    const agent = await signedInAgent(createTestApp(db), admin);
    return agent.post('/admin/users/new').type('form').send({ _csrf: await csrfOf(agent, '/admin/users/new'), ...fields });
  }

  it.each(['member', 'manager', 'kam'] as const)('refuse a %s with 403 and show no admin links', async (role) => {
    const user = await createUser(db, { role });
    const agent = await signedInAgent(createTestApp(db), user);
    for (const path of ['/admin/users', '/admin/users/new', '/admin/teams', '/admin/audit']) {
      const res = await agent.get(path);
      expect(res.status).toBe(403);
    }
    const token = await csrfOf(agent, '/');
    await agent.post('/admin/teams/new').type('form').send({ _csrf: token, name: 'X', email: 'x@example.com' }).expect(403);
    expect(await db.selectFrom('team').selectAll().execute()).toEqual([]);
    const home = await agent.get('/');
    expect(home.text).not.toContain('href="/admin/users"');
  });

  it('let an admin add a team and a member of it', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(createTestApp(db), admin);
    const teamToken = await csrfOf(agent, '/admin/teams/new');
    await agent.post('/admin/teams/new').type('form').send({ _csrf: teamToken, name: 'Logistics', email: 'Logistics@Example.com' }).expect(303);
    const team = await db.selectFrom('team').selectAll().executeTakeFirstOrThrow();
    expect(team).toMatchObject({ name: 'Logistics', email: 'logistics@example.com', is_active: 1 });

    const userToken = await csrfOf(agent, '/admin/users/new');
    const res = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: userToken, email: 'lena@example.com', name: 'Lena Lager', role: 'member', password: 'long enough pw', teamIds: String(team.id) });
    expect(res.status).toBe(303);
    const list = await agent.get('/admin/users');
    expect(list.text).toContain('Lena Lager');
    expect(list.text).toContain('Logistics');
    const member = await db.selectFrom('team_member').selectAll().execute();
    expect(member).toHaveLength(1);
  });

  it('re-render the user form with each message beside its field and the typed values kept', async () => {
    const res = await postNewUser(await createUser(db, { role: 'admin' }), { email: 'not-an-email', name: 'Kim <Key> Account', role: 'kam', password: 'short' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="email-error"');
    expect(res.text).toContain('Enter a valid email address');
    expect(res.text).toContain('Use at least 10 characters');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).toContain('value="Kim &lt;Key&gt; Account"');
    expect(res.text).toMatch(/<option value="kam" selected>/);
    expect(res.text).not.toContain('value="short"');
    expect(await db.selectFrom('user').selectAll().execute()).toHaveLength(1);
  });

  it('refuse a second user with the same email', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const res = await postNewUser(admin, { email: admin.email.toUpperCase(), name: 'Copy', role: 'member', password: 'long enough pw' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('A user with this email already exists');
  });

  it('record role changes and deactivation in the audit log, and a deactivated user is signed out', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const other = await createUser(db, { role: 'member', name: 'Otto' });
    const app = createTestApp(db);
    const otherAgent = await signedInAgent(app, other);
    await otherAgent.get('/').expect(200);

    const agent = await signedInAgent(app, admin);
    const token = await csrfOf(agent, `/admin/users/${other.id}`);
    await agent.post(`/admin/users/${other.id}`).type('form').send({ _csrf: token, name: 'Otto', role: 'kam' }).expect(303);

    const events = await db.selectFrom('audit_log').select(['event', 'subject', 'detail']).where('event', 'like', 'user.%').execute();
    expect(events).toContainEqual({ event: 'user.role_changed', subject: other.email, detail: JSON.stringify({ from: 'member', to: 'kam' }) });
    expect(events.map((e) => e.event)).toContain('user.deactivated');
    expect((await otherAgent.get('/')).status).toBe(303);

    const page = await agent.get('/admin/audit?event=user.');
    expect(page.text).toContain('Role changed');
  });

  it('keep an admin from removing their own admin role', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(createTestApp(db), admin);
    const token = await csrfOf(agent, `/admin/users/${admin.id}`);
    const res = await agent.post(`/admin/users/${admin.id}`).type('form').send({ _csrf: token, name: 'Me', role: 'member', isActive: 'on' });
    expect(res.status).toBe(409);
    const saved = await db.selectFrom('user').select('role').where('id', '=', admin.id).executeTakeFirstOrThrow();
    expect(saved.role).toBe('admin');
  });

  it('answer 404 for a user id that does not exist or is not a number', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(createTestApp(db), admin);
    await agent.get('/admin/users/999').expect(404);
    await agent.get('/admin/users/abc').expect(404);
    await agent.get('/admin/teams/999').expect(404);
  });
});
