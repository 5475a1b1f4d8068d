import { z } from 'zod';
import { OUTBOX_STATUSES } from './mail';

export const OutboxMailIdParams = z.object({ id: z.coerce.number().int().positive() });

/** ?status= filters the outbox; an unknown status shows every mail. */
export const OutboxQuery = z.object({ status: z.enum(OUTBOX_STATUSES).optional().catch(undefined) });

export const SuppressionForm = z.object({ email: z.string().trim().toLowerCase().min(3).max(254) });
