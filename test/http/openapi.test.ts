import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import type { Express } from 'express';
import { z } from 'zod';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Db } from '../../src/db/database';
import { ROOT_DIR } from '../../src/paths';
import { buildOpenApiDocument, jsonResponse, openApiPath, type ApiOperations } from '../../src/api/openapi';
import { apiReferenceOf } from '../../src/api/api-docs';
import { createApiKey } from '../../src/api/api-key.service';
import { systemActor } from '../../src/auth/user';
import { createTestApp, createTestDb, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { registeredRoutes } from '../support/route-fixture';
import { answerChecker } from '../support/openapi-check';
import { eachTestGets } from '../support/per-test';

type Json = Record<string, any>;

/**
 * @seriousme/openapi-schema-validator is published as ESM only and finds its bundled JSON
 * schemas through import.meta.url, which a CommonJS transform of Jest cannot express; run as
 * published, in a child node process, it needs no Jest configuration at all.
 */
async function validateOpenApi(document: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  const script = [
    "import { Validator } from '@seriousme/openapi-schema-validator';",
    "let text = ''; process.stdin.setEncoding('utf8');",
    "process.stdin.on('data', (chunk) => { text += chunk; });",
    "process.stdin.on('end', async () => { process.stdout.write(JSON.stringify(await new Validator().validate(JSON.parse(text)))); });",
  ].join('\n');
  const child = promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT_DIR });
  child.child.stdin?.end(JSON.stringify(document));
  const { stdout } = await child;
  return JSON.parse(stdout);
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
function operationsOf(document: Json): { key: string; op: Json }[] {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, op: item[m] as Json })),
  );
}

describe('GET /api/v1/openapi.json', () => {
  let db: Db;
  let app: Express;
  let document: Json;
  beforeAll(async () => {
    db = await createTestDb();
    app = createTestApp(db, { config: { baseUrl: 'https://loop.example.com' } });
    document = (await request(app).get('/api/v1/openapi.json').expect(200).expect('Content-Type', /json/)).body;
  });
  afterAll(() => db.destroy());

  it('is a valid OpenAPI 3.1 document, served without an API key', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'https://loop.example.com/api/v1' }]);
    expect(await validateOpenApi(document)).toEqual({ valid: true });
  });

  it('describes every /api/v1 route the app registers, and no route it does not', () => {
    const registered = registeredRoutes(app)
      .filter((r) => r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${openApiPath(r.path.slice('/api/v1'.length))}`)
      .sort();
    expect(registered.length).toBeGreaterThan(10);
    expect(operationsOf(document).map((o) => o.key).sort()).toEqual(registered);
  });

  it('asks for the API key on every route but itself, and describes the one error body on every error', () => {
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.Error.required).toEqual(['error']);
    for (const { key, op } of operationsOf(document)) {
      const isSelf = key === 'GET /openapi.json';
      expect([key, op.security]).toEqual([key, isSelf ? [] : [{ apiKey: [] }]]);
      if (!isSelf) expect([key, Object.keys(op.responses)]).toEqual([key, expect.arrayContaining(['401', '500'])]);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        if (Number(status) >= 400) expect([key, status, response.content['application/json'].schema]).toEqual([key, status, { $ref: '#/components/schemas/Error' }]);
      }
    }
  });

  it('has an example for every request body and successful answer, and each example matches its schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const mismatches: string[] = [];
    const check = (where: string, media: Json | undefined) => {
      if (!media?.schema) return;
      const example = media.example ?? media.schema.example;
      if (example === undefined) return mismatches.push(`${where}: no example`);
      const validate = ajv.compile({ ...media.schema, components: document.components });
      if (!validate(example)) mismatches.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    };
    for (const { key, op } of operationsOf(document)) {
      if (key === 'GET /openapi.json') continue;
      check(`${key} request`, op.requestBody?.content['application/json']);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        if (Number(status) < 300) check(`${key} ${status}`, response.content?.['application/json']);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('describes request parameters and bodies with the schemas the routes parse with', async () => {
    const path = document.paths['/tickets'].get.parameters.find((p: Json) => p.name === 'status');
    expect(path.schema.enum).toEqual(['open', 'in_progress', 'resolved', 'closed', 'reopened']);
    // The route refuses an unknown field because TicketPatch is strict; the document says so too.
    expect(document.paths['/tickets/{id}'].patch.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const user = await createUser(db, { role: 'admin' });
    const { key } = await createApiKey(db, systemActor('test'), { name: 'docs', userId: user.id }, new Date());
    const refused = await request(app).patch('/api/v1/tickets/1').set('Authorization', `Bearer ${key}`).send({ colour: 'red' }).expect(422);
    expect(refused.body.error.fields).toEqual({ body: [expect.stringContaining('colour')] });
  });
});

describe('the answer checker used by every API test', () => {
  const document = buildOpenApiDocument({
    baseUrl: 'http://localhost',
    version: '1',
    operations: [{ 'GET /things/:id': { operationId: 'getThing', summary: 'A thing', responses: { 200: jsonResponse('The thing.', z.object({ id: z.number().int() })) }, errors: [404] } } satisfies ApiOperations],
  });
  const check = answerChecker(document as never);

  it('accepts an answer the document describes', () => {
    expect(check({ method: 'GET', url: '/api/v1/things/1', status: 200, body: { id: 1 } })).toBeUndefined();
    expect(check({ method: 'GET', url: '/api/v1/things/1?x=1', status: 404, body: { error: { code: 'not_found', message: 'Gone', fields: {} } } })).toBeUndefined();
  });

  it('refuses a status the route does not list, a body its schema refuses, and an answer of a route it does not describe', () => {
    expect(check({ method: 'GET', url: '/api/v1/things/1', status: 409, body: { error: { code: 'conflict', message: 'x', fields: {} } } })).toMatch(/status 409 is not described/);
    expect(check({ method: 'GET', url: '/api/v1/things/1', status: 200, body: { id: 'one' } })).toMatch(/does not match.*id must be integer/);
    expect(check({ method: 'GET', url: '/api/v1/things/1', status: 200, body: { id: 1, extra: true } })).toMatch(/additional properties/);
    expect(check({ method: 'DELETE', url: '/api/v1/things/1', status: 200, body: {} })).toMatch(/describes no DELETE/);
  });
});

describe('the webhooks section', () => {
  const Payload = z.object({ id: z.string(), type: z.literal('ticket.created'), data: z.object({ ticketId: z.number().int() }) });
  const document = buildOpenApiDocument({
    baseUrl: 'http://localhost',
    version: '1',
    operations: [],
    webhooks: {
      'ticket.created': {
        summary: 'A ticket was created',
        payload: Payload,
        example: { id: 'msg_1', type: 'ticket.created', data: { ticketId: 41 } },
        headers: z.object({ 'webhook-id': z.string(), 'webhook-timestamp': z.string(), 'webhook-signature': z.string() }),
      },
    },
  });

  it('describes each event as the POST an endpoint receives, and stays a valid document', async () => {
    const post = (document.webhooks as Json)['ticket.created'].post;
    expect(post.requestBody.content['application/json'].schema.properties.type).toEqual({ type: 'string', const: 'ticket.created' });
    expect(post.parameters.map((p: Json) => `${p.in} ${p.name}`)).toEqual(['header webhook-id', 'header webhook-timestamp', 'header webhook-signature']);
    expect(await validateOpenApi(document)).toEqual({ valid: true });
  });

  it('shows each event on the reference page with its payload fields', () => {
    const page = apiReferenceOf(document);
    expect(page.webhooks).toMatchObject([{ event: 'ticket.created', summary: 'A ticket was created', fields: [{ name: 'id' }, { name: 'type' }, { name: 'data' }, { name: 'data.ticketId' }] }]);
  });
});

describe('GET /api/docs', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('shows every operation of the document, with its parameters and example, from the app itself', async () => {
    const app = createTestApp(db);
    const document = (await request(app).get('/api/v1/openapi.json')).body;
    const page = await request(app).get('/api/docs').expect(200).expect('Content-Type', /html/);
    for (const { key, op } of operationsOf(document)) {
      const [method, path] = key.split(' ');
      expect([key, page.text]).toEqual([key, expect.stringContaining(`id="${op.operationId}" class="api-op__title"><span class="api-method api-method--${method!.toLowerCase()}">${method}</span> <code class="api-op__path">${path}</code>`)]);
    }
    expect(page.text).toContain('<code class="api-field__name">resolutionNote.sv</code>');
    expect(page.text).toContain('&#34;categoryId&#34;: 7');
    // Nothing is loaded from another host: every link and asset is on this app.
    const addresses = [...page.text.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(addresses.filter((a) => !a.startsWith('/') && !a.startsWith('#'))).toEqual([]);
  });

  it('is linked from the API keys page', async () => {
    const app = createTestApp(db);
    const admin = await createUser(db, { role: 'admin' });
    const page = await (await signedInAgent(app, admin)).get('/admin/api-keys').expect(200);
    expect(page.text).toContain('href="/api/docs"');
  });
});
