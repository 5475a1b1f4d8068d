/** The frame every staff mail shares: the organisation's design, in the recipient's language. */
import { appLink, plainFooter, renderMailHtml, type MailBlock, type MailSite } from '../mail/mail-layout';
import { formattersIn, type ViewFormatters } from '../shared/format';
import { resolveLanguage, translate, type Language, type Translate } from '../shared/languages';

export { appLink };

/** Who a staff mail goes to: a user (with their chosen language, if any) or a team's address. */
export interface StaffRecipient {
  email: string;
  name: string;
  language?: string | null;
}

/** A staff mail's language and texts: the recipient's own choice, else the organisation's staff language. */
export interface StaffMailText {
  lang: Language;
  t: Translate;
  fmt: ViewFormatters;
}

export function staffMailText(to: { language?: string | null }, site: MailSite): StaffMailText {
  const lang = resolveLanguage(to.language, site.language);
  return { lang, t: translate(lang, 'staff'), fmt: formattersIn(site.timeZone, lang) };
}

/** The HTML and plain-text bodies of a staff mail: its text blocks, then one button to the page it is about. */
export function staffMail(
  site: MailSite,
  text: StaffMailText,
  subject: string,
  blocks: MailBlock[],
  action: { label: string; path: string },
): { subject: string; text: string; html: string } {
  const link = appLink(site.baseUrl, action.path);
  const footer = text.t('mails.footer');
  const plain = blocks
    .map((b) => {
      switch (b.kind) {
        case 'paragraph':
        case 'heading':
          return b.text;
        case 'quote':
          return b.text.split(/\r?\n/).map((l) => `> ${l}`).join('\n');
        case 'list':
          return b.items.map((i) => `- ${i}`).join('\n');
        case 'facts':
          return b.rows.map((r) => `${r.label}: ${r.value}`).join('\n');
        default:
          return '';
      }
    })
    .filter((t) => t !== '')
    .join('\n\n');
  return {
    subject,
    text: `${plain}\n\n${action.label}: ${link}\n\n${plainFooter(site.brand, [footer])}`,
    html: renderMailHtml(site.brand, { lang: text.lang, subject, blocks: [...blocks, { kind: 'button', label: action.label, href: link }], footer: [footer] }),
  };
}
