import { z } from 'zod';

const id = z.coerce.number().int().positive();

export const AccountReportParams = z.object({ customerId: id });

/** ?campaign=<id> picks the campaign; without it the newest one the account answered. */
export const AccountReportQuery = z.object({ campaign: id.optional() });
