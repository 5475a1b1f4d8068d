import { z } from 'zod';
import { AUDIT_EVENTS } from './audit-event';

/** An empty query parameter (a filter left at "All") is no filter. */
const blank = (v: unknown) => (v === '' ? undefined : v);

const day = (message: string) =>
  z.preprocess(
    blank,
    z
      .string(message)
      .regex(/^\d{4}-\d{2}-\d{2}$/, message)
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), message)
      .optional(),
  );

/** The audit log's query: a search of actor, event and text, an event type, a date range (the organisation's days) and a page. */
export const AuditQuery = z
  .object({
    q: z.preprocess(blank, z.string('admin.audit.errors.search').trim().max(200, 'admin.audit.errors.search').optional()),
    // One event ("user.role_changed") or a group of them ("user.": every user event).
    event: z.preprocess(
      blank,
      z
        .string('admin.audit.errors.event')
        .refine((e) => AUDIT_EVENTS.includes(e) || (e.endsWith('.') && AUDIT_EVENTS.some((known) => known.startsWith(e))), 'admin.audit.errors.event')
        .optional(),
    ),
    from: day('admin.audit.errors.from'),
    to: day('admin.audit.errors.to'),
    page: z.preprocess((v) => blank(v) ?? '1', z.string('admin.audit.errors.page').regex(/^\d{1,6}$/, 'admin.audit.errors.page').transform(Number).pipe(z.number().int().min(1, 'admin.audit.errors.page'))),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'admin.audit.errors.range', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuery>;
