import { dateFormatIn, formatLocalNumber, localeOf, type Language } from './languages';

/**
 * Formatters for pages and mails, created once per language and zone (a new Intl formatter per
 * value costs more than the rest of a mail). `formattersIn(zone)` is registered as `fmt` for
 * every view, in the organisation's time zone.
 */
const dateFormat = dateFormatIn;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as a reader writes it: "31 March 2026", "31 mars 2026". A moment is shown on its day in
 * `timeZone`; a calendar date ("2026-03-31", a due date) is that day wherever the reader is.
 */
export function formatDate(iso: string | Date, lang: Language = 'en', timeZone = 'UTC'): string {
  const isCalendarDate = typeof iso === 'string' && DATE_ONLY.test(iso);
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }, isCalendarDate ? 'UTC' : timeZone).format(new Date(iso));
}

/** A date and time to the minute in `timeZone`: "31 Mar 2026, 14:05". */
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

/** Whether `zone` is an IANA time zone this Node knows ("Europe/Stockholm", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of a moment in a zone. */
function wallClock(date: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** Milliseconds the zone's clock is ahead of UTC at that moment (+3 600 000 for Stockholm in winter). */
function zoneOffsetMs(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The moment a wall-clock time "2026-03-29T02:30" means in `timeZone` (what a datetime-local
 * input sends). A time the clocks skip when summer time starts is read as the time after the
 * jump (02:30 → 03:30); a time that happens twice when it ends is the first of the two.
 * Returns undefined for text that is no such time.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  // The offset before and after the wanted time; they differ only around a change of the clocks.
  const before = zoneOffsetMs(new Date(asUtc - 86_400_000), timeZone);
  const after = zoneOffsetMs(new Date(asUtc + 86_400_000), timeZone);
  const first = asUtc - before;
  if (zoneOffsetMs(new Date(first), timeZone) === before) return new Date(first);
  const second2 = asUtc - after;
  if (zoneOffsetMs(new Date(second2), timeZone) === after) return new Date(second2);
  // Inside a gap: the wall time does not exist; the earlier offset lands after the jump.
  return new Date(first);
}

/** The last millisecond of the local day "2026-03-31" in `timeZone` (the next local midnight less 1 ms). */
export function endOfLocalDay(day: string, timeZone: string): Date | undefined {
  const start = zonedTimeToUtc(day, timeZone);
  if (!start) return undefined;
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const nextStart = zonedTimeToUtc(next, timeZone);
  return nextStart && new Date(nextStart.getTime() - 1);
}

/** The local date "2026-03-31" of a moment in `timeZone`, as a date input shows it. */
export function utcToZonedDate(iso: string | Date, timeZone: string): string {
  return utcToZonedInput(iso, timeZone).slice(0, 10);
}

/** A moment as a datetime-local input shows it in `timeZone`: "2026-03-29T03:30". */
export function utcToZonedInput(iso: string | Date, timeZone: string): string {
  const w = wallClock(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/** The zone's name with its current offset, for labels: "Europe/Stockholm (UTC+01:00)". */
export function timeZoneLabel(timeZone: string, at: Date = new Date()): string {
  const offset = Math.round(zoneOffsetMs(at, timeZone) / 60_000);
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  return `${timeZone} (UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')})`;
}

export interface ViewFormatters {
  /** The zone every date and time is shown in. */
  timeZone: string;
  date(iso: string | Date, lang?: Language): string;
  dateTime(iso: string | Date, lang?: Language): string;
  /** A moment for a datetime-local input's value, in the zone. */
  inputDateTime(iso: string | Date | null | undefined): string;
  percent: typeof formatPercent;
  signed: typeof formatSigned;
  number: typeof formatNumber;
  /** A number with the language's decimal sign: "3,5" in Swedish. */
  localNumber: typeof formatLocalNumber;
}

const decimalSigns = new Map<Language, string>();

/** "3.5" written with the language's decimal sign ("3,5" in Swedish); no grouping, as before. */
function withDecimalSign(text: string, lang: Language): string {
  let sign = decimalSigns.get(lang);
  if (sign === undefined) {
    sign = new Intl.NumberFormat(localeOf(lang)).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    decimalSigns.set(lang, sign);
  }
  return sign === '.' ? text : text.replace('.', sign);
}

const formatterSets = new Map<string, ViewFormatters>();

/**
 * The formatters every view receives as `fmt`: dates and times in `timeZone`, written by default
 * in `lang` (the reader's language; a personal page passes the contact's language explicitly).
 */
export function formattersIn(timeZone: string, lang: Language = 'en'): ViewFormatters {
  const key = `${timeZone}|${lang}`;
  let set = formatterSets.get(key);
  if (!set) {
    set = Object.freeze<ViewFormatters>({
      timeZone,
      date: (iso: string | Date, language: Language = lang) => formatDate(iso, language, timeZone),
      dateTime: (iso: string | Date, language: Language = lang) => formatDateTime(iso, language, timeZone),
      inputDateTime: (iso: string | Date | null | undefined) => (iso ? utcToZonedInput(iso, timeZone) : ''),
      percent: (share, decimals) => withDecimalSign(formatPercent(share, decimals), lang),
      signed: (value, decimals) => withDecimalSign(formatSigned(value, decimals), lang),
      number: (value, decimals) => withDecimalSign(formatNumber(value, decimals), lang),
      localNumber: formatLocalNumber,
    });
    formatterSets.set(key, set);
  }
  return set;
}

/** The formatters in UTC, for views rendered before the organisation's zone is known. */
export const viewFormatters = formattersIn('UTC');
