import { TOKEN_MARKER } from '../mail/mail';
import { appLink, plainFooter, renderMailHtml, type MailBlock, type MailBrand, type MailSite } from '../mail/mail-layout';
import type { NewMail } from '../mail/outbox.repository';
import { NOTE_LANGUAGE_LABELS, noteFor, type NoteLanguage, type ResolutionNote } from './ticket';
import { byMailLanguage } from './followup';
import { followupTexts } from './followup-texts';

export interface FollowupMailContent {
  language: NoteLanguage;
  words: string[];
  note: string;
}

/** The mail's subject and bodies, with the "did this help?" page at `link`. */
function composeFollowupMail(f: FollowupMailContent, to: { name: string | null }, link: string, brand: MailBrand) {
  const t = followupTexts(f.language);
  const yes = `${link}?answer=yes`;
  const no = `${link}?answer=no`;
  const quoted = f.words.map((w) => `> ${w.replace(/\r?\n/g, '\n> ')}`).join('\n');
  const subject = brand.name ? `${t.subject} · ${brand.name}` : t.subject;
  return {
    subject,
    text: `${t.hello(to.name ?? '')}\n\n${t.youSaid}\n${quoted}\n\n${t.weDid}\n${f.note}\n\n${t.question}\n${t.yes}: ${yes}\n${t.no}: ${no}\n\n${t.thanks}\n\n${plainFooter(brand, [t.why])}`,
    html: renderMailHtml(brand, {
      lang: f.language,
      subject,
      blocks: [
        { kind: 'paragraph', text: t.hello(to.name ?? '') },
        { kind: 'paragraph', text: t.youSaid },
        ...f.words.map((w): MailBlock => ({ kind: 'quote', text: w })),
        { kind: 'heading', text: t.weDid },
        { kind: 'paragraph', text: f.note },
        { kind: 'choice', question: t.question, options: [{ label: t.yes, href: yes }, { label: t.no, href: no }] },
        { kind: 'paragraph', text: t.thanks },
      ],
      footer: [t.why],
    }),
  };
}

/**
 * "You said, we did": the contact's own words (escaped), the resolution note and the helpfulness
 * links, whose token the worker fills in at send time (TOKEN_MARKER).
 */
export function followupMail(
  f: FollowupMailContent & { followupId: number; ticketId: number },
  to: { email: string; name: string | null },
  site: MailSite,
): NewMail {
  return {
    kind: 'followup',
    to: to.email,
    toName: to.name,
    ...composeFollowupMail(f, to, appLink(site.baseUrl, `/f/${TOKEN_MARKER}`), site.brand),
    headers: { 'Auto-Submitted': 'auto-generated' },
    refType: 'followup',
    refId: f.followupId,
  };
}

/**
 * The follow-up exactly as the contact will read it, for the preview before anything is sent;
 * the personal part of the link, made only when the mail is queued, is shown as "…".
 */
export function followupMailPreview(f: FollowupMailContent, to: { name: string | null }, site: MailSite): { subject: string; text: string } {
  const { subject, text } = composeFollowupMail(f, to, appLink(site.baseUrl, '/f/…'), site.brand);
  return { subject, text };
}

export interface MailPreviewGroup {
  language: NoteLanguage;
  /** The language in words ("Swedish"). */
  languageName: string;
  mails: { name: string | null; email: string; subject: string; text: string }[];
}

/** Each recipient's mail as they will read it, grouped by language, the largest group first. */
export function previewFollowupMails(
  recipients: readonly { name: string | null; email: string; words: string[]; mailLanguage: NoteLanguage }[],
  note: ResolutionNote,
  site: MailSite,
): MailPreviewGroup[] {
  return byMailLanguage(recipients).map((g) => ({
    language: g.language,
    languageName: NOTE_LANGUAGE_LABELS[g.language] ?? g.language,
    mails: g.recipients.map((r) => ({
      name: r.name,
      email: r.email,
      ...followupMailPreview({ language: g.language, words: r.words, note: noteFor(note, g.language) }, r, site),
    })),
  }));
}
