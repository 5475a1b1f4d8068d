import { z } from 'zod';
import { emailAddress } from '../shared/email';
import { LANGUAGES } from '../shared/languages';
import { RELATIONSHIPS } from './customer';
import { IMPORT_COLUMNS, type ImportColumn } from './contact-import';

/** Query values arrive as arrays when a key repeats: keep the first. */
const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalText = z.preprocess(
  (v) => {
    const value = single(v);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  },
  z.string().max(200).optional(),
);
const blankToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim() : v);

export const CustomerIdParams = z.object({ id: z.coerce.number().int().positive() });
export const ContactParams = z.object({ id: z.coerce.number().int().positive(), contactId: z.coerce.number().int().positive() });

export const CustomerListQuery = z.object({
  q: optionalText,
  segment: optionalText,
  region: optionalText,
  kam: z.preprocess(
    (v) => {
      const value = single(v);
      return value === '' || value === undefined ? undefined : value;
    },
    z.union([z.literal('none'), z.coerce.number().int().positive()]).optional().catch(undefined),
  ),
  relationship: z.preprocess((v) => single(v) || undefined, z.enum(RELATIONSHIPS).optional().catch(undefined)),
  optedOut: z.preprocess((v) => single(v) || undefined, z.enum(['yes', 'no']).optional().catch(undefined)),
  page: z.preprocess((v) => single(v) ?? 1, z.coerce.number().int().min(1).max(100000).catch(1)),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const CustomerForm = z.object({
  name: z.string().trim().min(1, 'customers.errors.enterName').max(200, 'customers.errors.max200'),
  ref: z.preprocess(blankToNull, z.string().max(100, 'customers.errors.max100').nullable()),
  segment: z.preprocess(blankToNull, z.string().max(200, 'customers.errors.max200').nullable()),
  region: z.preprocess(blankToNull, z.string().max(200, 'customers.errors.max200').nullable()),
  kamUserId: z.preprocess(blankToNull, z.coerce.number('customers.errors.chooseKam').int().positive().nullable()),
  relationship: z.preprocess(blankToNull, z.enum(RELATIONSHIPS, 'customers.errors.chooseRelationship').nullable()),
  language: z.enum(LANGUAGES, 'customers.errors.chooseLanguage'),
});
export type CustomerForm = z.infer<typeof CustomerForm>;

export const ContactForm = z.object({
  email: emailAddress('customers.errors.enterEmail'),
  name: z.preprocess(blankToNull, z.string().max(200, 'customers.errors.max200').nullable()),
  language: z.preprocess(blankToNull, z.enum(LANGUAGES, 'customers.errors.chooseLanguage').nullable()),
});
export type ContactForm = z.infer<typeof ContactForm>;

/** The "Import" button of a preview: the upload's token. */
export const ConfirmImportForm = z.object({ upload: z.string().min(1).max(100) });

/** A source names the system that keeps its contacts in step, e.g. "hubspot" or "crm-nordic". */
export const ContactSource = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,49}$/i, 'Name the source with 1 to 50 letters, digits, dots, dashes or underscores, e.g. "hubspot"')
  .meta({ description: 'The system the list comes from; its contacts missing from the list are marked inactive.', example: 'hubspot' });

const queryFlag = z.preprocess(
  (v) => single(v) ?? 'false',
  z.enum(['true', 'false'], 'Use true or false').transform((v) => v === 'true'),
);

export const ContactSyncQuery = z.object({
  source: ContactSource.optional(),
  dryRun: queryFlag.meta({ description: 'true: report what would change and change nothing.' }),
  allowEmpty: queryFlag.meta({ description: 'true: accept an empty list (every contact of the source becomes inactive).' }),
});
export type ContactSyncQuery = z.infer<typeof ContactSyncQuery>;

/** A cell of a JSON contact row: text, or a number (a CRM's numeric id); empty or null leaves a stored value as it is. */
const cell = z.union([z.string().max(1000), z.number()]).nullable().optional();

/** One contact of a sync list, with the contacts CSV's column names. */
export const ContactSyncRow = z
  .object({
    customer: cell.meta({ description: 'Customer name (required)' }),
    customer_ref: cell.meta({ description: 'Your id of the customer' }),
    email: cell.meta({ description: 'Contact email (required); contacts are matched on it' }),
    name: cell,
    language: cell.meta({ description: '`en`, `sv` or `da`' }),
    segment: cell,
    region: cell,
    kam_email: cell.meta({ description: 'Email of an active PDS Loop user' }),
    relationship: cell.meta({ description: RELATIONSHIPS.join(', ') }),
  })
  .meta({ id: 'ContactSyncRow' });

export const ContactSyncBody = z
  .object({
    source: ContactSource.optional(),
    contacts: z.array(ContactSyncRow).max(100_000, 'Send at most 100,000 contacts per sync'),
  })
  .meta({ id: 'ContactSyncBody' });
export type ContactSyncBody = z.infer<typeof ContactSyncBody>;

export const ContactRowError = z.object({
  line: z.number().int().meta({ description: 'The CSV line, or the position in the JSON list counted from 1' }),
  message: z.string(),
});

export const ContactSyncReport = z
  .object({
    source: z.string(),
    dryRun: z.boolean().meta({ description: 'true: nothing was changed; the numbers say what a real run would do' }),
    created: z.number().int(),
    updated: z.number().int().meta({ description: 'Contacts changed, reactivated or taken over from file imports' }),
    reactivated: z.number().int().meta({ description: 'Inactive contacts back on the list (counted in updated too)' }),
    deactivated: z.number().int(),
    unchanged: z.number().int(),
    customersCreated: z.number().int(),
    customersUpdated: z.number().int(),
    rejected: z.array(ContactRowError),
    deactivatedEmails: z.array(z.string()).meta({ description: 'The contacts marked (or, in a dry run, to be marked) inactive' }),
  })
  .meta({ id: 'ContactSyncReport' });
export type ContactSyncReport = z.infer<typeof ContactSyncReport>;
// The contacts API (GET /api/v1/openapi.json describes it). Its rows are checked one by one, each
// bad row reported in `errors` by position, so the row schema describes the columns of
// IMPORT_COLUMNS rather than gating the whole body.

const IMPORT_COLUMN_DESCRIPTIONS: Record<ImportColumn, string> = {
  customer: 'Customer name (required)',
  customer_ref: 'Your id of the customer; unique',
  email: 'A valid address (required); matched case-insensitively, stored lower-case',
  name: "The contact's name",
  language: '`en`, `sv` or `da`',
  segment: 'Free text',
  region: 'Free text',
  kam_email: 'The email of an active user of PDS Loop, the key account manager',
  relationship: RELATIONSHIPS.join(', '),
};

export const ContactImportRow = z
  .object(Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, z.union([z.string(), z.number()]).nullable().optional().meta({ description: IMPORT_COLUMN_DESCRIPTIONS[column] })])))
  .meta({ description: 'One contact; empty or missing values leave stored values as they are.' });

export const ContactImportJsonBody = z.union([z.object({ contacts: z.array(ContactImportRow) }), z.array(ContactImportRow)]);

export const ContactImportReportJson = z
  .object({
    created: z.number().int().min(0),
    updated: z.number().int().min(0),
    unchanged: z.number().int().min(0),
    customersCreated: z.number().int().min(0),
    customersUpdated: z.number().int().min(0),
    errors: z
      .array(z.object({ line: z.number().int().positive(), message: z.string() }))
      .meta({ description: 'Every rejected row: its CSV line, or its position in the JSON list counted from 1' }),
  })
  .meta({ example: { created: 2, updated: 1, unchanged: 40, customersCreated: 1, customersUpdated: 0, errors: [{ line: 3, message: 'missing email' }] } });
export type ContactImportReportJson = z.infer<typeof ContactImportReportJson>;
