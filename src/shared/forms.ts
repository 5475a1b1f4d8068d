import { z } from 'zod';

export type FieldErrors = Record<string, string[] | undefined>;

/** Field messages of a failed parse, keyed by the form field name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}
