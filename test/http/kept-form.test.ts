import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createTicket } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

// The site's own address in tests (BASE_URL's default).
const ORIGIN = 'http://localhost:3000';

describe('a form sent after the session ran out', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function setup() {
    const team = await createTeam(db, { name: 'Logistics' });
    const member = await createUser(db, { role: 'member', teamId: team.id, name: 'Mia Member' });
    const ticket = await createTicket(db, { teamId: team.id, title: 'Late deliveries' });
    const app = createTestApp(db);
    const agent = await signedInAgent(app, member);
    const _csrf = await csrfOf(agent, `/tickets/${ticket.id}`);
    // The session runs out while the comment is being written.
    await db.updateTable('session').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    return { member, ticket, agent, _csrf, app };
  }

  async function signInAgain(agent: request.Agent, member: { email: string; password: string }, next: string) {
    const login = await agent.get(`/login?next=${encodeURIComponent(next)}`).expect(200);
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email: member.email, password: member.password, next }).expect(303);
    return { login, location: res.headers.location as string };
  }

  it('asks to sign in, then shows the form page with the typed text, unsent and with a fresh CSRF token', async () => {
    const { member, ticket, agent, _csrf } = await setup();
    const page = `${ORIGIN}/tickets/${ticket.id}`;
    const sent = await agent
      .post(`/tickets/${ticket.id}/comments`)
      .set('Origin', ORIGIN)
      .set('Referer', page)
      .type('form')
      .send({ _csrf, body: 'Called the <carrier> twice; "no answer" yet.' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/login?next=${encodeURIComponent(`/tickets/${ticket.id}`)}`);

    const { login, location } = await signInAgain(agent, member, `/tickets/${ticket.id}`);
    expect(login.text).toContain('Your session has ended. Sign in again: what you typed is kept, and you can check it and send it again.');
    expect(location).toBe(`/tickets/${ticket.id}`);

    const back = await agent.get(location).expect(200);
    expect(back.text).toContain('<textarea id="body" name="body">Called the &lt;carrier&gt; twice; &quot;no answer&quot; yet.</textarea>');
    expect(back.text).toContain('What you typed before signing in is back in the form. Check it and send it again.');
    // Nothing was sent: no comment exists until the form is sent again.
    expect(await db.selectFrom('ticket_activity').select('id').where('action', '=', 'comment').execute()).toEqual([]);
    // The old token does not work; the page's new one does.
    await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf, body: 'replayed' }).expect(403);
    await agent.post(`/tickets/${ticket.id}/comments`).type('form').send({ _csrf: csrfFrom(back.text), body: 'Sent again' }).expect(303);
    // Shown once: the next visit shows an empty form.
    const again = await agent.get(location).expect(200);
    expect(again.text).toContain('<textarea id="body" name="body"></textarea>');
  });

  it('keeps nothing from another site, and never a password', async () => {
    const { member, ticket, agent, _csrf } = await setup();
    const fromElsewhere = await agent
      .post(`/tickets/${ticket.id}/comments`)
      .set('Origin', 'https://evil.example')
      .set('Referer', `https://evil.example/tickets/${ticket.id}`)
      .type('form')
      .send({ _csrf, body: 'Planted text' });
    expect(fromElsewhere.status).toBe(403);

    await agent
      .post('/account/password')
      .set('Origin', ORIGIN)
      .set('Referer', `${ORIGIN}/account`)
      .type('form')
      .send({ _csrf, oldPassword: member.password, password: 'a-new-secret-123', confirm: 'a-new-secret-123' })
      .expect(303);
    const stored = await db.selectFrom('session').select('data').execute();
    expect(stored.map((s) => s.data).join('\n')).not.toMatch(/Planted text|a-new-secret-123|correct horse battery|oldPassword/);

    const { location } = await signInAgain(agent, member, `/tickets/${ticket.id}`);
    const back = await agent.get(location).expect(200);
    expect(back.text).not.toContain('Planted text');
    expect(back.text).toContain('<textarea id="body" name="body"></textarea>');
  });
});
