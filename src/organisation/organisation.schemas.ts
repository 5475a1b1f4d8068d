import { z } from 'zod';
import { isValidAddress } from '../mail/mail';
import { isTimeZone } from '../shared/format';
import { DEFAULT_LANGUAGE, isLanguage } from '../shared/languages';
import { isBrandColour } from './organisation';

const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optionalText = (max: number, message: string) => z.preprocess(emptyToNull, z.string().trim().max(max, message).nullable().default(null));
const optionalAddress = z.preprocess(
  emptyToNull,
  z
    .string()
    .trim()
    .toLowerCase()
    .refine(isValidAddress, 'Enter one email address, like survey@example.com')
    .nullable()
    .default(null),
);

/** The organisation page's form (the logo comes as a file beside it). */
export const OrganisationForm = z.object({
  name: z.string().trim().min(1, 'Enter the company name respondents know you by').max(120, 'Use at most 120 characters'),
  senderName: optionalText(100, 'Use at most 100 characters'),
  senderAddress: optionalAddress,
  replyTo: optionalAddress,
  brandColour: z
    .string()
    .trim()
    .refine(isBrandColour, 'Enter a colour as # and six hex digits, like #0b5cad'),
  timeZone: z.string().trim().refine(isTimeZone, 'Choose a time zone from the list, like Europe/Stockholm'),
  postalAddress: optionalText(300, 'Use at most 300 characters'),
  language: z.string().trim().default(DEFAULT_LANGUAGE).refine(isLanguage, 'languageChoice.unknown'),
  removeLogo: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()).default(false),
});
export type OrganisationForm = z.infer<typeof OrganisationForm>;

export const LogoParams = z.object({ version: z.string().regex(/^[a-f0-9]{8,64}$/) });
