/**
 * The OpenAPI 3.1 description of /api/v1, built from the zod schemas the routes parse with.
 * Each feature's `*.api.ts` exports its operations next to its router, keyed the way the route
 * is registered (`'GET /campaigns/:id'`); app.ts hands them all to `openApiRoutes`.
 */
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';

/** Where the API is mounted; operation keys are relative to it. */
export const API_PREFIX = '/api/v1';
export const API_KEY_SCHEME = 'apiKey';

export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** Error statuses an operation may answer; each has one description and the one error body. */
export const API_ERROR_STATUSES = {
  400: 'The body is not valid JSON, or a query parameter fails its check (`bad_request`; the message names it).',
  401: 'No API key, or an unknown or revoked one (`unauthorized`, with `WWW-Authenticate: Bearer`).',
  403: "The key's user may not do this (`forbidden`).",
  404: 'A path id that is not an id, or an object that does not exist or the user may not see (`not_found`).',
  409: "The object's state does not allow it (`conflict`).",
  413: 'The body is larger than the endpoint accepts (`too_large`).',
  415: "The body's Content-Type is not one the endpoint reads (`unsupported_media_type`).",
  422: 'The input is well-formed but breaks a rule (`invalid`); `fields` says which, keyed by JSON path.',
  429: 'Too many attempts; wait and try again (`too_many_requests`).',
  500: 'A failure on our side (`internal`); logged with the request id.',
  503: 'The database is busy; try again in a moment (`unavailable`).',
} as const;
export type ApiErrorStatus = keyof typeof API_ERROR_STATUSES;

/** The one error body of the whole API (`sendApiError` in src/shared/error-handler.ts). */
export const ApiErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, for programs: `bad_request`, `unauthorized`, `forbidden`, `not_found`, `conflict`, `too_large`, `unsupported_media_type`, `invalid`, `too_many_requests`, `internal`, `unavailable`.' }),
      message: z.string().meta({ description: 'For people; may change. Never carries internal details.' }),
      fields: z.record(z.string(), z.array(z.string())).meta({ description: 'Messages per input field (a JSON path such as `contacts.0.email`, or a query parameter); `{}` when the error is not about one field.' }),
    }),
  })
  .meta({
    id: 'Error',
    description: 'Every error of the API, whatever its cause, has this body.',
    example: { error: { code: 'invalid', message: 'Invalid request: names.sv: Enter a name', fields: { 'names.sv': ['Enter a name'] } } },
  });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/**
 * One documented route. `responses` holds its successful answers; `errors` lists the error
 * statuses it may answer besides those every route may (401, 500, 503, and 400 and 413 for a
 * route that reads a body). `isPublic` marks a route that needs no API key.
 */
export interface ApiOperation extends Omit<ZodOpenApiOperationObject, 'responses' | 'security' | 'operationId'> {
  operationId: string;
  summary: string;
  responses: ZodOpenApiResponsesObject;
  errors?: ApiErrorStatus[];
  isPublic?: boolean;
}

/** A feature's operations, keyed `'<METHOD> <path as registered under /api/v1>'`. */
export type ApiOperations = Record<`${ApiMethod} /${string}`, ApiOperation>;

/**
 * One webhook event (OpenAPI 3.1 `webhooks`): the POST PDS Loop sends to a registered endpoint.
 * The payload schema is the zod schema the sender builds its body with.
 */
export interface ApiWebhook {
  summary: string;
  description?: string;
  payload: z.ZodType;
  example?: unknown;
  /** Headers sent with every delivery (for example the Standard Webhooks signature headers). */
  headers?: z.ZodObject;
}
export type ApiWebhooks = Record<string, ApiWebhook>;

export interface OpenApiInput {
  operations: readonly ApiOperations[];
  webhooks?: ApiWebhooks;
  /** The public address of the app (`BASE_URL`); the server URL is it plus /api/v1. */
  baseUrl: string;
  version: string;
}

/** `application/json` content with a schema and an example, for requests and responses. */
export function jsonContent(schema: z.ZodType, example?: unknown) {
  return { 'application/json': example === undefined ? { schema } : { schema, example } };
}

/** A successful JSON answer. */
export function jsonResponse(description: string, schema: z.ZodType, example?: unknown): ZodOpenApiResponseObject {
  return { description, content: jsonContent(schema, example) };
}

/** `/campaigns/:id` → `/campaigns/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** Splits an operation key into its method and path. */
export function parseOperationKey(key: string): { method: ApiMethod; path: string } {
  const match = /^([A-Z]+) (\/\S*)$/.exec(key);
  const method = match?.[1] as ApiMethod | undefined;
  if (!match?.[2] || !method || !API_METHODS.includes(method)) throw new Error(`bad API operation key "${key}"`);
  return { method, path: match[2] };
}

function errorResponse(status: ApiErrorStatus): ZodOpenApiResponseObject {
  return { description: API_ERROR_STATUSES[status], content: jsonContent(ApiErrorBody) };
}

const AUTHENTICATION = [
  'Every endpoint except this description is authenticated with an API key sent as `Authorization: Bearer pds_…`.',
  'An admin creates a key on the API keys page (or with `pds-loop apikey:create`); it is shown once, stored only as a hash, and acts as the user it was created for,',
  'so the API applies exactly the policies the pages apply to that user. Revoking a key stops it at once. The API uses no session and no CSRF token.',
].join(' ');

function operationObject({ errors = [], isPublic = false, ...operation }: ApiOperation): ZodOpenApiOperationObject {
  const statuses = new Set<ApiErrorStatus>(errors);
  if (!isPublic) statuses.add(401);
  if (operation.requestBody) {
    statuses.add(400);
    statuses.add(413);
  }
  statuses.add(500);
  statuses.add(503);
  const responses: ZodOpenApiResponsesObject = { ...operation.responses };
  for (const status of [...statuses].sort((a, b) => a - b)) responses[`${status}`] = errorResponse(status);
  return { ...operation, responses, security: isPublic ? [] : [{ [API_KEY_SCHEME]: [] }] };
}

/**
 * The whole document. Throws when two features describe the same route, so a clash is found
 * when the app starts rather than by a client.
 */
export function buildOpenApiDocument({ operations, webhooks = {}, baseUrl, version }: OpenApiInput) {
  const paths: ZodOpenApiPathsObject = {};
  const operationIds = new Set<string>();
  for (const group of operations) {
    for (const [key, operation] of Object.entries(group)) {
      const { method, path } = parseOperationKey(key);
      const item = (paths[openApiPath(path)] ??= {});
      const verb = method.toLowerCase() as Lowercase<ApiMethod>;
      if (item[verb]) throw new Error(`API operation ${key} is described twice`);
      if (operationIds.has(operation.operationId)) throw new Error(`API operationId ${operation.operationId} is used twice`);
      operationIds.add(operation.operationId);
      item[verb] = operationObject(operation);
    }
  }
  const document: ZodOpenApiObject = {
    openapi: '3.1.0',
    info: {
      title: 'PDS Loop API',
      version,
      description: [
        'The JSON API of PDS Loop: contacts, campaigns, ranked problems and coding, the problem catalogue, routing and tickets.',
        AUTHENTICATION,
        'Every error answers one body, `{ "error": { "code", "message", "fields" } }` (schema `Error`).',
      ].join('\n\n'),
    },
    servers: [{ url: `${baseUrl.replace(/\/+$/, '')}${API_PREFIX}` }],
    security: [{ [API_KEY_SCHEME]: [] }],
    paths,
    webhooks: webhookPaths(webhooks),
    components: {
      securitySchemes: {
        [API_KEY_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'pds_…', description: AUTHENTICATION },
      },
      schemas: { Error: ApiErrorBody },
    },
  };
  return createDocument(document, { override: dropSafeIntegerBounds });
}

/** `z.number().int()` renders ±2^53−1 as bounds; they say nothing to a reader and clutter every integer. */
function dropSafeIntegerBounds({ jsonSchema }: { jsonSchema: { minimum?: number; maximum?: number } }): void {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

function webhookPaths(webhooks: ApiWebhooks): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const [event, webhook] of Object.entries(webhooks)) {
    paths[event] = {
      post: {
        operationId: `webhook_${event.replace(/[^A-Za-z0-9]+/g, '_')}`,
        summary: webhook.summary,
        ...(webhook.description ? { description: webhook.description } : {}),
        ...(webhook.headers ? { requestParams: { header: webhook.headers } } : {}),
        requestBody: { required: true, content: jsonContent(webhook.payload, webhook.example) },
        responses: { '2XX': { description: 'Received; any 2xx status counts as delivered.' } },
        security: [],
      },
    };
  }
  return paths;
}
