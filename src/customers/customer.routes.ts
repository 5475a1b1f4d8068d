import { Router, type Request } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { ValidationError } from '../shared/errors';
import { fieldErrors } from '../shared/forms';
import { LANGUAGE_LABELS, LANGUAGES, RELATIONSHIPS } from './customer';
import { ContactForm, ContactParams, CustomerForm, CustomerIdParams, CustomerListQuery } from './customer.schemas';
import {
  addContact,
  editContact,
  editCustomer,
  getContact,
  getCoverage,
  getCustomerList,
  getCustomerPage,
  setContactOptOut,
} from './customer.service';
import { parseContactsCsv, IMPORT_COLUMNS } from './contact-import';
import { importContacts } from './contact-import.service';
import { parseParams, parseInput } from '../shared/input';

const choices = { languages: LANGUAGES, languageLabels: LANGUAGE_LABELS, relationships: RELATIONSHIPS };

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

  router.get('/customers/import', (_req, res) => {
    res.render('customers/import', { title: 'Import contacts', columns: IMPORT_COLUMNS, errors: {} });
  });

  router.post('/customers/import', async (req: Request, res) => {
    const file = req.files?.file;
    const renderForm = (message: string) =>
      res.status(422).render('customers/import', { title: 'Import contacts', columns: IMPORT_COLUMNS, errors: { file: [message] } });
    if (!file || file.data.length === 0) return renderForm(file ? 'The file is empty. Nothing was imported.' : 'Choose a CSV file to import');
    const parsed = parseContactsCsv(file.data);
    if (!parsed.ok) return renderForm(parsed.message);
    const report = await importContacts(db, currentUser(res), parsed, clock());
    // The report is the answer to this upload; sending the same file again changes nothing.
    res.render('customers/import-result', { title: 'Import result', report, filename: file.filename });
  });

  router.get('/customers/:id', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const page = await getCustomerPage(db, currentUser(res), id);
    res.render('customers/show', { title: page.customer.name, ...page, ...choices, values: page.customer, errors: {} });
  });

  router.post('/customers/:id', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const user = currentUser(res);
    const render = async (errors: object) => {
      const page = await getCustomerPage(db, user, id);
      res.status(422).render('customers/show', { title: page.customer.name, ...page, ...choices, values: req.body, errors });
    };
    const form = CustomerForm.safeParse(req.body);
    if (!form.success) return render(fieldErrors(form.error));
    try {
      await editCustomer(db, user, id, form.data, clock());
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    flash(req, 'success', `Customer ${form.data.name} saved.`);
    res.redirect(303, `/customers/${id}`);
  });

  router.get('/customers/:id/contacts/new', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const { customer } = await getCustomerPage(db, currentUser(res), id);
    res.render('customers/contact-form', { title: `Add a contact to ${customer.name}`, customer, contact: null, ...choices, values: {}, errors: {} });
  });

  router.post('/customers/:id/contacts/new', async (req, res) => {
    const { id } = parseParams(CustomerIdParams, req.params);
    const user = currentUser(res);
    const render = async (errors: object) => {
      const { customer } = await getCustomerPage(db, user, id);
      res.status(422).render('customers/contact-form', { title: `Add a contact to ${customer.name}`, customer, contact: null, ...choices, values: req.body, errors });
    };
    const form = ContactForm.safeParse(req.body);
    if (!form.success) return render(fieldErrors(form.error));
    try {
      await addContact(db, user, id, form.data, clock());
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    flash(req, 'success', `Contact ${form.data.email} added.`);
    res.redirect(303, `/customers/${id}`);
  });

  router.get('/customers/:id/contacts/:contactId', async (req, res) => {
    const { id, contactId } = parseParams(ContactParams, req.params);
    const { customer, contact } = await getContact(db, currentUser(res), id, contactId);
    res.render('customers/contact-form', { title: `Edit ${contact.email}`, customer, contact, ...choices, values: contact, errors: {} });
  });

  router.post('/customers/:id/contacts/:contactId', async (req, res) => {
    const { id, contactId } = parseParams(ContactParams, req.params);
    const user = currentUser(res);
    const render = async (errors: object) => {
      const { customer, contact } = await getContact(db, user, id, contactId);
      res.status(422).render('customers/contact-form', { title: `Edit ${contact.email}`, customer, contact, ...choices, values: req.body, errors });
    };
    const form = ContactForm.safeParse(req.body);
    if (!form.success) return render(fieldErrors(form.error));
    try {
      await editContact(db, user, id, contactId, form.data, clock());
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    flash(req, 'success', `Contact ${form.data.email} saved.`);
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
