// The ticket pages' reader: their language, and service messages put into it for a form.
import type { Response } from 'express';
import { ValidationError } from '../shared/errors';
import type { Language, Translate } from '../shared/languages';
import { NoteIncompleteError } from './ticket';

/** The reader's translate function and language (set for every page by readerLocals). */
export const readerOf = (res: Response) => ({ t: res.locals.t as Translate, lang: res.locals.lang as Language });

/**
 * Runs a service action whose ValidationError carries catalogue keys with placeholders, and
 * hands the form its messages already in the reader's language (the field partials show them as they are).
 */
export async function inReaderLanguage<R>(res: Response, action: () => Promise<R>): Promise<R> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const { t, lang } = readerOf(res);
    if (error instanceof NoteIncompleteError) throw new NoteIncompleteError(error.missing, t, lang);
    const fields = Object.fromEntries(Object.entries(error.fields).map(([k, ms]) => [k, ms.map((m) => t(m, error.vars))]));
    throw new ValidationError(t(error.message, error.vars), fields);
  }
}

