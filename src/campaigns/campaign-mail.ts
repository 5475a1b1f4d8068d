/** Invitation and reminder mails: placeholders, footer and rendering in each language (no I/O). */
import { formatDate } from '../shared/format';
import { resolveLanguage, type Language } from '../shared/languages';
import { escapeHtml, fieldMarker, oneLine, TOKEN_MARKER } from '../mail/mail';
import type { SharedMailText, TemplatedMail } from '../mail/outbox.repository';
import { DEFAULT_MAIL, type Campaign, type CampaignMail } from './campaign';
import { invitationLinks, type CampaignContext } from './campaign-context';

export const PLACEHOLDERS = ['{{contact_name}}', '{{customer_name}}', '{{link}}', '{{close_date}}'] as const;

const REMINDER_PREFIX: Record<Language, string> = { en: 'Reminder: ', sv: 'Påminnelse: ', da: 'Påmindelse: ' };
const FOOTER: Record<Language, { why: string; unsubscribe: string }> = {
  en: { why: 'You receive this mail because you are a contact of {{customer_name}}.', unsubscribe: 'Do not want these mails? Unsubscribe' },
  sv: { why: 'Du får det här mejlet eftersom du är kontaktperson för {{customer_name}}.', unsubscribe: 'Vill du inte få de här mejlen? Avregistrera dig' },
  da: { why: 'Du modtager denne mail, fordi du er kontaktperson for {{customer_name}}.', unsubscribe: 'Vil du ikke modtage disse mails? Afmeld' },
};
const GREETING_FALLBACK: Record<Language, string> = { en: 'customer', sv: 'kund', da: 'kunde' };

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

function substitute(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(contact_name|customer_name|link|close_date)\}\}/g, (_m, key: string) => values[key] ?? '');
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
  const subject = (isReminder ? REMINDER_PREFIX[language] : '') + substitute(text.subject, values);
  const footer = FOOTER[language];
  const why = substitute(footer.why, values);
  const plain = `${substitute(text.body, values)}\n\n-- \n${why}\n${footer.unsubscribe}: ${v.unsubscribeLink}\n`;

  const htmlValues = { ...values, link: `\u0000LINK\u0000` };
  const linkHtml = `<a href="${escapeHtml(v.link)}">${escapeHtml(v.link)}</a>`;
  const paragraphs = substitute(text.body, htmlValues)
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

/** Whom an invitation or reminder goes to. */
export interface InvitationRecipient {
  email: string;
  name: string | null;
  language: string | null;
  customerName: string;
  customerLanguage: string;
}

/**
 * The outbox mails of a campaign's invitations (or reminders), in each contact's language (else
 * the customer's, else the default): one shared text per language, rendered once, with markers
 * where the worker puts the personal token and each contact's names at send time; each mail
 * keeps only its recipient and those names. Returns the function that makes one recipient's mail.
 */
export function invitationOutboxMails(
  campaign: Pick<Campaign, 'id' | 'mail' | 'closesAt'>,
  ctx: Pick<CampaignContext, 'baseUrl' | 'isProduction'>,
  isReminder: boolean,
): (recipient: InvitationRecipient, invitationId: number) => TemplatedMail {
  const kind = isReminder ? 'reminder' : 'invitation';
  const { link, unsubscribe } = invitationLinks(ctx, TOKEN_MARKER);
  const texts = new Map<Language, SharedMailText>();
  const textIn = (language: Language): SharedMailText => {
    let text = texts.get(language);
    if (!text) {
      const markers = { contactName: fieldMarker('contact_name'), customerName: fieldMarker('customer_name'), link, unsubscribeLink: unsubscribe, closesAt: campaign.closesAt };
      const rendered = renderInvitation(campaign.mail, language, markers, isReminder);
      text = {
        key: `campaign:${campaign.id}:${kind}:${language}`,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        refType: 'campaign',
        refId: campaign.id,
      };
      texts.set(language, text);
    }
    return text;
  };
  return (recipient, invitationId) => {
    const language = resolveLanguage(recipient.language, recipient.customerLanguage);
    return {
      kind,
      template: textIn(language),
      to: recipient.email,
      toName: recipient.name,
      fields: {
        contact_name: oneLine(clean(recipient.name?.trim() || GREETING_FALLBACK[language])),
        customer_name: oneLine(clean(recipient.customerName)),
      },
      invitationId,
    };
  };
}

/** Sample values for previews and test mails: no real token is ever made for them. */
export function sampleMailValues(campaign: Pick<Campaign, 'closesAt'>, ctx: Pick<CampaignContext, 'baseUrl' | 'isProduction'>, contactName: string): MailValues {
  const { link, unsubscribe } = invitationLinks(ctx, 'EXAMPLE-TOKEN');
  return { contactName, customerName: 'Example Customer Ltd', link, unsubscribeLink: unsubscribe, closesAt: campaign.closesAt };
}
