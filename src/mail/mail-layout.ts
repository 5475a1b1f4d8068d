/**
 * The one design every mail shares: the organisation's logo, name and colour, a clear button for
 * the link it is about (with the link written out below it, wrapping on a phone), and a footer
 * with the postal address. Table layout and inline styles, so Outlook and Gmail show it as
 * browsers do; a <style> block adds the phone width and dark mode where the mail program reads
 * it. Pure: callers give text, this escapes it.
 */
import { escapeHtml } from './mail';

/** Who the mail is from, as the reader sees it. */
export interface MailBrand {
  /** The organisation's name, or null when not set (the header then shows only the logo, if any). */
  name: string | null;
  /** Where the logo's image is (`cid:` for the one inside the mail), or null. */
  logoUrl: string | null;
  /** "#rrggbb". */
  colour: string;
  postalAddress: string | null;
}

/** What every mail builder needs besides its content: the public address, the brand and the zone times are shown in. */
export interface MailSite {
  baseUrl: string;
  brand: MailBrand;
  timeZone: string;
  /** The organisation's staff language: a staff mail's language when its reader has not chosen their own. */
  language?: string;
}

/** A link into the app for a mail: the public address and the path, without doubled slashes. */
export function appLink(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** A piece of the mail's body. Texts are plain; the layout escapes them. */
export type MailBlock =
  | { kind: 'paragraph'; text: string }
  /** Words the reader wrote themselves, quoted. */
  | { kind: 'quote'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'list'; items: string[] }
  /** The mail's one main action: a button, and the link written out for mail programs that hide buttons. */
  | { kind: 'button'; label: string; href: string; linkIntro?: string }
  /** Two answers as two clear buttons side by side ("did this help?"). */
  | { kind: 'choice'; question: string; options: { label: string; href: string }[] }
  /** Small print: label and value on a line ("Due: 31 March 2026"). */
  | { kind: 'facts'; rows: { label: string; value: string }[] };

export interface MailDocument {
  lang: string;
  subject: string;
  blocks: MailBlock[];
  /** Footer lines (why the reader gets the mail); the postal address is added. */
  footer?: string[];
  /** A footer link (unsubscribe). */
  footerLink?: { label: string; href: string };
}

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const INK = '#1b1f24';
const MUTED = '#4a5563';

function channel(hex: string, at: number): number {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
function scale(hex: string, toward: number, factor: number): string {
  const part = (at: number) =>
    Math.round(toward + (parseInt(hex.slice(at, at + 2), 16) - toward) * factor)
      .toString(16)
      .padStart(2, '0');
  return `#${part(1)}${part(3)}${part(5)}`;
}

/** The brand colour darkened until white text on it (and it as text on white) reads: contrast ≥ 4.5. */
export function buttonColour(hex: string): string {
  let colour = /^#[0-9a-f]{6}$/i.test(hex) ? hex.toLowerCase() : '#0b5cad';
  for (let i = 0; i < 40 && contrast(colour, '#ffffff') < 4.5; i++) colour = scale(colour, 0, 0.92);
  return colour;
}

/** The brand colour lightened until it reads as text on the dark-mode card. */
function colourOnDark(hex: string): string {
  let colour = hex;
  for (let i = 0; i < 40 && contrast(colour, '#1b1f24') < 4.5; i++) colour = scale(colour, 255, 0.88);
  return colour;
}

const paragraph = (html: string, extra = '') => `<p style="margin:0 0 16px 0;${extra}">${html}</p>`;
const lines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>\n');

function button(label: string, href: string, colour: string): string {
  return [
    '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px 0;border-collapse:separate;">',
    `<tr><td class="btn" bgcolor="${colour}" style="border-radius:6px;background:${colour};">`,
    `<a class="btn-link" href="${escapeHtml(href)}" style="display:inline-block;padding:14px 28px;font-family:${FONT};font-size:17px;font-weight:700;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a>`,
    '</td></tr></table>',
  ].join('');
}

function block(b: MailBlock, colour: string): string {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(lines(b.text));
    case 'heading':
      return `<h2 style="margin:24px 0 8px 0;font-size:18px;line-height:1.3;">${escapeHtml(b.text)}</h2>`;
    case 'quote':
      return `<blockquote class="quote" style="margin:0 0 16px 0;padding:8px 0 8px 14px;border-left:4px solid ${colour};color:${INK};font-style:italic;">${lines(b.text)}</blockquote>`;
    case 'list':
      return `<ul style="margin:0 0 16px 0;padding-left:20px;">${b.items.map((i) => `<li style="margin:0 0 4px 0;">${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'facts':
      return paragraph(b.rows.map((r) => `<strong>${escapeHtml(r.label)}:</strong> ${escapeHtml(r.value)}`).join('<br>\n'));
    case 'button':
      return [
        button(b.label, b.href, colour),
        `<p class="muted" style="margin:0 0 16px 0;font-size:14px;color:${MUTED};">${escapeHtml(b.linkIntro ?? '')}${b.linkIntro ? '<br>' : ''}`,
        `<a class="link" href="${escapeHtml(b.href)}" style="color:${colour};word-break:break-all;overflow-wrap:anywhere;">${escapeHtml(b.href)}</a></p>`,
      ].join('\n');
    case 'choice':
      return [
        `<p style="margin:24px 0 8px 0;font-size:18px;font-weight:700;">${escapeHtml(b.question)}</p>`,
        '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;"><tr>',
        b.options
          .map(
            (o) =>
              `<td style="padding:0 12px 8px 0;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td class="btn" bgcolor="${colour}" style="border-radius:6px;background:${colour};"><a class="btn-link" href="${escapeHtml(o.href)}" style="display:inline-block;min-width:72px;text-align:center;padding:14px 24px;font-family:${FONT};font-size:17px;font-weight:700;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(o.label)}</a></td></tr></table></td>`,
          )
          .join(''),
        '</tr></table>',
      ].join('');
  }
}

/** The whole HTML document of a mail. */
export function renderMailHtml(brand: MailBrand, doc: MailDocument): string {
  const colour = buttonColour(brand.colour);
  const line = /^#[0-9a-f]{6}$/i.test(brand.colour) ? brand.colour : colour;
  const darkLink = colourOnDark(colour);
  const name = brand.name ? escapeHtml(brand.name) : '';
  const logo = brand.logoUrl
    ? `<td style="padding:0 12px 0 0;vertical-align:middle;"><span class="logo-chip" style="display:inline-block;background:#ffffff;border-radius:4px;padding:4px 6px;"><img src="${escapeHtml(brand.logoUrl)}" height="40" alt="${name}" style="display:block;height:40px;width:auto;max-width:200px;border:0;"></span></td>`
    : '';
  const header =
    logo || name
      ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>${logo}${name ? `<td class="ink" style="vertical-align:middle;font-family:${FONT};font-size:18px;font-weight:700;color:${INK};">${name}</td>` : ''}</tr></table>`
      : '';
  const footerLines = [...(doc.footer ?? []).map((f) => escapeHtml(f))];
  if (doc.footerLink) footerLines.push(`<a href="${escapeHtml(doc.footerLink.href)}" style="color:${MUTED};text-decoration:underline;">${escapeHtml(doc.footerLink.label)}</a>`);
  const postal = [brand.name, ...(brand.postalAddress ? brand.postalAddress.split(/\r?\n/) : [])].filter((l): l is string => !!l && l.trim() !== '');
  if (postal.length) footerLines.push(postal.map((l) => escapeHtml(l.trim())).join(' · '));

  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(doc.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="supported-color-schemes" content="light dark">',
    `<title>${escapeHtml(doc.subject)}</title>`,
    '<style>',
    'body { margin: 0; padding: 0; -webkit-text-size-adjust: 100%; }',
    'a { color: inherit; }',
    '.link { word-break: break-all; overflow-wrap: anywhere; }',
    '@media (max-width: 600px) { .container { width: 100% !important; } .pad { padding: 24px 18px !important; } .outer { padding: 12px 8px !important; } }',
    '@media (prefers-color-scheme: dark) {',
    '  body, .bg { background: #111417 !important; }',
    '  .card { background: #1b1f24 !important; color: #e8ecf0 !important; }',
    '  .card p, .card li, .card h2, .card blockquote, .ink { color: #e8ecf0 !important; }',
    `  .card a.link { color: ${darkLink} !important; }`,
    '  .muted, .muted a { color: #c3ccd6 !important; }',
    '}',
    '</style>',
    '</head>',
    `<body class="bg" style="margin:0;padding:0;background:#f3f5f8;">`,
    '<table role="presentation" class="bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f5f8;">',
    '<tr><td class="outer" align="center" style="padding:24px 12px;">',
    '<table role="presentation" class="container" width="560" cellpadding="0" cellspacing="0" border="0" style="width:560px;max-width:100%;">',
    header ? `<tr><td style="padding:0 4px 12px 4px;">${header}</td></tr>` : '',
    `<tr><td class="card pad" style="background:#ffffff;border-top:4px solid ${line};border-radius:6px;padding:28px 32px;font-family:${FONT};font-size:16px;line-height:1.5;color:${INK};">`,
    doc.blocks.map((b) => block(b, colour)).join('\n'),
    '</td></tr>',
    footerLines.length
      ? `<tr><td class="muted" style="padding:16px 8px;font-family:${FONT};font-size:13px;line-height:1.5;color:${MUTED};">${footerLines.map((l) => `<p style="margin:0 0 8px 0;">${l}</p>`).join('')}</td></tr>`
      : '',
    '</table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** The plain-text footer matching the HTML one: why, the link, the organisation's address. */
export function plainFooter(brand: Pick<MailBrand, 'name' | 'postalAddress'>, lines: string[]): string {
  const postal = [brand.name, ...(brand.postalAddress ? brand.postalAddress.split(/\r?\n/) : [])].filter((l): l is string => !!l && l.trim() !== '').map((l) => l.trim());
  return ['-- ', ...lines, ...(postal.length ? [postal.join(', ')] : [])].join('\n') + '\n';
}
