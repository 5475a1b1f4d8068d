/** The frame every staff mail of the tickets feature shares: the organisation's design, in English like the staff pages. */
import { appLink, plainFooter, renderMailHtml, type MailBlock, type MailSite } from '../mail/mail-layout';

export { appLink };

const STAFF_FOOTER = 'You receive this mail because of your role in the customer survey follow-up.';

/** The HTML and plain-text bodies of a staff mail: its text blocks, then one button to the page it is about. */
export function staffMail(site: MailSite, subject: string, blocks: MailBlock[], action: { label: string; path: string }): { subject: string; text: string; html: string } {
  const link = appLink(site.baseUrl, action.path);
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
    text: `${plain}\n\n${action.label}: ${link}\n\n${plainFooter(site.brand, [STAFF_FOOTER])}`,
    html: renderMailHtml(site.brand, { lang: 'en', subject, blocks: [...blocks, { kind: 'button', label: action.label, href: link }], footer: [STAFF_FOOTER] }),
  };
}
