import express, { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canImportContacts } from './customer.policy';
import { decodeCsvBody, parseContactsCsv, rowsFromJson, type ImportRowInput, type RowError } from './contact-import';
import { importContacts } from './contact-import.service';
import { syncContacts } from './contact-sync.service';
import { ContactSyncBody, ContactSyncQuery, ContactSyncReport } from './customer.schemas';
import { BadRequestError, UnsupportedMediaTypeError } from '../shared/errors';
import { parseBody, parseInput } from '../shared/input';
import { jsonContent, jsonResponse, type ApiOperations } from '../api/openapi';
import { ContactImportJsonBody, ContactImportReportJson } from './customer.schemas';

/**
 * `POST /api/v1/contacts`: the rows of the contacts CSV as `text/csv`, or as JSON
 * (`{ "contacts": [ … ] }` or a bare array). Answers `{ created, updated, unchanged, errors }`,
 * where each error's `line` is the CSV line, or the array position counted from 1.
 *
 * `PUT /api/v1/contacts/sync?source=…[&dryRun=true]`: the full list of one source's active
 * contacts; answers the ContactSyncReport (see contact-sync.service.ts).
 */
export function contactApiRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  // Raw bytes, decoded strictly here: express.text() would replace bytes that are not UTF-8 with
  // U+FFFD and the names would be stored garbled.
  router.post('/contacts', requirePolicy(canImportContacts), express.raw({ type: 'text/csv', limit: '5mb' }), async (req, res) => {
    let input;
    if (req.is('text/csv')) {
      input = csvRowsOf(req);
    } else if (req.is('application/json')) {
      input = rowsFromJson(req.body);
      if (!input) throw new BadRequestError('Send { "contacts": [ … ] } or an array of contacts.');
    } else {
      throw new UnsupportedMediaTypeError('Send the contacts as application/json or text/csv.');
    }
    const report = await importContacts(db, currentUser(res), input, clock());
    // Each rejected row's problem in English; the key and values are for the pages.
    res.json({ ...report, errors: report.errors.map(({ line, message }) => ({ line, message })) } satisfies ContactImportReportJson);
  });

  // The full list of one source's active contacts, as CSV (source in the query) or JSON.
  router.put('/contacts/sync', requirePolicy(canImportContacts), express.raw({ type: 'text/csv', limit: SYNC_LIMIT }), async (req, res) => {
    const query = parseInput(ContactSyncQuery, req.query);
    let source = query.source;
    let input: { rows: ImportRowInput[]; errors: RowError[] };
    if (req.is('text/csv')) {
      input = csvRowsOf(req);
    } else if (req.is('application/json')) {
      const body = parseBody(ContactSyncBody, req.body);
      if (body.source && source && body.source !== source) throw new BadRequestError(`The query names the source "${source}" and the body "${body.source}": name one.`);
      source ??= body.source;
      input = rowsFromJson(body.contacts.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null))))!;
    } else {
      throw new UnsupportedMediaTypeError('Send the contacts as application/json or text/csv.');
    }
    if (!source) throw new BadRequestError('Name the source the list comes from: ?source=<name> (or "source" in the JSON body).', { source: ['Required'] });
    const report = await syncContacts(db, currentUser(res), { source, ...input, dryRun: query.dryRun, allowEmpty: query.allowEmpty }, clock());
    res.json(ContactSyncReport.parse(report));
  });

  return router;
}

/** The largest sync list accepted (a CSV or JSON of about 50,000 contacts). */
export const SYNC_LIMIT = '10mb';

/** The charset parameter of a Content-Type header, if any. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

/** The OpenAPI description of the routes above; a route missing here fails test/http/openapi.test.ts. */
/** The rows of a text/csv body, decoded strictly by its declared (or detected) charset. @throws BadRequestError */
function csvRowsOf(req: express.Request): { rows: ImportRowInput[]; errors: RowError[] } {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const decoded = decodeCsvBody(body, charsetOf(req.get('content-type')));
  if (!decoded.ok) throw new BadRequestError(decoded.message, {}, decoded.vars ?? {});
  const parsed = parseContactsCsv(decoded.text, decoded.encoding);
  if (!parsed.ok) throw new BadRequestError(parsed.message, {}, parsed.vars ?? {});
  return parsed;
}

export const contactApiOperations: ApiOperations = {
  'POST /contacts': {
    operationId: 'importContacts',
    tags: ['Contacts'],
    summary: 'Import contacts',
    description:
      'Adds and updates customers and their contacts, as the contacts CSV import does: contacts are matched on email, customers on `customer_ref`, else on name. ' +
      'Send the CSV itself as `text/csv` (UTF-8, or declare `charset=windows-1252`; up to 5 MB) or JSON (up to 1 MB). ' +
      'Good rows are imported in one transaction; each rejected row is reported in `errors` and nothing else about it changes. Importing the same rows again changes nothing.',
    requestBody: {
      required: true,
      content: {
        ...jsonContent(ContactImportJsonBody, { contacts: [{ customer: 'Acme AB', customer_ref: 'C-1', email: 'anna@acme.example', name: 'Anna Berg', language: 'sv' }] }),
        'text/csv': {
          schema: { type: 'string', description: 'The contacts CSV: a header row naming at least `customer` and `email`, comma or semicolon separated.' },
          example: 'customer;customer_ref;email;name;language\nAcme AB;C-1;anna@acme.example;Anna Berg;sv\n',
        },
      },
    },
    responses: { 200: jsonResponse('What the import did.', ContactImportReportJson) },
    errors: [403, 415],
  },
  'PUT /contacts/sync': {
    operationId: 'syncContacts',
    tags: ['Contacts'],
    summary: 'Sync the contacts of one source',
    description:
      'The full list of active contacts of one `source` (your CRM), as `text/csv` or JSON. Contacts are created or updated as by the import; ' +
      "contacts of that source missing from the list are marked inactive: never deleted, their answers kept, no more invitations. " +
      'With `dryRun=true` the same report comes back and nothing changes; the real run then does exactly that. An empty list is refused unless `allowEmpty=true`.',
    requestParams: { query: ContactSyncQuery },
    requestBody: {
      required: true,
      content: {
        ...jsonContent(ContactSyncBody, { source: 'hubspot', contacts: [{ customer: 'Acme AB', customer_ref: 'C-1', email: 'anna@acme.example', name: 'Anna Berg', language: 'sv' }] }),
        'text/csv': {
          schema: { type: 'string', description: 'The contacts CSV (as for POST /contacts); the source in the query.' },
          example: 'customer;customer_ref;email;name;language\nAcme AB;C-1;anna@acme.example;Anna Berg;sv\n',
        },
      },
    },
    responses: {
      200: jsonResponse('What the sync did (or, in a dry run, would do).', ContactSyncReport, {
        source: 'hubspot',
        dryRun: true,
        created: 1,
        updated: 0,
        reactivated: 0,
        deactivated: 1,
        unchanged: 40,
        customersCreated: 0,
        customersUpdated: 0,
        rejected: [],
        deactivatedEmails: ['left@acme.example'],
      }),
    },
    errors: [403, 415, 422],
  },
};
