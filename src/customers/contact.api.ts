import express, { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canImportContacts } from './customer.policy';
import { decodeCsvBody, parseContactsCsv, rowsFromJson } from './contact-import';
import { importContacts } from './contact-import.service';
import { BadRequestError, UnsupportedMediaTypeError } from '../shared/errors';
import { jsonContent, jsonResponse, type ApiOperations } from '../api/openapi';
import { ContactImportJsonBody, ContactImportReportJson } from './customer.schemas';

/**
 * `POST /api/v1/contacts`: the rows of the contacts CSV as `text/csv`, or as JSON
 * (`{ "contacts": [ … ] }` or a bare array). Answers `{ created, updated, unchanged, errors }`,
 * where each error's `line` is the CSV line, or the array position counted from 1.
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
      const parsed = parseContactsCsv(decoded.text);
      if (!parsed.ok) throw new BadRequestError(parsed.message);
      input = parsed;
    } else if (req.is('application/json')) {
      input = rowsFromJson(req.body);
      if (!input) throw new BadRequestError('Send { "contacts": [ … ] } or an array of contacts.');
    } else {
      throw new UnsupportedMediaTypeError('Send the contacts as application/json or text/csv.');
    }
    const report = await importContacts(db, currentUser(res), input, clock());
    res.json(report satisfies ContactImportReportJson);
  });

  return router;
}

/** The charset parameter of a Content-Type header, if any. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

/** The OpenAPI description of the routes above; a route missing here fails test/http/openapi.test.ts. */
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
};
