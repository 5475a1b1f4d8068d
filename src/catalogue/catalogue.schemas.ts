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

// The API's answers (GET /api/v1/openapi.json describes them; the API tests check every answer against them).

export const CategoryJson = z.object({
  id: z.number().int().positive(),
  names: z.object({ en: z.string(), sv: z.string(), da: z.string() }).meta({ description: 'The name in every language' }),
  description: z.string().nullable(),
  keywords: z.array(z.string()).meta({ description: 'Words that suggest the category when coding mentions, any language' }),
  teamId: z.number().int().nullable().meta({ description: 'The team that owns problems of this category; tickets are routed to it' }),
  isActive: z.boolean(),
  mergedIntoId: z.number().int().nullable().meta({ description: 'Set once the category was merged: the category it now resolves to' }),
});
export type CategoryJson = z.infer<typeof CategoryJson>;

const categoryExample: CategoryJson = {
  id: 7,
  names: { en: 'Late deliveries', sv: 'Sena leveranser', da: 'Sene leverancer' },
  description: 'Goods arrive after the promised date.',
  keywords: ['late', 'delay', 'försenad'],
  teamId: 3,
  isActive: true,
  mergedIntoId: null,
};

export const CategoryListJson = z.object({ categories: z.array(CategoryJson) }).meta({ example: { categories: [categoryExample] } });
export type CategoryListJson = z.infer<typeof CategoryListJson>;
export const CategoryItemJson = z.object({ category: CategoryJson }).meta({ example: { category: categoryExample } });
export type CategoryItemJson = z.infer<typeof CategoryItemJson>;
