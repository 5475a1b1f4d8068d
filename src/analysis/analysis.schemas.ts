import { z } from 'zod';
import type { AnalysisFilter, CodingFormChoice } from './analysis';

/** Repeated query keys arrive as arrays in Express 5; a single value or "" (the "all" option) too. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    if (v === undefined) return undefined;
    const list = [v].flat().filter((x) => x !== '' && x !== null && x !== undefined);
    return list.length ? list : undefined;
  }, z.array(item).max(50).optional());
}

const id = z.coerce.number().int().positive();

export const CampaignIdParams = z.object({ id });
export const MentionIdParams = z.object({ id });
export const AccountParams = z.object({ id, customerId: id });

export const FilterQuery = z.object({
  segment: listOf(z.string().trim().max(200)),
  region: listOf(z.string().trim().max(200)),
  relationship: listOf(z.string().trim().max(200)),
  kam: listOf(id),
  order: z.enum(['points', 'problem_score']).optional().catch(undefined),
});
export type FilterQuery = z.infer<typeof FilterQuery>;

export function filterOf(q: FilterQuery): AnalysisFilter {
  return {
    ...(q.segment ? { segment: q.segment } : {}),
    ...(q.region ? { region: q.region } : {}),
    ...(q.relationship ? { relationship: q.relationship } : {}),
    ...(q.kam ? { kamUserId: q.kam } : {}),
  };
}

/** The same filter as query-string pairs, for links to CSV exports and between pages. */
export function queryStringOf(q: FilterQuery): string {
  const params = new URLSearchParams();
  for (const v of q.segment ?? []) params.append('segment', v);
  for (const v of q.region ?? []) params.append('region', v);
  for (const v of q.relationship ?? []) params.append('relationship', v);
  for (const v of q.kam ?? []) params.append('kam', String(v));
  if (q.order) params.set('order', q.order);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const MentionsQuery = z.object({
  coded: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
});

export const MentionCategoryBody = z.object({ categoryId: z.coerce.number().int().positive() });

/**
 * Each row's select is a flat field `category_<mentionId>`: a bracketed `category[<id>]` would be
 * parsed by qs as a compacted array for small ids, losing which mention each choice belongs to.
 */
function categoryChoicesOf(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body)
      .filter((entry): entry is [string, string] => /^category_\d+$/.test(entry[0]) && typeof entry[1] === 'string')
      .map(([key, value]) => [key.slice('category_'.length), value]),
  );
}

const bodyOf = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});

const CodingFormFields = z.object({
  accept: z.string().regex(/^\d+:\d+$/).optional(),
  apply: z.coerce.number().int().positive().optional(),
  bulk: z.string().optional(),
  category: z.record(z.string(), z.string()).optional(),
  mentionIds: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.coerce.number().int().positive())),
  bulkCategoryId: z.string().optional(),
}) satisfies z.ZodType<CodingFormChoice>;

/** The coding page's form. Only a tampered form fails it, with one message beside the selection. */
export const CodingForm = z.unknown().transform((body, ctx): CodingFormChoice => {
  const fields = bodyOf(body);
  const parsed = CodingFormFields.safeParse({ ...fields, category: categoryChoicesOf(fields) });
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: 'Select mentions and a category', path: ['mentionIds'] });
  return z.NEVER;
});

/** The coding form's fields as typed, for the 422 re-render. */
export function codingFormValues(body: unknown) {
  const fields = bodyOf(body);
  return { mentionIds: [fields.mentionIds ?? []].flat().map(String), category: categoryChoicesOf(fields), bulkCategoryId: fields.bulkCategoryId ?? '' };
}

export const UndoForm = z.object({ batchId: z.string().uuid() });
