import type { z } from 'zod';
import { BadRequestError, NotFoundError, ValidationError } from './errors';
import { fieldErrors } from './forms';
import { DEFAULT_LANGUAGE, translate } from './languages';

// A schema's message may be a staff catalogue key: the summary in the message says it in English, as the API and logs do.
const english = translate(DEFAULT_LANGUAGE, 'staff');

/** Parses path parameters: an id that fails its schema names a page that does not exist. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new NotFoundError(`bad path parameters: ${describe(parsed.error)}`);
  return parsed.data;
}

/** Parses a query string or a non-form body: a failure is a 400 that says what was wrong. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new BadRequestError(`Invalid request: ${describe(parsed.error)}`, fieldErrors(parsed.error) as Record<string, string[]>);
  }
  return parsed.data;
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'input'}: ${english(issue.message)}`).join('; ');
}

/** Parses a JSON API body: a failure is a ValidationError (422) listing each field by its path. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[issue.path.map(String).join('.') || 'body'] ??= []).push(issue.message);
    throw new ValidationError(`Invalid request: ${describe(parsed.error)}`, fields);
  }
  return parsed.data;
}
