import request from 'supertest';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import type { Db } from '../../src/db/database';
import { csrfFrom, signedInAgent } from '../support/test-app';
import { concretePath, registeredRoutes, sharedRouteFixture, type RouteFixture } from '../support/route-fixture';

/**
 * Every state-changing route (POST, PUT, PATCH, DELETE) refuses a request without a CSRF token
 * with 403 and changes nothing. Documented exceptions: the bearer-key API (/api/v1, no cookies)
 * and the RFC 8058 one-click unsubscribe (a POST of `List-Unsubscribe=One-Click`, which mail
 * clients send without any token; it only opts its own link out).
 */
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const isException = (path: string) => path.startsWith('/api/v1/');
/** Pages whose forms anybody may post (the token is checked all the same). */
const isPublic = (path: string) => /^\/(login|s\/|f\/|u\/|invitations\/)/.test(path);

/** Bodies that would do something with a valid token, so the refusal is the token's doing. */
function bodyFor(path: string, f: RouteFixture): Record<string, string> {
  const bodies: Record<string, Record<string, string>> = {
    '/login': { email: f.users.admin.email, password: f.users.admin.password },
    '/admin/users/new': { email: 'new.user@example.com', name: 'New User', role: 'member', password: 'a long enough password' },
    '/admin/teams/new': { name: 'New team', email: 'new.team@example.com' },
    '/admin/api-keys': { name: 'New key', userId: String(f.users.admin.id) },
    '/admin/settings': { contactFrequencyDays: '30' },
    '/admin/webhooks/:id': { url: 'https://hooks.example.com/pds', events: 'ticket.created', isActive: 'on' },
    '/admin/organisation': { name: 'Forged AB', brandColour: '#112233', timeZone: 'Europe/Stockholm' },
    '/admin/suppressions/delete': { email: 'someone@example.com' },
    '/catalogue/new': { name_en: 'New category', name_sv: 'Ny kategori', name_da: 'Ny kategori' },
    '/campaigns/new': { name: 'Forged campaign', template: 'annual-pds', startMode: 'now', closesAt: '2026-12-31', reminderAfterDays: '7', reminderMax: '2' },
    '/tickets/:id/status': { status: 'resolved', note_en: 'Done', note_sv: 'Klart', note_da: 'Færdig' },
    '/tickets/:id/comments': { body: 'A forged comment' },
    '/customers/:id/contacts/new': { email: 'forged@example.com', name: 'Forged' },
    '/account': { name: 'Forged Name', email: f.users.admin.email },
    '/account/password': { oldPassword: f.users.admin.password, password: 'a forged new password', confirm: 'a forged new password' },
    '/campaigns/:id/schedule': { closesAt: '2027-01-01', reminderAfterDays: '3', reminderMax: '1' },
    '/campaigns/:id/reopen': { reopenClosesAt: '2027-01-01' },
    '/campaigns/:id/resend': { email: 'own.contact@own.example' },
    '/campaigns/:id/emerging': { group: String(f.mentionId), name_en: 'Forged', name_sv: 'Förfalskad', name_da: 'Forfalsket', mentionIds: String(f.mentionId) },
  };
  return bodies[path] ?? {};
}

/** Every table's rows but the sessions' (the session store touches its row on each request). */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => name !== 'session' && !name.startsWith('kysely_'));
  const result: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    const rows = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom(table).selectAll().execute();
    result[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return result;
}

describe('CSRF matrix: every state-changing route', () => {
  let db: Db;
  let app: Express;
  let fixture: RouteFixture;
  sharedRouteFixture((w) => ({ db, app, fixture } = w));

  const writes = () => registeredRoutes(app).filter((r) => WRITE_METHODS.includes(r.method) && !isException(r.path));

  it('covers the app\'s forms (the walk finds the routes)', () => {
    expect(writes().length).toBeGreaterThan(40);
  });

  it('refuses each without a token with 403 and changes nothing', async () => {
    const admin = await signedInAgent(app, fixture.users.admin);
    // The KAM's reminder is the KAM's own: an admin would be refused before the token matters.
    const kam = await signedInAgent(app, fixture.users.kam);
    const refusals: string[] = [];
    for (const { method, path } of writes()) {
      const agent = isPublic(path) ? request.agent(app) : path.startsWith('/kam/') ? kam : admin;
      const url = concretePath(path, fixture);
      const before = await snapshot(db);
      const verb = method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
      const res = await agent[verb](url).type('form').send(bodyFor(path, fixture));
      const after = await snapshot(db);
      const changed = Object.keys(after).filter((t) => JSON.stringify(after[t]) !== JSON.stringify(before[t]));
      if (res.status !== 403 || changed.length) refusals.push(`${method} ${path}: ${res.status}${changed.length ? `, changed ${changed.join(', ')}` : ''}`);
    }
    expect(refusals).toEqual([]);
  }, 120_000);

  it('does change something with the token (the bodies above are real writes)', async () => {
    const admin = await signedInAgent(app, fixture.users.admin);
    const csrf = csrfFrom((await admin.get('/')).text);
    const before = await snapshot(db);
    await admin.post('/admin/teams/new').type('form').send({ _csrf: csrf, ...bodyFor('/admin/teams/new', fixture) }).expect(303);
    await admin.post(`/tickets/${fixture.ticket.id}/comments`).type('form').send({ _csrf: csrf, ...bodyFor('/tickets/:id/comments', fixture) }).expect(303);
    const after = await snapshot(db);
    expect(after.team!.length).toBe(before.team!.length + 1);
    expect(JSON.stringify(after)).toContain('A forged comment');
  });

  it('lets the one-click unsubscribe through without a token (RFC 8058), the documented exception', async () => {
    const res = await request(app).post(`/u/${fixture.invitation.token}`).type('form').send({ 'List-Unsubscribe': 'One-Click' });
    expect(res.status).toBe(200);
  });
});
