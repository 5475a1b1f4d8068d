import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { submitForm, type FieldErrors, type FormOutcome } from '../shared/forms';
import { ValidationError } from '../shared/errors';
import type { z } from 'zod';
import { parseInput, parseParams } from '../shared/input';
import { LANGUAGES, type Translate } from '../shared/languages';
import { RELATIONSHIPS } from './customer';
import { ConfirmImportForm, ContactForm, ContactParams, CustomerForm, CustomerIdParams, CustomerListQuery } from './customer.schemas';
import {
  addContact,
  editContact,
  editCustomer,
  getContact,
  getCoverage,
  getCustomerList,
  getCustomer,
  getCustomerPage,
  setContactOptOut,
} from './customer.service';
import { IMPORT_COLUMNS, sampleContactsCsv } from './contact-import';
import { confirmContactImport, previewContactImport, UPLOAD_KEPT_MINUTES } from './contact-import.service';

const choices = { languages: LANGUAGES, relationships: RELATIONSHIPS };

/**
 * submitForm, with a service's field messages that name something ("This reference belongs to
 * {{name}}") filled in with the error's values, in the reader's language.
 */
async function submitFilled<S extends z.ZodType, R>(res: Response, schema: S, body: unknown, action: (data: z.infer<S>) => Promise<R>): Promise<FormOutcome<R>> {
  let vars: Record<string, unknown> = {};
  const outcome = await submitForm(schema, body, async (data) => {
    try {
      return await action(data);
    } catch (error) {
      if (error instanceof ValidationError) vars = error.vars;
      throw error;
    }
  });
  if (outcome.ok || !Object.keys(vars).length) return outcome;
  const t = res.locals.t as Translate;
  const errors: FieldErrors = Object.fromEntries(Object.entries(outcome.errors).map(([field, messages]) => [field, messages?.map((m) => t(m, vars))]));
  return { ok: false, errors };
}

/** The list's query string without `page`, for pager links that keep the filters. */
function filterQuery(query: CustomerListQuery): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'segment', 'region', 'kam', 'relationship', 'optedOut'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

export function customerRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/customers', requireRole('admin', 'manager'));

  router.get('/customers', async (req, res) => {
    const query = parseInput(CustomerListQuery, req.query);
    const list = await getCustomerList(db, currentUser(res), query);
    res.render('customers/index', { title: res.locals.t('customers.title.list'), ...list, ...choices, query, filterQuery: filterQuery(query) });
  });

  router.get('/customers/coverage', async (_req, res) => {
    const coverage = await getCoverage(db, currentUser(res), clock());
    res.render('customers/coverage', { title: res.locals.t('customers.title.coverage'), ...coverage });
  });

  const importForm = (res: Response, message?: string, vars: Record<string, unknown> = {}) => ({
    title: res.locals.t('customers.title.import'),
    columns: IMPORT_COLUMNS,
    ...choices,
    keptMinutes: UPLOAD_KEPT_MINUTES,
    errors: message ? { file: [res.locals.t(message, vars)] } : {},
  });

  router.get('/customers/import', (_req, res) => {
    res.render('customers/import', importForm(res));
  });

  router.get('/customers/import/sample.csv', (_req, res) => {
    res.set('Content-Disposition', 'attachment; filename="contacts-sample.csv"').type('text/csv; charset=utf-8').send(sampleContactsCsv());
  });

  // Step 1: the file is read and checked, nothing is imported; the preview says what "Import" will do.
  router.post('/customers/import', async (req: Request, res) => {
    const file = req.files?.file;
    if (!file) return res.status(422).render('customers/import', importForm(res, 'customers.import.chooseFile'));
    const preview = await previewContactImport(db, currentUser(res), file, clock());
    if (preview.kind === 'invalid') return res.status(422).render('customers/import', importForm(res, preview.message, preview.vars));
    res.render('customers/import-preview', { title: res.locals.t('customers.title.checkImport'), preview, keptMinutes: UPLOAD_KEPT_MINUTES });
  });

  // Step 2: the previewed upload, kept server-side, is imported.
  router.post('/customers/import/confirm', async (req, res) => {
    const { upload } = parseInput(ConfirmImportForm, req.body);
    const outcome = await confirmContactImport(db, currentUser(res), upload, clock());
    if (outcome.kind === 'expired') {
      return res.status(422).render('customers/import', importForm(res, res.locals.t('customers.import.expired', { minutes: UPLOAD_KEPT_MINUTES })));
    }
    // The report is the answer to this confirmation; importing the same file again changes nothing.
    res.render('customers/import-result', { title: res.locals.t('customers.title.importResult'), report: outcome.report, filename: outcome.filename });
  });

  /** The account page; `values` are the typed form values after a refusal (null: the saved account). */
  const renderCustomer = async (res: Response, id: number, status: number, values: Record<string, unknown> | null, errors: FieldErrors) => {
    const page = await getCustomerPage(db, currentUser(res), id);
    res.status(status).render('customers/show', { title: page.customer.name, ...page, ...choices, values: values ?? page.customer, errors });
  };

  /** The contact form, new (`contactId` null) or for an existing contact; `values` null shows the saved contact. */
  const renderContactForm = async (res: Response, id: number, contactId: number | null, status: number, values: Record<string, unknown> | null, errors: FieldErrors) => {
    const t = res.locals.t as Translate;
    const { customer, contact } = contactId === null ? { customer: await getCustomer(db, currentUser(res), id), contact: null } : await getContact(db, currentUser(res), id, contactId);
    const title = contact ? t('customers.title.editContact', { email: contact.email }) : t('customers.title.addContact', { name: customer.name });
    res.status(status).render('customers/contact-form', { title, customer, contact, ...choices, values: values ?? contact ?? {}, errors });
  };

  router.get('/customers/:id', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    await renderCustomer(res, id, 200, null, {});
  });

  router.post('/customers/:id', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitFilled(res, CustomerForm, req.body, async (form) => {
      await editCustomer(db, actor, id, form, clock());
      return form;
    });
    if (!outcome.ok) return renderCustomer(res, id, 422, req.body, outcome.errors);
    flash(req, 'success', res.locals.t('customers.flash.customerSaved', { name: outcome.value.name }));
    res.redirect(303, `/customers/${id}`);
  });

  router.get('/customers/:id/contacts/new', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    await renderContactForm(res, id, null, 200, {}, {});
  });

  router.post('/customers/:id/contacts/new', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitFilled(res, ContactForm, req.body, async (form) => {
      await addContact(db, actor, id, form, clock());
      return form;
    });
    if (!outcome.ok) return renderContactForm(res, id, null, 422, req.body, outcome.errors);
    flash(req, 'success', res.locals.t('customers.flash.contactAdded', { email: outcome.value.email }));
    res.redirect(303, `/customers/${id}`);
  });

  router.get('/customers/:id/contacts/:contactId', async (req, res) => {
    const { id, contactId } = parseParams(ContactParams, req.params);
    await renderContactForm(res, id, contactId, 200, null, {});
  });

  router.post('/customers/:id/contacts/:contactId', async (req, res) => {
    const { id, contactId } = parseParams(ContactParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitFilled(res, ContactForm, req.body, async (form) => {
      await editContact(db, actor, id, contactId, form, clock());
      return form;
    });
    if (!outcome.ok) return renderContactForm(res, id, contactId, 422, req.body, outcome.errors);
    flash(req, 'success', res.locals.t('customers.flash.contactSaved', { email: outcome.value.email }));
    res.redirect(303, `/customers/${id}`);
  });

  for (const [action, optedOut] of [['opt-out', true], ['opt-in', false]] as const) {
    router.post(`/customers/:id/contacts/:contactId/${action}`, async (req, res) => {
      const { id, contactId } = parseParams(ContactParams, req.params);
      const contact = await setContactOptOut(db, currentUser(res), id, contactId, optedOut, clock());
      flash(req, 'success', optedOut ? res.locals.t('customers.flash.optedOut', { email: contact.email }) : res.locals.t('customers.flash.optedIn', { email: contact.email }));
      res.redirect(303, `/customers/${id}`);
    });
  }

  return router;
}
