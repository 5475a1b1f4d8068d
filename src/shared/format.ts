import { LOCALES, type Language } from './languages';

/**
 * Formatters for pages and mails, created once per language (a new Intl formatter per value
 * costs more than the rest of a mail). Registered as `fmt` for every view.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Language, options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

/** A date as a reader writes it: "31 March 2026", "31 mars 2026". */
export function formatDate(iso: string | Date, lang: Language = 'en', timeZone = 'UTC'): string {
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }, timeZone).format(new Date(iso));
}

/** A date and time to the minute: "31 March 2026, 14:05". */
export function formatDateTime(iso: string | Date, lang: Language = 'en', timeZone = 'UTC'): string {
  return dateFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }, timeZone).format(
    new Date(iso),
  );
}

/** A share 0..1 as a percentage: 0.237 → "23.7 %". */
export function formatPercent(share: number | null | undefined, decimals = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(decimals)} %`;
}

/** A change with its sign: +3, −2, 0 (a real minus sign). */
export function formatSigned(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(decimals);
  if (Number(fixed) === 0) return fixed;
  return value > 0 ? `+${fixed}` : `−${fixed}`;
}

/** A number with a fixed count of decimals, or a dash for none. */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(decimals);
}

/** The formatters every view receives as `fmt`. */
export const viewFormatters = { date: formatDate, dateTime: formatDateTime, percent: formatPercent, signed: formatSigned, number: formatNumber };
