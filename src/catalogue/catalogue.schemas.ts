import { z } from 'zod';
import { LANGUAGES, type Language } from '../shared/languages';
import type { Category, CategoryValues, MentionSource } from './catalogue';

const NAME_MAX = 200;
const TEXT_MAX = 2000;
const name = z.string().trim().min(1, 'catalogue.errors.nameRequired').max(NAME_MAX, 'catalogue.errors.nameTooLong');
/** The API's answers stay in English (the API has no reader language). */
const apiName = z.string().trim().min(1, 'Enter a name').max(NAME_MAX, `Use at most ${NAME_MAX} characters`);

/** The form field of a category's name in one language: name_en, name_sv, … (one per folder of locales/). */
export function nameField(lang: Language): string {
  return `name_${lang}`;
}

/** One name field per language, every one required. */
const nameFields = Object.fromEntries(LANGUAGES.map((l) => [nameField(l), name])) as Record<string, typeof name>;
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
  ...nameFields,
  description: z.string().trim().max(TEXT_MAX, 'catalogue.errors.textTooLong').optional().transform((v) => v || null),
  keywords: z.string().max(TEXT_MAX, 'catalogue.errors.textTooLong').optional().transform((v) => splitKeywords(v)),
  teamId: optionalId,
  isActive: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()).optional(),
  fromMention: optionalId.optional(),
});
export type CategoryForm = z.infer<typeof CategoryForm> & Record<string, unknown>;

/** The names a submitted form sets, by language. */
function namesOf(form: CategoryForm): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, String(form[nameField(l)] ?? '')]));
}

/** The category values a submitted form sets. */
export function categoryValuesOf(form: CategoryForm): CategoryValues & { isActive: boolean } {
  return {
    names: namesOf(form),
    description: form.description,
    keywords: form.keywords,
    teamId: form.teamId,
    isActive: Boolean(form.isActive),
  };
}

/** A saved category as the edit form's field values. */
export function categoryFormValues(category: Category) {
  return {
    ...Object.fromEntries(LANGUAGES.map((l) => [nameField(l), category.names[l] ?? ''])),
    description: category.description ?? '',
    keywords: category.keywords.join(', '),
    teamId: category.teamId ?? '',
    isActive: category.isActive,
  };
}

/**
 * The new-category form's field values: started from a mention, the name in the mention's
 * language is its text (cut to what a name may hold); the other languages are left for the
 * manager to write.
 */
export function newCategoryFormValues(mention: MentionSource | undefined): Record<string, string | number> {
  const values: Record<string, string | number> = Object.fromEntries(LANGUAGES.map((l) => [nameField(l), '']));
  if (mention) values[nameField(LANGUAGES.includes(mention.language) ? mention.language : LANGUAGES[0]!)] = mention.text.trim().slice(0, NAME_MAX);
  values.fromMention = mention?.id ?? '';
  return values;
}

export const MergeForm = z.object({ intoId: z.coerce.number({ error: 'catalogue.errors.chooseMergeTarget' }).int().positive('catalogue.errors.chooseMergeTarget') });

/** A text per language, every language of locales/ required (the API's `names`). */
const everyLanguage = <T extends z.ZodType>(text: T) => z.object(Object.fromEntries(LANGUAGES.map((l) => [l, text])) as Record<Language, T>);

export const CategoryApiBody = z.object({
  names: everyLanguage(apiName),
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
  names: everyLanguage(z.string()).meta({ description: 'The name in every language' }),
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
