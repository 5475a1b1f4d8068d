/** Invitation and reminder mails: placeholders, footer and rendering in each language (no I/O). */
import { formatDate } from '../shared/format';
import { resolveLanguage, translate, type Language } from '../shared/languages';
import { batchFieldValue, fieldMarker, fieldValue, SENDER_NAME_HEADER, TOKEN_MARKER, withoutPlaceholders, type CheckedAddress } from '../mail/mail';
import { plainFooter, renderMailHtml, type MailBlock, type MailBrand, type MailSite } from '../mail/mail-layout';
import type { SharedMailText, TemplatedMail } from '../mail/outbox.repository';
import { defaultMailIn, DEFAULT_SENDER, type Campaign, type CampaignMail, type CampaignSender } from './campaign';
import { invitationLinks, type CampaignContext } from './campaign-context';

export const PLACEHOLDERS = ['{{contact_name}}', '{{customer_name}}', '{{link}}', '{{close_date}}'] as const;

function mailTexts(language: Language) {
  const t = translate(language, 'mail');
  return {
    reminderPrefix: t('reminderPrefix'),
    why: t('footer.why'),
    unsubscribe: t('footer.unsubscribe'),
    greetingFallback: t('greetingFallback'),
    open: t('button.open'),
    linkIntro: t('button.linkIntro'),
  };
}

export interface MailValues {
  contactName: string | null;
  customerName: string;
  link: string;
  unsubscribeLink: string;
  closesAt: string;
  /** The zone the close date is shown in (the organisation's). */
  timeZone?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

// Typed values never carry placeholders or the token marker into the mail.
function substitute(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(contact_name|customer_name|link|close_date)\}\}/g, (_m, key: string) => values[key] ?? '');
}

/**
 * Renders the invitation (or reminder) in one language: subject, plain text and HTML in the
 * organisation's design. The HTML escapes everything typed; a paragraph that is only the link
 * becomes a button with the link written out below it; a link inside a sentence stays a link.
 */
export function renderInvitation(mail: CampaignMail, language: Language, v: MailValues, brand: MailBrand, isReminder = false): RenderedMail {
  const text = mail[language] ?? defaultMailIn(language);
  const fixed = mailTexts(language);
  const values = {
    contact_name: withoutPlaceholders(v.contactName?.trim() || fixed.greetingFallback),
    customer_name: withoutPlaceholders(v.customerName),
    link: v.link,
    close_date: formatDate(v.closesAt, language, v.timeZone ?? 'UTC'),
  };
  const subject = (isReminder ? fixed.reminderPrefix : '') + substitute(text.subject, values);
  const footer = { why: fixed.why, unsubscribe: fixed.unsubscribe };
  const why = substitute(footer.why, values);
  const body = substitute(text.body, values);
  const plain = `${body}\n\n${plainFooter(brand, [why, `${footer.unsubscribe}: ${v.unsubscribeLink}`])}`;

  const blocks: MailBlock[] = [];
  let hasButton = false;
  for (const p of substitute(text.body, { ...values, link: LINK_SLOT }).split(/\n{2,}/)) {
    if (p.trim() === LINK_SLOT) {
      blocks.push({ kind: 'button', label: fixed.open, href: v.link, linkIntro: fixed.linkIntro });
      hasButton = true;
    } else {
      blocks.push({ kind: 'paragraph', text: p.split(LINK_SLOT).join(v.link) });
    }
  }
  // The link inside a sentence only: the button still comes, after the text.
  if (!hasButton) blocks.push({ kind: 'button', label: fixed.open, href: v.link, linkIntro: fixed.linkIntro });
  const html = renderMailHtml(brand, {
    lang: language,
    subject,
    blocks,
    footer: [why],
    footerLink: { label: footer.unsubscribe, href: v.unsubscribeLink },
  });
  return { subject, text: plain, html };
}

const LINK_SLOT = '\u0000LINK\u0000';

/** Whom an invitation or reminder goes to. */
/**
 * The headers that make the worker send a campaign's mail under its own sender name and reply-to
 * (else the organisation's): `kamAddress` is who replies reach when the campaign sends them to
 * the KAM (a marker filled per contact, or the signed-in manager for a test).
 */
export function campaignSenderHeaders(sender: CampaignSender, kamAddress: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (sender.name) headers[SENDER_NAME_HEADER] = sender.name;
  if (sender.replyTo === 'kam') headers['Reply-To'] = kamAddress;
  if (sender.replyTo === 'address' && sender.replyToAddress) headers['Reply-To'] = sender.replyToAddress;
  return headers;
}

export interface InvitationRecipient {
  email: string;
  /** The email checked already (a launch's audience): the mail goes there. */
  address?: CheckedAddress;
  name: string | null;
  language: string | null;
  customerName: string;
  customerLanguage: string;
  /** The customer's KAM, when the campaign sends replies there. */
  kamEmail?: string | null;
}

/**
 * The outbox mails of a campaign's invitations (or reminders), in each contact's language (else
 * the customer's, else the default): one shared text per language, rendered once, with markers
 * where the worker puts the personal token and each contact's names at send time; each mail
 * keeps only its recipient and those names. Returns the function that makes one recipient's mail.
 */
export function invitationOutboxMails(
  campaign: Pick<Campaign, 'id' | 'mail' | 'closesAt'> & { sender?: CampaignSender },
  ctx: Pick<CampaignContext, 'baseUrl' | 'isProduction'>,
  isReminder: boolean,
  site: Pick<MailSite, 'brand' | 'timeZone'>,
): (recipient: InvitationRecipient, invitationId: number) => TemplatedMail {
  const sender = campaign.sender ?? DEFAULT_SENDER;
  const senderHeaders = campaignSenderHeaders(sender, fieldMarker('reply_to'));
  const kind = isReminder ? 'reminder' : 'invitation';
  const { link, unsubscribe } = invitationLinks(ctx, TOKEN_MARKER);
  const texts = new Map<Language, SharedMailText>();
  const textIn = (language: Language): SharedMailText => {
    let text = texts.get(language);
    if (!text) {
      const markers = { contactName: fieldMarker('contact_name'), customerName: fieldMarker('customer_name'), link, unsubscribeLink: unsubscribe, closesAt: campaign.closesAt, timeZone: site.timeZone };
      const rendered = renderInvitation(campaign.mail, language, markers, site.brand, isReminder);
      text = {
        key: `campaign:${campaign.id}:${kind}:${language}`,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', ...senderHeaders },
        refType: 'campaign',
        refId: campaign.id,
      };
      texts.set(language, text);
    }
    return text;
  };
  const fallbacks = new Map<Language, string>();
  const greetingFallback = (language: Language): string => {
    let fallback = fallbacks.get(language);
    if (fallback === undefined) fallbacks.set(language, (fallback = translate(language, 'mail')('greetingFallback')));
    return fallback;
  };
  const customerField = batchFieldValue();
  return (recipient, invitationId) => {
    const language = resolveLanguage(recipient.language, recipient.customerLanguage);
    return {
      kind,
      template: textIn(language),
      to: recipient.address ?? recipient.email,
      toName: recipient.name,
      fields: {
        contact_name: fieldValue(recipient.name?.trim() || greetingFallback(language)),
        customer_name: customerField(recipient.customerName),
        ...(sender.replyTo === 'kam' ? { reply_to: recipient.kamEmail ?? '' } : {}),
      },
      invitationId,
      customerName: recipient.customerName,
    };
  };
}

/** Sample values for previews and test mails: no real token is ever made for them. */
export function sampleMailValues(campaign: Pick<Campaign, 'closesAt'>, ctx: Pick<CampaignContext, 'baseUrl' | 'isProduction'>, contactName: string, timeZone = 'UTC'): MailValues {
  const { link, unsubscribe } = invitationLinks(ctx, 'EXAMPLE-TOKEN');
  return { contactName, customerName: 'Example Customer Ltd', link, unsubscribeLink: unsubscribe, closesAt: campaign.closesAt, timeZone };
}
