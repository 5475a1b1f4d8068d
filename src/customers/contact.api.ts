import express, { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canImportContacts } from './customer.policy';
import { parseContactsCsv, rowsFromJson } from './contact-import';
import { importContacts } from './contact-import.service';
import { BadRequestError, UnsupportedMediaTypeError } from '../shared/errors';

/**
 * `POST /api/v1/contacts`: the rows of the contacts CSV as `text/csv`, or as JSON
 * (`{ "contacts": [ … ] }` or a bare array). Answers `{ created, updated, unchanged, errors }`,
 * where each error's `line` is the CSV line, or the array position counted from 1.
 */
export function contactApiRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  router.post('/contacts', requirePolicy(canImportContacts), express.text({ type: 'text/csv', limit: '5mb' }), async (req, res) => {
    let input;
    if (req.is('text/csv')) {
      const parsed = parseContactsCsv(typeof req.body === 'string' ? req.body : '');
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
