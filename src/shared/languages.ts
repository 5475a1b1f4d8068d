/**
 * The languages PDS Loop speaks and every fixed text in them. Languages are data: each folder
 * locales/<code>/ holds language.json (the language's own name, its English name, its locale, its
 * place in lists) and the messages of each audience (respondent, mail, staff), read once at
 * start-up into i18next. Every list of languages, every locale, every date and number format and
 * every "which language" decision comes from here; see docs/languages.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { z } from 'zod';
import { LOCALES_DIR } from './install-dir';

export const NAMESPACES = ['respondent', 'mail', 'staff'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** A language code that has a folder under locales/ ("en", "sv", "da", …). */
export type Language = string;

/** The language every missing text falls back to; its folder must exist. */
export const DEFAULT_LANGUAGE: Language = 'en';

const LanguageFile = z.strictObject({
  name: z.string().trim().min(1),
  englishName: z.string().trim().min(1),
  locale: z.string().trim().min(2),
  position: z.number().int(),
  /** Whether every survey must have its texts in this language (else they fall back to the default). */
  requireSurveyTexts: z.boolean(),
});

type Messages = { [key: string]: string | Messages };

/** A text in one language and namespace; `{{name}}` placeholders are filled from `vars`, `count` picks the plural. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export interface Catalogue {
  languages: readonly Language[];
  names: Readonly<Record<Language, string>>;
  englishNames: Readonly<Record<Language, string>>;
  locales: Readonly<Record<Language, string>>;
  surveyLanguages: readonly Language[];
  resources: Readonly<Record<Language, Record<Namespace, Messages>>>;
  translate(lang: Language, ns: Namespace): Translate;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

/**
 * One audience's texts in one language: <ns>.json, and beside it an optional folder <ns>/ whose
 * files each hold one area's texts under the file's name (staff/tickets.json → "tickets.…"), so
 * each feature keeps its texts in a file of its own.
 */
function readNamespace(languageDir: string, ns: Namespace): Messages {
  const file = path.join(languageDir, `${ns}.json`);
  const messages: Messages = fs.existsSync(file) ? (readJson(file) as Messages) : {};
  const areaDir = path.join(languageDir, ns);
  if (!fs.existsSync(areaDir)) return messages;
  for (const name of fs.readdirSync(areaDir).filter((n) => n.endsWith('.json')).sort()) {
    const area = name.slice(0, -'.json'.length);
    if (area in messages) throw new Error(`${path.join(areaDir, name)}: "${area}" is also a key in ${file}`);
    messages[area] = readJson(path.join(areaDir, name)) as Messages;
  }
  return messages;
}

/** Reads a locales folder and builds one translate function per language and namespace (never per request). */
export function loadCatalogue(dir: string): Catalogue {
  const found = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'language.json')))
    .map((d) => {
      const parsed = LanguageFile.safeParse(readJson(path.join(dir, d.name, 'language.json')));
      if (!parsed.success) throw new Error(`${path.join(dir, d.name, 'language.json')}: ${z.prettifyError(parsed.error)}`);
      return { code: d.name, ...parsed.data };
    })
    .sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
  if (!found.some((l) => l.code === DEFAULT_LANGUAGE)) throw new Error(`${dir}: the default language "${DEFAULT_LANGUAGE}" is missing`);

  const resources: Record<Language, Record<Namespace, Messages>> = {};
  for (const { code } of found) {
    resources[code] = Object.fromEntries(NAMESPACES.map((ns) => [ns, readNamespace(path.join(dir, code), ns)])) as Record<Namespace, Messages>;
  }

  const instance = i18next.createInstance();
  // Synchronous: the resources are in memory. Every consumer escapes (EJS <%= %>, the mail layout), so i18next must not.
  void instance.init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: found.map((l) => l.code),
    ns: [...NAMESPACES],
    defaultNS: 'respondent',
    initAsync: false,
    // Its banner on stdout would break the worker's and the CLI's output.
    showSupportNotice: false,
    returnNull: false,
    // A text that is no key (an English validation message not yet given one) is shown as it is:
    // with ":" as a namespace separator "Answer: How …" would lose its first word.
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  const fixed = new Map<string, TFunction>();
  for (const { code } of found) for (const ns of NAMESPACES) fixed.set(`${code}|${ns}`, instance.getFixedT(code, ns));

  const byCode = <K extends 'name' | 'englishName' | 'locale'>(k: K) => Object.freeze(Object.fromEntries(found.map((l) => [l.code, l[k]])));
  return {
    languages: Object.freeze(found.map((l) => l.code)),
    names: byCode('name'),
    englishNames: byCode('englishName'),
    locales: byCode('locale'),
    surveyLanguages: Object.freeze(found.filter((l) => l.requireSurveyTexts).map((l) => l.code)),
    resources,
    translate(lang, ns) {
      const t = fixed.get(`${lang}|${ns}`) ?? fixed.get(`${DEFAULT_LANGUAGE}|${ns}`)!;
      return (key, vars) => String(t(key, vars as never));
    },
  };
}

const catalogue = loadCatalogue(LOCALES_DIR);

/** Every language, in list order (the default first). */
export const LANGUAGES: readonly Language[] = catalogue.languages;

/** The languages every survey text must be written in. */
export const SURVEY_LANGUAGES: readonly Language[] = catalogue.surveyLanguages;

/** Each language named in itself, as a reader looking for their own language expects. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = catalogue.names;

/** Each language named in English, as the (English) staff pages name them. */
export const ENGLISH_LANGUAGE_NAMES: Readonly<Record<Language, string>> = catalogue.englishNames;

/** The locale used for dates, numbers and sorting in each language. */
export const LOCALES: Readonly<Record<Language, string>> = catalogue.locales;

/** The translate function for one language and audience, built at start-up. */
export function translate(lang: Language, ns: Namespace): Translate {
  return catalogue.translate(lang, ns);
}

/** The message files as loaded, for the catalogue's own tests. */
export function catalogueResources(): Catalogue['resources'] {
  return catalogue.resources;
}

/** The locale that writes a language's dates and numbers ("sv-SE"); the default's for an unknown code. */
export function localeOf(lang: Language): string {
  return LOCALES[lang] ?? LOCALES[DEFAULT_LANGUAGE]!;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && LANGUAGES.includes(value);
}

export function languageName(lang: Language): string {
  return LANGUAGE_NAMES[lang] ?? lang;
}

/** The first of the candidates that is a language we speak, else the default. */
export function resolveLanguage(...candidates: unknown[]): Language {
  return (candidates.find(isLanguage) as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/** A text in every language, from one key: for survey defaults kept as localized objects. */
export function inEveryLanguage(ns: Namespace, key: string): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, translate(l, ns)(key)]));
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

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number as a reader of the language writes it: 3.5 → "3.5" in English, "3,5" in Swedish and Danish. */
export function formatLocalNumber(value: number | null | undefined, lang: Language, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const key = `${lang}|${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang] ?? LOCALES[DEFAULT_LANGUAGE], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl date format for the language's locale. */
export function dateFormatIn(lang: Language, options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang] ?? LOCALES[DEFAULT_LANGUAGE], { ...options, timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

const displayNames = new Map<Language, Intl.DisplayNames>();

/**
 * A language named in the reader's language, for staff pages: "Swedish", "svenska" → "Svenska",
 * "svensk" → "Svensk". From the platform's own data (CLDR), so a new language needs no text here.
 */
export function languageLabel(code: string, readerLanguage: Language = DEFAULT_LANGUAGE): string {
  const name = languageInText(code, readerLanguage);
  return name.charAt(0).toLocaleUpperCase(localeOf(readerLanguage)) + name.slice(1);
}

/**
 * A language named in the reader's language as it is written mid-sentence: "English",
 * "engelska", "engelsk" ("Förhandsgranska på engelska"). Swedish and Danish write language names
 * in lowercase; a label standing alone (an option, a table cell) takes languageLabel.
 */
export function languageInText(code: string, readerLanguage: Language = DEFAULT_LANGUAGE): string {
  let names = displayNames.get(readerLanguage);
  if (!names) {
    names = new Intl.DisplayNames([localeOf(readerLanguage)], { type: 'language', fallback: 'none' });
    displayNames.set(readerLanguage, names);
  }
  let name: string | undefined;
  try {
    name = names.of(code);
  } catch {
    name = undefined;
  }
  return name || ((ENGLISH_LANGUAGE_NAMES as Record<string, string>)[code] ?? code);
}

/** Every language as a menu's options, each named in the reader's language. */
export function languageChoices(readerLanguage: Language): { value: Language; label: string }[] {
  return LANGUAGES.map((code) => ({ value: code, label: languageLabel(code, readerLanguage) }));
}
