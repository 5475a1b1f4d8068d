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
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const decoded = decodeCsvBody(body, charsetOf(req.get('content-type')));
      if (!decoded.ok) throw new BadRequestError(decoded.message);
      const parsed = parseContactsCsv(decoded.text, decoded.encoding);
      if (!parsed.ok) throw new BadRequestError(parsed.message);
      input = parsed;
    } else if (req.is('application/json')) {
      input = rowsFromJson(req.body);
      if (!input) throw new BadRequestError('Send { "contacts": [ … ] } or an array of contacts.');
    } else {
      throw new UnsupportedMediaTypeError('Send the contacts as application/json or text/csv.');
    }
    const report = await importContacts(db, currentUser(res), input, clock());
    res.json(report);
  });

  // The full list of one source's active contacts, as CSV (source in the query) or JSON.
  router.put('/contacts/sync', requirePolicy(canImportContacts), express.raw({ type: 'text/csv', limit: SYNC_LIMIT }), async (req, res) => {
    const query = parseInput(ContactSyncQuery, req.query);
    let source = query.source;
    let input: { rows: ImportRowInput[]; errors: RowError[] };
    if (req.is('text/csv')) {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const decoded = decodeCsvBody(body, charsetOf(req.get('content-type')));
      if (!decoded.ok) throw new BadRequestError(decoded.message);
      const parsed = parseContactsCsv(decoded.text, decoded.encoding);
      if (!parsed.ok) throw new BadRequestError(parsed.message);
      input = parsed;
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
