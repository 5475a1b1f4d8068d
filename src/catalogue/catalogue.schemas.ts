import { z } from 'zod';

const name = z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters');
const optionalId = z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.coerce.number().int().positive().nullable());

export const CategoryIdParams = z.object({ id: z.coerce.number().int().positive() });

/** Keywords as typed: comma-separated, any language. */
export function splitKeywords(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : (value ?? '').split(',');
  return [...new Set(list.map((k) => k.trim()).filter(Boolean))];
}

export const CategoryForm = z.object({
  nameEn: name,
  nameSv: name,
  nameDa: name,
  description: z.string().trim().max(2000, 'Use at most 2000 characters').optional().transform((v) => v || null),
  keywords: z.string().max(2000, 'Use at most 2000 characters').optional().transform((v) => splitKeywords(v)),
  teamId: optionalId,
  isActive: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()).optional(),
  fromMention: optionalId.optional(),
});
export type CategoryForm = z.infer<typeof CategoryForm>;

export const MergeForm = z.object({ intoId: z.coerce.number({ error: 'Choose the category to merge into' }).int().positive('Choose the category to merge into') });

export const CategoryApiBody = z.object({
  names: z.object({ en: name, sv: name, da: name }),
  description: z.string().trim().max(2000).nullish(),
  keywords: z.union([z.array(z.string().max(200)).max(200), z.string().max(2000)]).optional(),
  teamId: z.number().int().positive().nullish(),
});
