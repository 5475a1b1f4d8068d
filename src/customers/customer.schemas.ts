import { z } from 'zod';
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
  name: z.string().trim().min(1, 'Enter the customer name').max(200, 'Use at most 200 characters'),
  ref: z.preprocess(blankToNull, z.string().max(100, 'Use at most 100 characters').nullable()),
  segment: z.preprocess(blankToNull, z.string().max(200, 'Use at most 200 characters').nullable()),
  region: z.preprocess(blankToNull, z.string().max(200, 'Use at most 200 characters').nullable()),
  kamUserId: z.preprocess(blankToNull, z.coerce.number('Choose a KAM from the list').int().positive().nullable()),
  relationship: z.preprocess(blankToNull, z.enum(RELATIONSHIPS, 'Choose a relationship from the list').nullable()),
  language: z.enum(LANGUAGES, 'Choose English, Swedish or Danish'),
});
export type CustomerForm = z.infer<typeof CustomerForm>;

export const ContactForm = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')),
  name: z.preprocess(blankToNull, z.string().max(200, 'Use at most 200 characters').nullable()),
  language: z.preprocess(blankToNull, z.enum(LANGUAGES, 'Choose English, Swedish or Danish').nullable()),
});
export type ContactForm = z.infer<typeof ContactForm>;

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
