import type { Response } from 'express';
import { textIn, type Language, type Translate } from '../shared/languages';

/** The reader's translate function and language, and a survey text (question, option) in that language. */
export function readerTexts(res: Response): { t: Translate; lang: Language; localized: (texts: Partial<Record<string, string | null | undefined>>) => string } {
  const lang = res.locals.lang as Language;
  return { t: res.locals.t as Translate, lang, localized: (texts) => textIn(texts, lang) };
}
