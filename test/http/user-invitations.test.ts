import request from 'supertest';
import { simpleParser } from 'mailparser';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import type { SmtpSink } from '../support/smtp-sink';
import { deliverOutbox } from '../mail/helpers';
import { addDays } from '../../src/shared/time';
import { eachTestGets } from '../support/per-test';

const START = new Date('2026-03-02T08:00:00Z');

describe('inviting users by mail', () => {
  let db: Db;
  let sink: SmtpSink;
  let now: Date;
  let app: Express;
  eachTestGets({ sink: true }, (w) => ({ db, sink } = w));
  beforeEach(() => {
    now = START;
    app = createTestApp(db, { clock: () => now });
  });

  /** Sends what the outbox holds through the SMTP sink; returns the invitation path of each new mail. */
  async function deliveredLinks(): Promise<string[]> {
    const links: string[] = [];
    for (const m of await deliverOutbox(db, sink, now)) {
      const mail = await simpleParser(m.raw);
      links.push(/http:\/\/localhost:3000(\/invitations\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!);
    }
    return links;
  }

  async function invite(admin: request.Agent, email: string, name: string, status: number) {
    const csrf = await csrfOf(admin, '/admin/users/new');
    return admin.post('/admin/users/new').type('form').send({ _csrf: csrf, email, name, role: 'member' }).expect(status);
  }

  it('mails a one-time link; the invited user sets a password, is signed in, and the link then no longer works', async () => {
    const admin = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    await invite(admin, 'nina@example.com', 'Nina New', 303);
    expect((await admin.get('/admin/users')).text).toContain('Invited, no password yet');

    const [link] = await deliveredLinks();
    expect(sink.accepted[0]!.to).toEqual(['nina@example.com']);
    // Only the token's hash is stored.
    const stored = await db.selectFrom('user_invitation').select('token_hash').executeTakeFirstOrThrow();
    expect(link).not.toContain(stored.token_hash);
    // Opening the link (a mail scanner does too) changes nothing; it can be opened again.
    const visitor = request.agent(app);
    await visitor.get(link!).expect(200);
    const page = await visitor.get(link!).expect(200);
    expect(page.text).toContain('Welcome to PDS Loop, Nina New');

    const accepted = await visitor.post(link!).type('form').send({ _csrf: csrfFrom(page.text), password: 'my own long password', confirm: 'my own long password' }).expect(303);
    expect(accepted.headers.location).toBe('/');
    expect((await visitor.get('/').expect(200)).text).toContain('Welcome, Nina New');

    const again = request.agent(app);
    const form = await again.get(link!).expect(410);
    expect(form.text).toContain('has been used already');
    const csrf = csrfFrom((await again.get('/login')).text);
    await again.post(link!).type('form').send({ _csrf: csrf, password: 'someone elses password', confirm: 'someone elses password' }).expect(410);
    await signedInAgent(app, { email: 'nina@example.com', password: 'my own long password' });
  });

  it('refuses a link after seven days, and a new link from the admin replaces the old one', async () => {
    const admin = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    await invite(admin, 'late@example.com', 'Lars Late', 303);
    const [first] = await deliveredLinks();
    now = addDays(START, 7);
    expect((await request(app).get(first!).expect(410)).text).toContain('has run out');

    const user = await db.selectFrom('user').select('id').where('email', '=', 'late@example.com').executeTakeFirstOrThrow();
    const csrf = await csrfOf(admin, `/admin/users/${user.id}`);
    await admin.post(`/admin/users/${user.id}/invite`).type('form').send({ _csrf: csrf }).expect(303);
    const [second] = await deliveredLinks();
    expect(second).not.toBe(first);
    await request(app).get(second!).expect(200);
    // Until it is used, nobody can sign in as the invited user: there is no password yet.
    const login = request.agent(app);
    const loginPage = await login.get('/login');
    await login.post('/login').type('form').send({ _csrf: csrfFrom(loginPage.text), email: 'late@example.com', password: 'any password at all' }).expect(401);
  });

  it('still lets an admin set a password instead, without sending a mail', async () => {
    const admin = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    await admin
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: await csrfOf(admin, '/admin/users/new'), email: 'direct@example.com', name: 'Dora Direct', role: 'member', password: 'a password passed on' })
      .expect(303);
    expect(await db.selectFrom('outbox').selectAll().execute()).toEqual([]);
    await signedInAgent(app, { email: 'direct@example.com', password: 'a password passed on' });
  });

  it('refuses an invitation to an address that is taken, keeping what was typed', async () => {
    const admin = await signedInAgent(app, await createUser(db, { role: 'admin', email: 'taken@example.com' }));
    const res = await invite(admin, 'taken@example.com', 'Tina Typed', 422);
    expect(res.text).toContain('A user with this email already exists');
    expect(res.text).toContain('value="Tina Typed"');
  });
});

describe('one\'s own account', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));

  const saved = (id: number) => db.selectFrom('user').select(['name', 'email']).where('id', '=', id).executeTakeFirstOrThrow();

  it('changes the name without a password, and the email only with the current password', async () => {
    const user = await createUser(db, { role: 'kam', email: 'kim@example.com', name: 'Kim' });
    const agent = await signedInAgent(app, user);
    const post = async (body: Record<string, string>, status: number) => {
      const csrf = await csrfOf(agent, '/account');
      return agent.post('/account').type('form').send({ _csrf: csrf, ...body }).expect(status);
    };

    await post({ name: 'Kim Berg', email: 'kim@example.com' }, 303);
    expect(await saved(user.id)).toEqual({ name: 'Kim Berg', email: 'kim@example.com' });

    const missing = await post({ name: 'Kim Berg', email: 'kim.berg@example.com' }, 422);
    expect(missing.text).toContain('Enter your current password to change your email');
    expect(missing.text).toContain('value="kim.berg@example.com"');
    expect((await post({ name: 'Kim Berg', email: 'kim.berg@example.com', currentPassword: 'not my password' }, 422)).text).toContain('This is not your current password');
    expect(await saved(user.id)).toEqual({ name: 'Kim Berg', email: 'kim@example.com' });

    await createUser(db, { email: 'other@example.com' });
    expect((await post({ name: 'Kim Berg', email: 'other@example.com', currentPassword: user.password }, 422)).text).toContain('Another user has this email');

    await post({ name: 'Kim Berg', email: 'kim.berg@example.com', currentPassword: user.password }, 303);
    expect(await saved(user.id)).toEqual({ name: 'Kim Berg', email: 'kim.berg@example.com' });
    await signedInAgent(app, { email: 'kim.berg@example.com', password: user.password });
    const audit = await db.selectFrom('audit_log').select(['event', 'subject']).where('event', '=', 'user.email_changed').execute();
    expect(audit).toEqual([{ event: 'user.email_changed', subject: 'kim.berg@example.com' }]);
  });

  it('changes the password with the current one and signs the other sessions out', async () => {
    const user = await createUser(db, { role: 'member' });
    const here = await signedInAgent(app, user);
    const elsewhere = await signedInAgent(app, user);
    const change = async (body: Record<string, string>, status: number) => {
      const csrf = await csrfOf(here, '/account');
      return here.post('/account/password').type('form').send({ _csrf: csrf, ...body }).expect(status);
    };

    expect((await change({ oldPassword: 'wrong', password: 'a brand new password', confirm: 'a brand new password' }, 422)).text).toContain('This is not your current password');
    expect((await change({ oldPassword: user.password, password: 'a brand new password', confirm: 'another password' }, 422)).text).toContain('The two passwords differ');
    await change({ oldPassword: user.password, password: 'a brand new password', confirm: 'a brand new password' }, 303);

    await here.get('/account').expect(200);
    expect((await elsewhere.get('/account')).headers.location).toMatch(/^\/login/);
    await signedInAgent(app, { email: user.email, password: 'a brand new password' });
  });
});
