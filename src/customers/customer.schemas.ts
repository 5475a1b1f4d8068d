import { z } from 'zod';
import { emailAddress } from '../shared/email';
import { LANGUAGES } from '../shared/languages';
import { RELATIONSHIPS } from './customer';

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
  email: emailAddress(),
  name: z.preprocess(blankToNull, z.string().max(200, 'Use at most 200 characters').nullable()),
  language: z.preprocess(blankToNull, z.enum(LANGUAGES, 'Choose English, Swedish or Danish').nullable()),
});
export type ContactForm = z.infer<typeof ContactForm>;

/** The "Import" button of a preview: the upload's token. */
export const ConfirmImportForm = z.object({ upload: z.string().min(1).max(100) });
