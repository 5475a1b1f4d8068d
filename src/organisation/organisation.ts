/** The organisation that runs PDS Loop, as respondents meet it: pure rules, no I/O. */
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../shared/languages';

export interface Organisation {
  /** The company's name; null until an admin sets it (pages then say "Customer survey"). */
  name: string | null;
  /** The name mails come from; null: the name, else MAIL_FROM_NAME. */
  senderName: string | null;
  /** The address mails come from; null: MAIL_FROM. */
  senderAddress: string | null;
  /** Where replies go; null: the sender. */
  replyTo: string | null;
  /** "#0b5cad": the colour of buttons and the header line. */
  brandColour: string;
  /** IANA zone every time is entered and shown in. */
  timeZone: string;
  /** The staff's language for those who have not chosen their own (pages and staff mails). */
  language: Language;
  /** Lines of the postal address, shown in every mail's footer. */
  postalAddress: string | null;
  /** The logo's version (a hash of its bytes) and type, or null without a logo. */
  logo: { version: string; contentType: string } | null;
}

export const DEFAULT_BRAND_COLOUR = '#0b5cad';
export const DEFAULT_TIME_ZONE = 'UTC';

export const ORGANISATION_SETTING_KEYS = {
  name: 'organisation_name',
  senderName: 'organisation_sender_name',
  senderAddress: 'organisation_sender_address',
  replyTo: 'organisation_reply_to',
  brandColour: 'organisation_brand_colour',
  timeZone: 'organisation_time_zone',
  language: 'organisation_language',
  postalAddress: 'organisation_postal_address',
} as const;

export type OrganisationSettings = Omit<Organisation, 'logo'>;

/** The organisation from its stored settings; a value that no longer reads right gets its default. */
export function organisationFrom(values: ReadonlyMap<string, string>, logo: Organisation['logo'], isZone: (zone: string) => boolean): Organisation {
  const text = (key: string) => values.get(key)?.trim() || null;
  const colour = text(ORGANISATION_SETTING_KEYS.brandColour);
  const zone = text(ORGANISATION_SETTING_KEYS.timeZone);
  const language = text(ORGANISATION_SETTING_KEYS.language);
  return {
    name: text(ORGANISATION_SETTING_KEYS.name),
    senderName: text(ORGANISATION_SETTING_KEYS.senderName),
    senderAddress: text(ORGANISATION_SETTING_KEYS.senderAddress),
    replyTo: text(ORGANISATION_SETTING_KEYS.replyTo),
    brandColour: colour && isBrandColour(colour) ? colour.toLowerCase() : DEFAULT_BRAND_COLOUR,
    timeZone: zone && isZone(zone) ? zone : DEFAULT_TIME_ZONE,
    // A language whose folder was removed reads as the default.
    language: isLanguage(language) ? language : DEFAULT_LANGUAGE,
    postalAddress: text(ORGANISATION_SETTING_KEYS.postalAddress),
    logo,
  };
}

export function isBrandColour(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value);
}

function channel(hex: string, at: number): number {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of "#rrggbb". */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function darken(hex: string, factor: number): string {
  const part = (at: number) => Math.round(parseInt(hex.slice(at, at + 2), 16) * factor).toString(16).padStart(2, '0');
  return `#${part(1)}${part(3)}${part(5)}`;
}

/**
 * The brand colour made readable as text and as a button on white (contrast ≥ 4.5, WCAG AA):
 * a light colour (yellow, sky blue) is darkened step by step until it is; a dark one is kept.
 */
export function readableBrandColour(hex: string): string {
  let colour = hex.toLowerCase();
  for (let i = 0; i < 40 && contrastRatio(colour, '#ffffff') < 4.5; i++) colour = darken(colour, 0.92);
  return colour;
}

/** The brand colour for a dark background (dark mode): lightened until it reads on #1b1f24. */
export function brandColourOnDark(hex: string): string {
  let colour = hex.toLowerCase();
  const lighten = (c: string) => {
    const part = (at: number) => Math.round(255 - (255 - parseInt(c.slice(at, at + 2), 16)) * 0.88).toString(16).padStart(2, '0');
    return `#${part(1)}${part(3)}${part(5)}`;
  };
  for (let i = 0; i < 40 && contrastRatio(colour, '#1b1f24') < 4.5; i++) colour = lighten(colour);
  return colour;
}

/** Logos are images every mail program shows: PNG, JPEG or GIF, at most this many bytes. */
export const MAX_LOGO_BYTES = 500 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/gif'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/**
 * The image type of the file's first bytes, whatever its name or the browser said: a file is a
 * logo only when it really is a PNG, JPEG or GIF (an SVG could carry script, so it is refused).
 */
export function sniffLogoType(data: Buffer): LogoType | undefined {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && ['GIF87a', 'GIF89a'].includes(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  return undefined;
}

/** A logo file's problem as a staff catalogue key with its values, or undefined when it can be the logo. */
export function logoProblem(data: Buffer): { key: string; vars: Record<string, unknown> } | undefined {
  if (data.length === 0) return { key: 'organisation.errors.logoEmpty', vars: {} };
  if (data.length > MAX_LOGO_BYTES) return { key: 'organisation.errors.logoTooLarge', vars: { size: Math.ceil(data.length / 1024), max: MAX_LOGO_BYTES / 1024 } };
  if (!sniffLogoType(data)) return { key: 'organisation.errors.logoType', vars: {} };
  return undefined;
}

/** The name respondents see: the organisation's, never the product's. */
export function organisationDisplayName(org: Pick<Organisation, 'name'>, fallback: string): string {
  return org.name ?? fallback;
}
