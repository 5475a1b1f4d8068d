import { z } from 'zod';
import { MAIL_KINDS, OUTBOX_STATUSES } from './mail';

export const OutboxMailIdParams = z.object({ id: z.coerce.number().int().positive() });

/** An empty query parameter (a filter left at "All") is no filter. */
const blank = (v: unknown) => (v === '' ? undefined : v);

/** The outbox list's query: a search of recipient and subject, a status, a kind and a page; anything else is a 400 that says what. */
export const OutboxQuery = z.object({
  q: z.preprocess(blank, z.string('outbox.errors.search').trim().max(200, 'outbox.errors.search').optional()),
  status: z.preprocess(blank, z.enum(OUTBOX_STATUSES, 'outbox.errors.status').optional()),
  kind: z.preprocess(blank, z.string('outbox.errors.kind').refine((k) => MAIL_KINDS.includes(k), 'outbox.errors.kind').optional()),
  page: z.preprocess((v) => blank(v) ?? '1', z.string('outbox.errors.page').regex(/^\d{1,6}$/, 'outbox.errors.page').transform(Number).pipe(z.number().int().min(1, 'outbox.errors.page'))),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const SuppressionForm = z.object({ email: z.string().trim().toLowerCase().min(3).max(254) });
