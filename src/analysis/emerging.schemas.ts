import { z } from 'zod';
import { nameField, splitKeywords } from '../catalogue/catalogue.schemas';
import { LANGUAGES, type Language } from '../shared/languages';

const NAME_MAX = 200;
const name = z.string().trim().min(1, 'analysis.emerging.errors.nameRequired').max(NAME_MAX, 'analysis.emerging.errors.nameTooLong');
const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()));

/** "Create category and code the group": a name in every language (name_en, name_sv, …, edited or as suggested), keywords, the mentions. */
export const EmergingForm = z.object({
  group: z.coerce.number().int().positive(),
  ...(Object.fromEntries(LANGUAGES.map((l) => [nameField(l), name])) as Record<string, typeof name>),
  keywords: z.string().max(2000, 'analysis.emerging.errors.keywordsTooLong').optional().transform((v) => splitKeywords(v)),
  mentionIds: ids.pipe(z.array(z.number()).min(1, 'analysis.emerging.errors.keepOne')),
});
export type EmergingForm = z.infer<typeof EmergingForm> & Record<string, unknown>;

/** The category names a submitted form sets, by language. */
export function emergingNamesOf(form: EmergingForm): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, String(form[nameField(l)] ?? '')]));
}

/** What the form posted, for the 422 re-render of that group's form. */
export function emergingFormValues(body: unknown): Record<string, string | string[]> {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const list = Array.isArray(b.mentionIds) ? b.mentionIds : b.mentionIds === undefined ? [] : [b.mentionIds];
  return {
    group: text(b.group),
    ...Object.fromEntries(LANGUAGES.map((l) => [nameField(l), text(b[nameField(l)])])),
    keywords: text(b.keywords),
    mentionIds: list.map(String),
  };
}
