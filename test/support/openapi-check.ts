/**
 * Checks the API's real answers against its own OpenAPI document: createTestApp records every
 * JSON answer under /api/v1, and after each test the answers are checked against the document
 * that app serves. A status the document does not list for the route, or a body its schema
 * refuses, fails the test that caused it.
 */
import request from 'supertest';
import type { Express } from 'express';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { API_PREFIX } from '../../src/api/openapi';

type Json = Record<string, unknown>;
interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
}
interface OpenApiLike {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components?: Json;
}

export interface RecordedAnswer {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

/** Checks answers against one document; returns what is wrong with an answer, or undefined. */
export function answerChecker(document: OpenApiLike): (answer: RecordedAnswer) => string | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: unknown) => {
    let validate = validators.get(key);
    // The schema's refs (#/components/schemas/…) resolve against the document's components.
    if (!validate) validators.set(key, (validate = ajv.compile({ ...(schema as Json), components: document.components ?? {} })));
    return validate;
  };
  const routes = Object.entries(document.paths).map(([template, item]) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    item,
  }));
  const errorSchema = { $ref: '#/components/schemas/Error' };

  return ({ method, url, status, body }) => {
    const path = new URL(url, 'http://x').pathname.slice(API_PREFIX.length) || '/';
    const where = `${method} ${url} → ${status}`;
    const route = routes.find((r) => r.pattern.test(path));
    const operation = route?.item[method.toLowerCase()];
    let schema: unknown;
    let key: string;
    if (!route || !operation) {
      // No such endpoint: the API's 404 (401 first without a key) with its error body.
      if (status !== 404 && status !== 401) return `${where}: the document describes no ${method} ${path}, yet it answered ${status}`;
      schema = errorSchema;
      key = 'Error';
    } else {
      const response = operation.responses?.[String(status)] ?? operation.responses?.[`${String(status)[0]}XX`];
      if (!response) return `${where}: status ${status} is not described for ${method} ${route.template}`;
      schema = response.content?.['application/json']?.schema;
      if (schema === undefined) return `${where}: the document gives no JSON body for status ${status}`;
      key = `${method} ${route.template} ${status}`;
    }
    const validate = validatorFor(key, schema);
    if (validate(body)) return undefined;
    return `${where}: the body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 600)}`;
  };
}

const recorded: { app: Express; answer: RecordedAnswer }[] = [];
const checkers = new Map<string, ReturnType<typeof answerChecker>>();

/** Makes the app record its JSON answers under /api/v1 (the app's own response prototype only). */
export function recordApiAnswers(app: Express): Express {
  const json = app.response.json;
  app.response.json = function recordJson(this: typeof app.response, body: unknown) {
    const url = this.req.originalUrl;
    if (url.startsWith(`${API_PREFIX}/`)) {
      // What the client receives: dates and other values as JSON writes them.
      recorded.push({ app, answer: { method: this.req.method, url, status: this.statusCode, body: body === undefined ? undefined : JSON.parse(JSON.stringify(body)) } });
    }
    return json.call(this, body);
  };
  return app;
}

/** Checks and clears what the apps answered since the last call; the list of mismatches. */
export async function checkRecordedAnswers(): Promise<string[]> {
  const answers = recorded.splice(0);
  const problems: string[] = [];
  const documents = new Map<Express, ReturnType<typeof answerChecker>>();
  for (const { app, answer } of answers) {
    // The document describes itself; checking that answer against itself proves nothing new.
    if (answer.url.startsWith(`${API_PREFIX}/openapi.json`)) continue;
    let check = documents.get(app);
    if (!check) {
      const served = await request(app).get(`${API_PREFIX}/openapi.json`).expect(200);
      const text = JSON.stringify({ paths: served.body.paths, components: served.body.components });
      check = checkers.get(text) ?? answerChecker(served.body as OpenApiLike);
      checkers.set(text, check);
      documents.set(app, check);
    }
    const problem = check(answer);
    if (problem) problems.push(problem);
  }
  return problems;
}
