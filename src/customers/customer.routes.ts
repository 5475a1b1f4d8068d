import { Router, type Request } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { submitForm } from '../shared/forms';
import { parseInput, parseParams } from '../shared/input';
import { ENGLISH_LANGUAGE_NAMES, LANGUAGES } from '../shared/languages';
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

const choices = { languages: LANGUAGES, languageLabels: ENGLISH_LANGUAGE_NAMES, relationships: RELATIONSHIPS };

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
    res.render('customers/index', { title: 'Customers', ...list, ...choices, query, filterQuery: filterQuery(query) });
  });

  router.get('/customers/coverage', async (_req, res) => {
    const coverage = await getCoverage(db, currentUser(res), clock());
    res.render('customers/coverage', { title: 'Evaluation coverage', ...coverage });
  });

  const importForm = (message?: string) => ({ title: 'Import contacts', columns: IMPORT_COLUMNS, keptMinutes: UPLOAD_KEPT_MINUTES, errors: message ? { file: [message] } : {} });

  router.get('/customers/import', (_req, res) => {
    res.render('customers/import', importForm());
  });

  router.get('/customers/import/sample.csv', (_req, res) => {
    res.set('Content-Disposition', 'attachment; filename="contacts-sample.csv"').type('text/csv; charset=utf-8').send(sampleContactsCsv());
  });

  // Step 1: the file is read and checked, nothing is imported; the preview says what "Import" will do.
  router.post('/customers/import', async (req: Request, res) => {
    const file = req.files?.file;
    if (!file) return res.status(422).render('customers/import', importForm('Choose a CSV file to import'));
    const preview = await previewContactImport(db, currentUser(res), file, clock());
    if (preview.kind === 'invalid') return res.status(422).render('customers/import', importForm(preview.message));
    res.render('customers/import-preview', { title: 'Check the import', preview, keptMinutes: UPLOAD_KEPT_MINUTES });
  });

  // Step 2: the previewed upload, kept server-side, is imported.
  router.post('/customers/import/confirm', async (req, res) => {
    const { upload } = parseInput(ConfirmImportForm, req.body);
    const outcome = await confirmContactImport(db, currentUser(res), upload, clock());
    if (outcome.kind === 'expired') {
      const message = `This preview is no longer available: a preview is imported once, within ${UPLOAD_KEPT_MINUTES} minutes. Upload the file again.`;
      return res.status(422).render('customers/import', importForm(message));
    }
    // The report is the answer to this confirmation; importing the same file again changes nothing.
    res.render('customers/import-result', { title: 'Import result', report: outcome.report, filename: outcome.filename });
  });

  router.get('/customers/:id', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const page = await getCustomerPage(db, currentUser(res), id);
    res.render('customers/show', { title: page.customer.name, ...page, ...choices, values: page.customer, errors: {} });
  });

  router.post('/customers/:id', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitForm(CustomerForm, req.body, async (form) => {
      await editCustomer(db, actor, id, form, clock());
      return form;
    });
    if (!outcome.ok) {
      const page = await getCustomerPage(db, actor, id);
      return res.status(422).render('customers/show', { title: page.customer.name, ...page, ...choices, values: req.body, errors: outcome.errors });
    }
    flash(req, 'success', `Customer ${outcome.value.name} saved.`);
    res.redirect(303, `/customers/${id}`);
  });

  router.get('/customers/:id/contacts/new', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const customer = await getCustomer(db, currentUser(res), id);
    res.render('customers/contact-form', { title: `Add a contact to ${customer.name}`, customer, contact: null, ...choices, values: {}, errors: {} });
  });

  router.post('/customers/:id/contacts/new', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitForm(ContactForm, req.body, async (form) => {
      await addContact(db, actor, id, form, clock());
      return form;
    });
    if (!outcome.ok) {
      const customer = await getCustomer(db, actor, id);
      const view = { title: `Add a contact to ${customer.name}`, customer, contact: null, ...choices, values: req.body, errors: outcome.errors };
      return res.status(422).render('customers/contact-form', view);
    }
    flash(req, 'success', `Contact ${outcome.value.email} added.`);
    res.redirect(303, `/customers/${id}`);
  });

  router.get('/customers/:id/contacts/:contactId', async (req, res) => {
    const { id, contactId } = parseParams(ContactParams, req.params);
    const { customer, contact } = await getContact(db, currentUser(res), id, contactId);
    res.render('customers/contact-form', { title: `Edit ${contact.email}`, customer, contact, ...choices, values: contact, errors: {} });
  });

  router.post('/customers/:id/contacts/:contactId', async (req, res) => {
    const { id, contactId } = parseParams(ContactParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitForm(ContactForm, req.body, async (form) => {
      await editContact(db, actor, id, contactId, form, clock());
      return form;
    });
    if (!outcome.ok) {
      const { customer, contact } = await getContact(db, actor, id, contactId);
      const view = { title: `Edit ${contact.email}`, customer, contact, ...choices, values: req.body, errors: outcome.errors };
      return res.status(422).render('customers/contact-form', view);
    }
    flash(req, 'success', `Contact ${outcome.value.email} saved.`);
    res.redirect(303, `/customers/${id}`);
  });

  for (const [action, optedOut] of [['opt-out', true], ['opt-in', false]] as const) {
    router.post(`/customers/:id/contacts/:contactId/${action}`, async (req, res) => {
      const { id, contactId } = parseParams(ContactParams, req.params);
      const contact = await setContactOptOut(db, currentUser(res), id, contactId, optedOut, clock());
      flash(req, 'success', optedOut ? `${contact.email} is opted out and gets no more survey mail.` : `${contact.email} is opted back in.`);
      res.redirect(303, `/customers/${id}`);
    });
  }

  return router;
}
