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
    .refine(isValidAddress, 'organisation.errors.enterAddress')
    .nullable()
    .default(null),
);

/** The organisation page's form (the logo comes as a file beside it). */
export const OrganisationForm = z.object({
  name: z.string().trim().min(1, 'organisation.errors.enterName').max(120, 'organisation.errors.max120'),
  senderName: optionalText(100, 'organisation.errors.max100'),
  senderAddress: optionalAddress,
  replyTo: optionalAddress,
  brandColour: z
    .string()
    .trim()
    .refine(isBrandColour, 'organisation.errors.brandColour'),
  timeZone: z.string().trim().refine(isTimeZone, 'organisation.errors.timeZone'),
  postalAddress: optionalText(300, 'organisation.errors.max300'),
  language: z.string().trim().default(DEFAULT_LANGUAGE).refine(isLanguage, 'languageChoice.unknown'),
  removeLogo: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()).default(false),
});
export type OrganisationForm = z.infer<typeof OrganisationForm>;

export const LogoParams = z.object({ version: z.string().regex(/^[a-f0-9]{8,64}$/) });
