import { z } from 'zod';
import { splitKeywords } from '../catalogue/catalogue.schemas';

const NAME_MAX = 200;
const name = z.string().trim().min(1, 'analysis.emerging.errors.nameRequired').max(NAME_MAX, 'analysis.emerging.errors.nameTooLong');
const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()));

/** "Create category and code the group": the names in all three languages (edited or as suggested), keywords, the mentions. */
export const EmergingForm = z.object({
  group: z.coerce.number().int().positive(),
  nameEn: name,
  nameSv: name,
  nameDa: name,
  keywords: z.string().max(2000, 'analysis.emerging.errors.keywordsTooLong').optional().transform((v) => splitKeywords(v)),
  mentionIds: ids.pipe(z.array(z.number()).min(1, 'analysis.emerging.errors.keepOne')),
});
export type EmergingForm = z.infer<typeof EmergingForm>;

/** What the form posted, for the 422 re-render of that group's form. */
export function emergingFormValues(body: unknown): { group: string; nameEn: string; nameSv: string; nameDa: string; keywords: string; mentionIds: string[] } {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const list = Array.isArray(b.mentionIds) ? b.mentionIds : b.mentionIds === undefined ? [] : [b.mentionIds];
  return { group: text(b.group), nameEn: text(b.nameEn), nameSv: text(b.nameSv), nameDa: text(b.nameDa), keywords: text(b.keywords), mentionIds: list.map(String) };
}
