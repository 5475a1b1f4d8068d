import request from 'supertest';
import { migrateToLatest, type Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { tempDatabase } from '../support/test-db';
import { runCliCapturing } from '../support/run-cli';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

const contactsBody = { contacts: [{ customer: 'Acme', email: 'a@acme.example' }] };

describe('API keys', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('let an admin create a key shown once, acting as the chosen user, and revoke it so it stops working', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const manager = await createUser(db, { role: 'manager', name: 'Mona Manager' });
    const app = createTestApp(db);
    const agent = await signedInAgent(app, admin);

    const token = await csrfOf(agent, '/admin/api-keys');
    const created = await agent.post('/admin/api-keys').type('form').send({ _csrf: token, name: 'CRM sync', userId: String(manager.id) });
    expect(created.status).toBe(303);
    const page = await agent.get('/admin/api-keys').expect(200);
    const key = /pds_[A-Za-z0-9_-]{20,}/.exec(page.text)?.[0];
    expect(key).toBeDefined();
    expect(page.text).toContain('Mona Manager');
    expect((await agent.get('/admin/api-keys')).text).not.toContain(key);
    const stored = await db.selectFrom('api_key').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: 'CRM sync', user_id: manager.id, created_by: admin.id, revoked_at: null });
    expect(JSON.stringify(stored)).not.toContain(key);

    await request(app).post('/api/v1/contacts').set('Authorization', `Bearer ${key}`).send(contactsBody).expect(200);

    const revokeToken = await csrfOf(agent, '/admin/api-keys');
    await agent.post(`/admin/api-keys/${stored.id}/revoke`).type('form').send({ _csrf: revokeToken }).expect(303);
    await request(app).post('/api/v1/contacts').set('Authorization', `Bearer ${key}`).send(contactsBody).expect(401);
    const events = await db.selectFrom('audit_log').select(['event', 'actor_user_id', 'subject']).where('event', 'like', 'api_key.%').orderBy('id').execute();
    expect(events).toEqual([
      { event: 'api_key.created', actor_user_id: admin.id, subject: 'CRM sync' },
      { event: 'api_key.revoked', actor_user_id: admin.id, subject: 'CRM sync' },
    ]);
  });

  it('re-render the form with the message beside the name and the chosen user kept', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const other = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), admin);
    const token = await csrfOf(agent, '/admin/api-keys');
    const res = await agent.post('/admin/api-keys').type('form').send({ _csrf: token, name: '  ', userId: String(other.id) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="name-error"');
    expect(res.text).toContain(`<option value="${other.id}" selected>`);
    expect(await db.selectFrom('api_key').selectAll().execute()).toEqual([]);
  });

  it.each(['manager', 'member', 'kam'] as const)('refuse a %s the API key page', async (role) => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role }));
    await agent.get('/admin/api-keys').expect(403);
  });
});

describe('pds-loop apikey:create', () => {
  it('prints the key alone on its last line, and the key works as the first admin', async () => {
    const target = await tempDatabase('pds-apikey-');
    const env = { DATABASE_URL: target.url, LOG_LEVEL: 'silent' };
    const cli = (argv: string[]) => runCliCapturing(argv, env);
    expect((await cli(['user:add', '--email', 'root@example.com', '--role', 'admin', '--password', 'long enough pw'])).code).toBe(0);

    const made = await cli(['apikey:create', '--name', 'Nightly import']);
    expect(made.code).toBe(0);
    const key = made.out.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^pds_[A-Za-z0-9_-]{20,}$/);
    expect((await cli(['apikey:create', '--name', 'x', '--user', 'nobody@example.com'])).code).toBe(1);

    const db = target.open();
    await migrateToLatest(db);
    const res = await request(createTestApp(db)).post('/api/v1/contacts').set('Authorization', `Bearer ${key}`).send(contactsBody);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1);
    const audit = await db.selectFrom('audit_log').select(['event', 'subject']).where('event', '=', 'api_key.created').execute();
    expect(audit).toEqual([{ event: 'api_key.created', subject: 'Nightly import' }]);
    await db.destroy();
    await target.cleanup();
  });
});
