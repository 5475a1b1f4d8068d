import express, { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canImportContacts } from './customer.policy';
import { decodeCsvBody, parseContactsCsv, rowsFromJson } from './contact-import';
import { importContacts } from './contact-import.service';
import { BadRequestError, UnsupportedMediaTypeError } from '../shared/errors';

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

  return router;
}

/** The charset parameter of a Content-Type header, if any. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}
