import { z } from 'zod';
import type { AnalysisFilter, CodingFormChoice, CsvColumn } from './analysis';

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
  ctx.addIssue({ code: 'custom', message: 'coding.errors.tampered', path: ['mentionIds'] });
  return z.NEVER;
});

/** The coding form's fields as typed, for the 422 re-render. */
export function codingFormValues(body: unknown) {
  const fields = bodyOf(body);
  return { mentionIds: [fields.mentionIds ?? []].flat().map(String), category: categoryChoicesOf(fields), bulkCategoryId: fields.bulkCategoryId ?? '' };
}

export const UndoForm = z.object({ batchId: z.string().uuid() });

/** `?page=<n>` on the coding page; anything else is the first page. */
export const CodingPageQuery = z.object({ page: z.coerce.number().int().positive().max(100000).catch(1).default(1) });

// The API's answers (GET /api/v1/openapi.json describes them; the API tests check every answer against them).

/** One ranked problem, keyed by the problems CSV's column names. */
export const RankedProblemJson = z.object({
  rank: z.number().int().positive(),
  category_id: z.number().int().positive(),
  category: z.string().meta({ description: "The category's English name" }),
  mentions: z.number().int().meta({ description: 'Mentions coded to the category, a respondent listing it twice counted once' }),
  respondents: z.number().int(),
  accounts: z.number().int(),
  share: z.number().meta({ description: 'Respondents ÷ submitted responses that answered the problem list question' }),
  points: z.number().meta({ description: "Σ (K − r + 1) at each respondent's best rank" }),
  mean_rank: z.number().nullable(),
  share_frequent: z.number().nullable().meta({ description: 'From the problem rating: share who said the problem happens often' }),
  share_bothersome: z.number().nullable().meta({ description: 'From the problem rating: share who said it bothers them a lot' }),
  problem_score: z.number().nullable().meta({ description: '`share_frequent` × `share_bothersome`' }),
}) satisfies z.ZodType<Record<CsvColumn, number | string | null>>;

export const RankedProblemsJson = z.object({ problems: z.array(RankedProblemJson) }).meta({
  example: {
    problems: [
      { rank: 1, category_id: 7, category: 'Late deliveries', mentions: 21, respondents: 21, accounts: 14, share: 0.38, points: 57, mean_rank: 1.6, share_frequent: 0.6, share_bothersome: 0.7, problem_score: 0.42 },
    ],
  },
});

export const MentionJson = z.object({
  id: z.number().int().positive(),
  text: z.string().meta({ description: "The problem in the customer's own words" }),
  language: z.string(),
  rank: z.number().int().meta({ description: 'Where the respondent ranked it, 1 first' }),
  categoryId: z.number().int().nullable().meta({ description: 'The category it is coded to; null while uncoded' }),
  suggestions: z.array(z.object({ categoryId: z.number().int(), name: z.string(), score: z.number() })).meta({ description: 'Likely categories, best first' }),
});
export type MentionJson = z.infer<typeof MentionJson>;

export const MentionListJson = z.object({ mentions: z.array(MentionJson) }).meta({
  example: { mentions: [{ id: 311, text: 'Leveranserna kommer för sent', language: 'sv', rank: 1, categoryId: null, suggestions: [{ categoryId: 7, name: 'Late deliveries', score: 0.83 }] }] },
});
export type MentionListJson = z.infer<typeof MentionListJson>;

export const MentionCodedJson = z
  .object({
    mention: z.object({ id: z.number().int().positive(), categoryId: z.number().int().positive() }),
    batchId: z.string().meta({ format: 'uuid', description: 'The coding batch, which the coding page can undo' }),
  })
  .meta({ example: { mention: { id: 311, categoryId: 7 }, batchId: '1f0c4d8e-6a2b-4e57-9a51-3c1f7b9d2e40' } });
export type MentionCodedJson = z.infer<typeof MentionCodedJson>;
