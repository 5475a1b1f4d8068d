/**
 * The languages PDS Loop speaks: their codes, names and locales, and the fallback rule.
 * Every list of languages, every locale and every "which language" decision comes from here.
 */
export const LANGUAGES = ['en', 'sv', 'da'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language named in itself, as a reader looking for their own language expects. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sv: 'Svenska', da: 'Dansk' };

/** Each language named in English, as the (English) staff pages name them. */
export const ENGLISH_LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sv: 'Swedish', da: 'Danish' };

/** The locale used for dates, numbers and sorting in each language. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', sv: 'sv-SE', da: 'da-DK' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function languageName(lang: Language): string {
  return LANGUAGE_NAMES[lang];
}

/** The first of the candidates that is a language we speak, else the default. */
export function resolveLanguage(...candidates: unknown[]): Language {
  return (candidates.find(isLanguage) as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/**
 * The text of a localised object in a language: that language's text, else the default
 * language's, else any non-empty one, else ''.
 */
export function textIn(texts: Partial<Record<string, string | null | undefined>>, lang: Language): string {
  const own = texts[lang]?.trim();
  if (own) return own;
  const fallback = texts[DEFAULT_LANGUAGE]?.trim();
  if (fallback) return fallback;
  return LANGUAGES.map((l) => texts[l]?.trim()).find(Boolean) ?? '';
}

/** A language's English name for staff pages ("Swedish"); an unknown code is shown as it is. */
export function languageLabel(code: string): string {
  return (ENGLISH_LANGUAGE_NAMES as Record<string, string>)[code] ?? code;
}
