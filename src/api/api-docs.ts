/**
 * The API reference page's content, read from the OpenAPI document (never written by hand, so
 * the page says what the document says). Text keeps its `code` spans as segments for the view.
 */
import { API_ERROR_STATUSES, type ApiErrorStatus } from './openapi';

type Json = Record<string, unknown>;

/** Text split on backticks: the view shows `code` segments as code, everything escaped. */
export type Segments = { text: string; isCode: boolean }[];

export interface FieldRow {
  /** A dotted path: `audience.segment`, `contacts[].email`. */
  name: string;
  depth: number;
  type: string;
  isRequired: boolean;
  description: Segments;
  /** Each rule's values (a pattern, a default) are `code` segments. */
  rules: Segments[];
}

export interface ParameterRow extends FieldRow {
  location: string;
}

export interface OperationView {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: Segments;
  isPublic: boolean;
  parameters: ParameterRow[];
  bodies: { mediaType: string; fields: FieldRow[]; example: string | null }[];
  responses: { status: string; description: Segments; fields: FieldRow[]; example: string | null }[];
  errors: { status: string; anchor: string }[];
}

export interface WebhookView {
  anchor: string;
  event: string;
  summary: string;
  description: Segments;
  headers: ParameterRow[];
  fields: FieldRow[];
  example: string | null;
}

export interface ApiReference {
  apiTitle: string;
  version: string;
  serverUrl: string;
  intro: Segments[];
  authentication: Segments;
  groups: { tag: string; anchor: string; operations: OperationView[] }[];
  webhooks: WebhookView[];
  errorStatuses: { status: string; anchor: string; description: Segments }[];
  errorExample: string;
}

export function segmentsOf(text: unknown): Segments {
  if (typeof text !== 'string' || !text) return [];
  return text.split('`').map((part, i) => ({ text: part, isCode: i % 2 === 1 })).filter((s) => s.text !== '');
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const asObject = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const pretty = (v: unknown): string | null => (v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v, null, 2));
const MAX_DEPTH = 6;

/** Follows `#/components/schemas/…` refs inside the document. */
function resolver(document: Json) {
  return function resolve(schema: unknown): Json {
    let s = asObject(schema);
    for (let hops = 0; typeof s.$ref === 'string' && hops < 10; hops++) {
      const target = (s.$ref as string).replace(/^#\//, '').split('/').reduce<unknown>((node, key) => asObject(node)[key], document);
      const { $ref: _ref, ...rest } = s;
      s = { ...asObject(target), ...rest };
    }
    return s;
  };
}

function describeType(schema: Json, resolve: (s: unknown) => Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.length === 1 ? JSON.stringify(schema.enum[0]) : `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if ('const' in schema) return JSON.stringify(schema.const);
  const variants = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants)) return variants.map((v) => describeType(resolve(v), resolve)).join(' or ');
  const type = schema.type;
  const name = Array.isArray(type) ? type.join(' or ') : typeof type === 'string' ? type : 'any';
  if (name === 'array') return `list of ${describeType(resolve(schema.items), resolve)}`;
  if (name === 'object' && !schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return `map of ${describeType(resolve(schema.additionalProperties), resolve)}`;
  }
  return typeof schema.format === 'string' ? `${name} (${schema.format})` : name;
}

function rulesOf(schema: Json): Segments[] {
  const rules: string[] = [];
  const n = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const minLength = n('minLength');
  if (minLength !== undefined) rules.push(minLength === 1 ? 'not empty' : `at least ${minLength} characters`);
  if (n('maxLength') !== undefined) rules.push(`at most ${n('maxLength')} characters`);
  if (n('minimum') !== undefined) rules.push(`≥ ${n('minimum')}`);
  if (n('exclusiveMinimum') !== undefined) rules.push(`> ${n('exclusiveMinimum')}`);
  if (n('maximum') !== undefined) rules.push(`≤ ${n('maximum')}`);
  if (n('maxItems') !== undefined) rules.push(`at most ${n('maxItems')} items`);
  if (typeof schema.pattern === 'string') rules.push(`matches \`${schema.pattern}\``);
  if (schema.additionalProperties === false && schema.properties) rules.push('no other fields');
  if ('default' in schema) rules.push(`default \`${JSON.stringify(schema.default)}\``);
  return rules.map(segmentsOf);
}

/** The fields of a schema as rows, nested objects and lists of objects flattened with dotted names. */
export function fieldRows(schema: unknown, resolve: (s: unknown) => Json, prefix = '', depth = 0): FieldRow[] {
  const s = resolve(schema);
  const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants)) {
    // A nullable object, or one of several shapes: list the fields of each object shape.
    return variants.flatMap((v) => {
      const r = resolve(v);
      return r.type === 'object' || r.type === 'array' ? fieldRows(r, resolve, prefix, depth) : [];
    });
  }
  if (s.type === 'array') {
    const items = resolve(s.items);
    return items.type === 'object' || items.anyOf ? fieldRows(items, resolve, `${prefix}[]`, depth) : [];
  }
  if (s.type !== 'object' || !s.properties || depth >= MAX_DEPTH) return [];
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  return Object.entries(asObject(s.properties)).flatMap(([key, value]) => {
    const field = resolve(value);
    const name = prefix ? `${prefix}.${key}` : key;
    const row: FieldRow = { name, depth, type: describeType(field, resolve), isRequired: required.has(key), description: segmentsOf(field.description), rules: rulesOf(field) };
    return [row, ...fieldRows(field, resolve, name, depth + 1)];
  });
}

function exampleOf(media: Json, resolve: (s: unknown) => Json): string | null {
  if ('example' in media) return pretty(media.example);
  const schema = resolve(media.schema);
  return 'example' in schema ? pretty(schema.example) : null;
}

function parameterRows(parameters: unknown, resolve: (s: unknown) => Json): ParameterRow[] {
  return (Array.isArray(parameters) ? parameters : []).map((p) => {
    const param = resolve(p);
    const schema = resolve(param.schema);
    return {
      name: String(param.name),
      location: String(param.in),
      depth: 0,
      type: describeType(schema, resolve),
      isRequired: param.required === true,
      description: segmentsOf(param.description ?? schema.description),
      rules: rulesOf(schema),
    };
  });
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const errorAnchor = (status: string) => `error-${status}`;

function operationView(method: string, path: string, op: Json, resolve: (s: unknown) => Json): OperationView {
  const responses = Object.entries(asObject(op.responses));
  const body = asObject(resolve(op.requestBody).content);
  const isError = (status: string) => status in API_ERROR_STATUSES;
  return {
    anchor: String(op.operationId ?? slug(`${method} ${path}`)),
    method: method.toUpperCase(),
    path,
    summary: String(op.summary ?? ''),
    description: segmentsOf(op.description),
    isPublic: Array.isArray(op.security) && op.security.length === 0,
    parameters: parameterRows(op.parameters, resolve),
    bodies: Object.entries(body).map(([mediaType, media]) => ({ mediaType, fields: fieldRows(asObject(media).schema, resolve), example: exampleOf(asObject(media), resolve) })),
    responses: responses
      .filter(([status]) => !isError(status))
      .map(([status, response]) => {
        const media = asObject(asObject(asObject(response).content)['application/json']);
        return { status, description: segmentsOf(asObject(response).description), fields: fieldRows(media.schema, resolve), example: exampleOf(media, resolve) };
      }),
    errors: responses.filter(([status]) => isError(status)).map(([status]) => ({ status, anchor: errorAnchor(status) })),
  };
}

/** Everything the reference page shows, grouped by tag in the order the document first names each. */
export function apiReferenceOf(documentObject: object): ApiReference {
  const document = documentObject as Json;
  const resolve = resolver(document);
  const info = asObject(document.info);
  const groups = new Map<string, OperationView[]>();
  for (const [path, item] of Object.entries(asObject(document.paths))) {
    for (const method of METHODS) {
      const op = asObject(asObject(item)[method]);
      if (!Object.keys(op).length) continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'Other';
      groups.set(tag, [...(groups.get(tag) ?? []), operationView(method, path, op, resolve)]);
    }
  }
  const webhooks = Object.entries(asObject(document.webhooks)).map(([event, item]): WebhookView => {
    const op = asObject(asObject(item).post);
    const media = asObject(asObject(asObject(op.requestBody).content)['application/json']);
    return {
      anchor: `webhook-${slug(event)}`,
      event,
      summary: String(op.summary ?? ''),
      description: segmentsOf(op.description),
      headers: parameterRows(op.parameters, resolve),
      fields: fieldRows(media.schema, resolve),
      example: exampleOf(media, resolve),
    };
  });
  const scheme = Object.values(asObject(asObject(document.components).securitySchemes))[0];
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const statuses = Object.keys(API_ERROR_STATUSES) as unknown as ApiErrorStatus[];
  return {
    apiTitle: String(info.title ?? 'API'),
    version: String(info.version ?? ''),
    serverUrl: String(asObject(servers[0]).url ?? ''),
    intro: String(info.description ?? '').split('\n\n').map(segmentsOf),
    authentication: segmentsOf(asObject(scheme).description),
    groups: [...groups].map(([tag, operations]) => ({ tag, anchor: `tag-${slug(tag)}`, operations })),
    webhooks,
    errorStatuses: statuses.map((status) => ({ status: String(status), anchor: errorAnchor(String(status)), description: segmentsOf(API_ERROR_STATUSES[status]) })),
    errorExample: pretty(resolve({ $ref: '#/components/schemas/Error' }).example) ?? '',
  };
}
