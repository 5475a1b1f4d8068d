import { z } from 'zod';
import { GUESS_LIST_SIZES, placeField } from './guess';

const id = z.coerce.number().int().positive();

export const GuessRoundParams = z.object({ id });
export const CampaignIdParams = z.object({ id });

/** The results page an invitee asked for before guessing: a path of one campaign's pages, nothing else. */
export const ShowResultsForm = z.object({ next: z.string().max(2000).regex(/^\/campaigns\/\d+\/[\w./?=&%-]*$/).optional().catch(undefined) });

/** Checkboxes arrive as one string or an array of them. */
const idList = z.preprocess((v) => (v === undefined || v === '' ? [] : [v].flat()), z.array(id).max(1000));

export const OpenRoundForm = z.object({
  listSize: z.coerce.number().refine((n) => (GUESS_LIST_SIZES as readonly number[]).includes(n), { message: 'guesses.errors.listSize' }),
  userIds: idList.refine((ids) => ids.length > 0, { message: 'guesses.errors.inviteOne' }),
});
export type OpenRoundInput = z.infer<typeof OpenRoundForm>;

const place = z.preprocess(
  (v) => (v === undefined || v === '' ? null : typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : -1),
  z.number().int().nullable(),
);

/** place1 … place10; blanks are null, anything else not an id becomes -1 (not choosable). */
export const GuessForm = z.object(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [placeField(i + 1), place.optional()]))).transform((form) =>
  Array.from({ length: 10 }, (_, i) => (form[placeField(i + 1)] as number | null | undefined) ?? null),
);

/** The form's values as typed, for the 422 re-render. */
export function formValues(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
}
