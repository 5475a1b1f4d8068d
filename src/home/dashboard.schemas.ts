import { z } from 'zod';

export const AlertIdParams = z.object({ id: z.coerce.number().int().positive() });

export const AlertMailForm = z.object({
  alertMail: z.enum(['each', 'daily'], { message: 'home.kam.alertMailRequired' }),
});
export type AlertMailForm = z.infer<typeof AlertMailForm>;
