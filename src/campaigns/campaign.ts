import type { Language } from '../surveys/survey-definition';
import { isLanguage } from '../surveys/survey-texts';
import { escapeHtml, TOKEN_MARKER } from '../mail/mail';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const SKIP_REASONS = { frequency_window: 'Invited by another campaign within the contact-frequency window', opted_out: 'Opted out', suppressed: 'Address suppressed after a permanent delivery failure' } as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export const DEFAULT_TEMPLATE = 'annual-pds';
export const DEFAULT_NOT_EVALUATED_DAYS = 365;
export const DEFAULT_FREQUENCY_DAYS = 90;
export const DEFAULT_REMINDER_AFTER_DAYS = 7;
export const DEFAULT_REMINDER_MAX = 2;
export const DEFAULT_OPEN_DAYS = 30;

export interface Audience {
  segment?: string;
  region?: string;
  kamUserId?: number;
  relationship?: string;
  /** Leave out customers with a submitted response in this many days (0: nobody is left out). */
  notEvaluatedDays: number;
}

export interface MailText {
  subject: string;
  body: string;
}
export type CampaignMail = Record<Language, MailText>;

export const PLACEHOLDERS = ['{{contact_name}}', '{{customer_name}}', '{{link}}', '{{close_date}}'] as const;

export const DEFAULT_MAIL: CampaignMail = {
  en: {
    subject: 'How are we doing, {{customer_name}}? Your feedback counts',
    body: [
      'Dear {{contact_name}},',
      '',
      'Once a year we ask our customers how we are doing, and which problems they run into when working with us. Your answers go straight to the teams that can fix them, and we will tell you what we did about the problems you raise.',
      '',
      'The survey takes about ten minutes. You can stop and continue later with the same link:',
      '',
      '{{link}}',
      '',
      'The survey is open until {{close_date}}.',
      '',
      'Thank you for your time.',
    ].join('\n'),
  },
  sv: {
    subject: 'Hur går det för oss, {{customer_name}}? Dina synpunkter räknas',
    body: [
      'Hej {{contact_name}},',
      '',
      'En gång om året frågar vi våra kunder hur vi sköter oss och vilka problem de stöter på i samarbetet med oss. Dina svar går direkt till de team som kan åtgärda dem, och vi berättar för dig vad vi gjorde åt de problem du tar upp.',
      '',
      'Enkäten tar ungefär tio minuter. Du kan avbryta och fortsätta senare med samma länk:',
      '',
      '{{link}}',
      '',
      'Enkäten är öppen till och med {{close_date}}.',
      '',
      'Tack för att du tar dig tid.',
    ].join('\n'),
  },
  da: {
    subject: 'Hvordan klarer vi os, {{customer_name}}? Din mening tæller',
    body: [
      'Kære {{contact_name}},',
      '',
      'En gang om året spørger vi vores kunder, hvordan vi klarer os, og hvilke problemer de oplever i samarbejdet med os. Dine svar går direkte til de teams, der kan løse dem, og vi fortæller dig, hvad vi gjorde ved de problemer, du nævner.',
      '',
      'Undersøgelsen tager cirka ti minutter. Du kan stoppe og fortsætte senere med det samme link:',
      '',
      '{{link}}',
      '',
      'Undersøgelsen er åben til og med {{close_date}}.',
      '',
      'Tak fordi du tager dig tid.',
    ].join('\n'),
  },
};

const REMINDER_PREFIX: Record<Language, string> = { en: 'Reminder: ', sv: 'Påminnelse: ', da: 'Påmindelse: ' };
const FOOTER: Record<Language, { why: string; unsubscribe: string }> = {
  en: { why: 'You receive this mail because you are a contact of {{customer_name}}.', unsubscribe: 'Do not want these mails? Unsubscribe' },
  sv: { why: 'Du får det här mejlet eftersom du är kontaktperson för {{customer_name}}.', unsubscribe: 'Vill du inte få de här mejlen? Avregistrera dig' },
  da: { why: 'Du modtager denne mail, fordi du er kontaktperson for {{customer_name}}.', unsubscribe: 'Vil du ikke modtage disse mails? Afmeld' },
};
const GREETING_FALLBACK: Record<Language, string> = { en: 'customer', sv: 'kund', da: 'kunde' };
const LOCALES: Record<Language, string> = { en: 'en-GB', sv: 'sv-SE', da: 'da-DK' };

/** The contact's language, else the customer's, else English. */
export function languageOf(contactLanguage: string | null, customerLanguage: string | null): Language {
  if (isLanguage(contactLanguage)) return contactLanguage;
  if (isLanguage(customerLanguage)) return customerLanguage;
  return 'en';
}

export function formatDate(iso: string, language: Language): string {
  return new Date(iso).toLocaleDateString(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' });
}

export interface MailValues {
  contactName: string | null;
  customerName: string;
  link: string;
  unsubscribeLink: string;
  closesAt: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

// Typed values never carry placeholders or the token marker into the mail.
function clean(value: string): string {
  return value.split(TOKEN_MARKER).join('').replace(/\{\{|\}\}/g, '');
}

function substitute(template: string, values: Record<string, string>, encode: (s: string) => string): string {
  return template.replace(/\{\{(contact_name|customer_name|link|close_date)\}\}/g, (_m, key: string) => encode(values[key] ?? ''));
}

/**
 * Renders the invitation (or reminder) in one language: subject, plain text and HTML.
 * The HTML escapes everything typed; the link becomes an anchor; blank lines make paragraphs.
 */
export function renderInvitation(mail: CampaignMail, language: Language, v: MailValues, isReminder = false): RenderedMail {
  const text = mail[language] ?? DEFAULT_MAIL[language];
  const values = {
    contact_name: clean(v.contactName?.trim() || GREETING_FALLBACK[language]),
    customer_name: clean(v.customerName),
    link: v.link,
    close_date: formatDate(v.closesAt, language),
  };
  const subject = (isReminder ? REMINDER_PREFIX[language] : '') + substitute(text.subject, values, (s) => s);
  const footer = FOOTER[language];
  const why = substitute(footer.why, values, (s) => s);
  const plain = `${substitute(text.body, values, (s) => s)}\n\n-- \n${why}\n${footer.unsubscribe}: ${v.unsubscribeLink}\n`;

  const htmlValues = { ...values, link: `\u0000LINK\u0000` };
  const linkHtml = `<a href="${escapeHtml(v.link)}">${escapeHtml(v.link)}</a>`;
  const paragraphs = substitute(text.body, htmlValues, (s) => s)
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n').split('\u0000LINK\u0000').join(linkHtml)}</p>`)
    .join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    paragraphs,
    `<hr><p style="font-size: small; color: #555">${escapeHtml(why)}<br><a href="${escapeHtml(v.unsubscribeLink)}">${escapeHtml(footer.unsubscribe)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: plain, html };
}

/** draft → scheduled|running ⇄ paused → closed */
export function canPause(status: string): boolean {
  return status === 'running';
}
export function canResume(status: string): boolean {
  return status === 'paused';
}
export function canClose(status: string): boolean {
  return status !== 'closed';
}
export function canLaunch(status: string): boolean {
  return status === 'draft' || status === 'scheduled';
}
export function canEdit(status: string): boolean {
  return status === 'draft' || status === 'scheduled';
}
