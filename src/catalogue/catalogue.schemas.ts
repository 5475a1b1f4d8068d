import { z } from 'zod';
import type { Category, CategoryValues, MentionSource } from './catalogue';

const NAME_MAX = 200;
const name = z.string().trim().min(1, 'Enter a name').max(NAME_MAX, `Use at most ${NAME_MAX} characters`);
const optionalId = z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.coerce.number().int().positive().nullable());

export const CategoryIdParams = z.object({ id: z.coerce.number().int().positive() });

/** `?fromMention=<id>` on the new-category form; anything else is ignored (a plain new form). */
export const NewCategoryQuery = z.object({ fromMention: z.coerce.number().int().positive().optional().catch(undefined) });

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

/** The category values a submitted form sets. */
export function categoryValuesOf(form: CategoryForm): CategoryValues & { isActive: boolean } {
  return {
    names: { en: form.nameEn, sv: form.nameSv, da: form.nameDa },
    description: form.description,
    keywords: form.keywords,
    teamId: form.teamId,
    isActive: Boolean(form.isActive),
  };
}

/** A saved category as the edit form's field values. */
export function categoryFormValues(category: Category) {
  return {
    nameEn: category.names.en,
    nameSv: category.names.sv,
    nameDa: category.names.da,
    description: category.description ?? '',
    keywords: category.keywords.join(', '),
    teamId: category.teamId ?? '',
    isActive: category.isActive,
  };
}

/** The new-category form's field values: every name starts as the mention's text, cut to what a name may hold. */
export function newCategoryFormValues(mention: MentionSource | undefined) {
  const text = mention?.text.slice(0, NAME_MAX) ?? '';
  return { nameEn: text, nameSv: text, nameDa: text, fromMention: mention?.id ?? '' };
}

export const MergeForm = z.object({ intoId: z.coerce.number({ error: 'Choose the category to merge into' }).int().positive('Choose the category to merge into') });

export const CategoryApiBody = z.object({
  names: z.object({ en: name, sv: name, da: name }),
  description: z.string().trim().max(2000).nullish(),
  keywords: z.union([z.array(z.string().max(200)).max(200), z.string().max(2000)]).optional(),
  teamId: z.number().int().positive().nullish(),
});
export type CategoryApiBody = z.infer<typeof CategoryApiBody>;

/** The category values an API body sets. */
export function categoryValuesOfApiBody(body: CategoryApiBody): CategoryValues {
  return { names: body.names, description: body.description ?? null, keywords: splitKeywords(body.keywords), teamId: body.teamId ?? null };
}
