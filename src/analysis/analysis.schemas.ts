import { z } from 'zod';

// Repeated query keys arrive as arrays in Express 5; a single value or "" (the "all" option) too.
const values = z.preprocess((v) => {
  if (v === undefined) return undefined;
  const list = [v].flat().filter((x) => x !== '' && x !== null && x !== undefined);
  return list.length ? list : undefined;
}, z.array(z.string().trim().max(200)).max(50).optional());

const ids = z.preprocess((v) => {
  if (v === undefined) return undefined;
  const list = [v].flat().filter((x) => x !== '' && x !== null && x !== undefined);
  return list.length ? list : undefined;
}, z.array(z.coerce.number().int().positive()).max(50).optional());

export const CampaignIdParams = z.object({ id: z.coerce.number().int().positive() });
export const AccountParams = z.object({ id: z.coerce.number().int().positive(), customerId: z.coerce.number().int().positive() });

export const FilterQuery = z.object({
  segment: values,
  region: values,
  relationship: values,
  kam: ids,
  order: z.enum(['points', 'problem_score']).optional().catch(undefined),
});
export type FilterQuery = z.infer<typeof FilterQuery>;

export function filterOf(q: FilterQuery) {
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
