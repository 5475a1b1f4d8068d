import { Writable } from 'node:stream';
import { sql } from 'kysely';
import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createLogger } from '../../src/shared/logger';
import { createApiKey } from '../../src/api/api-key.service';
import { systemActor } from '../../src/auth/user';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { testEngine } from '../support/test-database';
import { eachTestGets } from '../support/per-test';
import { createCampaign } from '../support/analysis-factories';

/** A logger whose JSON lines the test can read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

const PINO_ERROR = 50;
const errorLines = (lines: Record<string, unknown>[]) => lines.filter((line) => Number(line.level) >= PINO_ERROR);
/** The request id pino-http gave the request, from its access line. */
// How each engine words a query on a table that is gone.
const MISSING_TABLE = testEngine === 'sqlite' ? 'no such table' : 'does not exist';
const accessReqId = (lines: Record<string, unknown>[]) => (lines.find((line) => line.req) as { req: { id: unknown } } | undefined)?.req.id;

describe('the error contract', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function apiKeyFor(role: 'admin' | 'manager' | 'member') {
    const user = await createUser(db, { role });
    return { user, auth: `Bearer ${(await createApiKey(db, systemActor('test'), { name: `${role} key`, userId: user.id }, new Date())).key}` };
  }

  it('answers a query parameter that fails its schema with 400 and a message naming it, and logs it as a warning', async () => {
    const { logger, lines } = capturedLogger();
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db, { deps: { logger } }), manager);

    const res = await agent.get(`/customers?q=${'x'.repeat(201)}`);

    expect(res.status).toBe(400);
    expect(res.text).toContain('Bad request');
    expect(res.text).toContain('This address has a value the page cannot use (q).');
    expect(res.text).not.toContain('Invalid input');
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'bad request', userId: manager.id, reason: expect.stringContaining('q:') }));
    const repeated = await request(createTestApp(db)).get('/login?next=/a&next=/b');
    expect(repeated.status).toBe(400);
    expect(repeated.text).toContain('(next)');
  });

  it('names a mangled filter of an address in the reader\'s language, not the parser\'s English', async () => {
    const manager = await createUser(db, { role: 'manager' });
    await db.updateTable('user').set({ language: 'sv' }).where('id', '=', manager.id).execute();
    const agent = await signedInAgent(createTestApp(db), manager);
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });

    const res = await agent.get(`/campaigns/${campaign.id}/problems?kam=abc&segment=x`).expect(400);

    expect(res.text).toContain('Felaktig begäran');
    expect(res.text).toContain('Adressen har ett värde som sidan inte kan använda (kam).');
    expect(res.text).not.toMatch(/Invalid|expected number/);
  });

  it('answers a path id that is not an id with 404, on pages and in the API', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), manager);
    for (const url of ['/customers/abc', '/customers/0', '/customers/1.5', '/customers/1/contacts/x']) {
      const res = await agent.get(url);
      expect(res.status).toBe(404);
      expect(res.text).toContain('There is no page at this address');
    }
    const { auth } = await apiKeyFor('manager');
    const api = await request(createTestApp(db)).get('/api/v1/tickets/abc').set('Authorization', auth);
    expect(api.status).toBe(404);
    expect(api.body).toEqual({ error: { code: 'not_found', message: 'There is no page at this address, or you may not see it.', fields: {} } });
  });

  it('answers every API error with one body: { error: { code, message, fields } }', async () => {
    const app = createTestApp(db);
    const member = await apiKeyFor('member');
    const manager = await apiKeyFor('manager');
    const body = { contacts: [{ customer: 'Acme', email: 'a@acme.example' }] };
    const cases: [string, request.Test, number, string][] = [
      ['no key', request(app).post('/api/v1/contacts').send(body), 401, 'unauthorized'],
      ['unknown key', request(app).post('/api/v1/contacts').set('Authorization', 'Bearer pds_nope').send(body), 401, 'unauthorized'],
      ['role', request(app).post('/api/v1/contacts').set('Authorization', member.auth).send(body), 403, 'forbidden'],
      ['no route', request(app).get('/api/v1/nothing-here').set('Authorization', manager.auth), 404, 'not_found'],
      ['bad JSON', request(app).post('/api/v1/contacts').set('Authorization', manager.auth).set('Content-Type', 'application/json').send('{"contacts": ['), 400, 'bad_request'],
      ['not contacts', request(app).post('/api/v1/contacts').set('Authorization', manager.auth).send({ people: [] }), 400, 'bad_request'],
      ['media type', request(app).post('/api/v1/contacts').set('Authorization', manager.auth).set('Content-Type', 'text/plain').send('hello'), 415, 'unsupported_media_type'],
    ];
    for (const [name, call, status, code] of cases) {
      const res = await call;
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(res.body.error).toEqual({ code, message: expect.any(String), fields: expect.any(Object) });
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
    expect(await db.selectFrom('contact').selectAll().execute()).toEqual([]);
  });

  it('logs a failing page request exactly once, with the request id and the user id, and shows no detail', async () => {
    const { logger, lines } = capturedLogger();
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db, { deps: { logger } }), manager);
    await sql`alter table customer rename to customer_gone`.execute(db);
    lines.length = 0;

    const res = await agent.get('/customers');

    expect(res.status).toBe(500);
    expect(res.text).toContain('Something went wrong on our side');
    expect(res.text).not.toContain(MISSING_TABLE);
    const errors = errorLines(lines);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'request failed', reqId: accessReqId(lines), userId: manager.id, url: '/customers' });
    expect(errors[0]!.reqId).toBeDefined();
    expect((errors[0]!.err as { message: string }).message).toContain(MISSING_TABLE);
  });

  it('logs a failing API request exactly once, with the request id and the user the key acts as, and answers the one body', async () => {
    const { logger, lines } = capturedLogger();
    const { user, auth } = await apiKeyFor('manager');
    await sql`alter table contact rename to contact_gone`.execute(db);

    const res = await request(createTestApp(db, { deps: { logger } }))
      .post('/api/v1/contacts')
      .set('Authorization', auth)
      .send({ contacts: [{ customer: 'Acme', email: 'a@acme.example' }] });

    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.', fields: {} } });
    const errors = errorLines(lines);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'request failed', reqId: accessReqId(lines), userId: user.id });
  });
});
