import { z } from 'zod';
import { ValidationError } from './errors';

export type FieldErrors = Record<string, string[] | undefined>;

/** Field messages of a failed parse, keyed by the form field name; messages about the whole form under `_form`. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const { formErrors, fieldErrors: fields } = z.flattenError(error);
  return formErrors.length ? { ...fields, _form: formErrors } : (fields as FieldErrors);
}

/** `vars`: the placeholders of the messages (catalogue keys) a ValidationError gave, for the page to fill in. */
export type FormOutcome<R> = { ok: true; value: R } | { ok: false; errors: FieldErrors; vars?: Record<string, unknown> };

/**
 * Parses a form body and runs the action with the parsed data. A schema failure, or a
 * ValidationError thrown by the action, comes back as field errors for the 422 re-render;
 * every other error propagates to the error middleware.
 */
export async function submitForm<S extends z.ZodType, R>(
  schema: S,
  body: unknown,
  action: (data: z.infer<S>) => Promise<R> | R,
): Promise<FormOutcome<R>> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  try {
    return { ok: true, value: await action(parsed.data) };
  } catch (error) {
    if (error instanceof ValidationError) {
      return { ok: false, errors: Object.keys(error.fields).length ? error.fields : { _form: [error.message] }, vars: error.vars };
    }
    throw error;
  }
}
