import { z } from 'zod';

const id = z.coerce.number().int().positive();

/** `?kam=` for managers and admins; "" (the "choose" option) is none. A KAM's own is ignored. */
export const KamQuery = z.object({
  kam: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
});
export type KamQuery = z.infer<typeof KamQuery>;

export const KamAccountParams = z.object({ customerId: id });

export const KamReminderParams = z.object({ campaignId: id, contactId: id });
