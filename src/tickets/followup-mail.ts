import { escapeHtml, TOKEN_MARKER } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';
import { NOTE_LANGUAGE_LABELS, noteFor, type NoteLanguage, type ResolutionNote } from './ticket';
import { byMailLanguage } from './followup';
import { followupTexts } from './followup-texts';
import { appLink, htmlDocument } from './mail-layout';

export interface FollowupMailContent {
  language: NoteLanguage;
  words: string[];
  note: string;
}

/** The mail's subject and bodies, with the "did this help?" page at `link`. */
function composeFollowupMail(f: FollowupMailContent, to: { name: string | null }, link: string) {
  const t = followupTexts(f.language);
  const yes = `${link}?answer=yes`;
  const no = `${link}?answer=no`;
  const quoted = f.words.map((w) => `> ${w.replace(/\r?\n/g, '\n> ')}`).join('\n');
  return {
    subject: t.subject,
    text: `${t.hello(to.name ?? '')}\n\n${t.youSaid}\n${quoted}\n\n${t.weDid}\n${f.note}\n\n${t.question}\n${t.yes}: ${yes}\n${t.no}: ${no}\n\n${t.thanks}\n`,
    html: htmlDocument([
      `<p>${escapeHtml(t.hello(to.name ?? ''))}</p>`,
      `<p>${escapeHtml(t.youSaid)}</p>`,
      ...f.words.map((w) => `<blockquote>${escapeHtml(w)}</blockquote>`),
      `<p>${escapeHtml(t.weDid)}</p>`,
      `<p>${escapeHtml(f.note).replace(/\r?\n/g, '<br>')}</p>`,
      `<p>${escapeHtml(t.question)} <a href="${escapeHtml(yes)}">${escapeHtml(t.yes)}</a> / <a href="${escapeHtml(no)}">${escapeHtml(t.no)}</a></p>`,
      `<p>${escapeHtml(t.thanks)}</p>`,
    ]),
  };
}

/**
 * "You said, we did": the contact's own words (escaped), the resolution note and the helpfulness
 * links, whose token the worker fills in at send time (TOKEN_MARKER).
 */
export function followupMail(
  f: FollowupMailContent & { followupId: number; ticketId: number },
  to: { email: string; name: string | null },
  baseUrl: string,
): NewMail {
  return {
    kind: 'followup',
    to: to.email,
    toName: to.name,
    ...composeFollowupMail(f, to, appLink(baseUrl, `/f/${TOKEN_MARKER}`)),
    headers: { 'Auto-Submitted': 'auto-generated' },
    refType: 'followup',
    refId: f.followupId,
  };
}

/**
 * The follow-up exactly as the contact will read it, for the preview before anything is sent;
 * the personal part of the link, made only when the mail is queued, is shown as "…".
 */
export function followupMailPreview(f: FollowupMailContent, to: { name: string | null }, baseUrl: string): { subject: string; text: string } {
  const { subject, text } = composeFollowupMail(f, to, appLink(baseUrl, '/f/…'));
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
  baseUrl: string,
): MailPreviewGroup[] {
  return byMailLanguage(recipients).map((g) => ({
    language: g.language,
    languageName: NOTE_LANGUAGE_LABELS[g.language],
    mails: g.recipients.map((r) => ({
      name: r.name,
      email: r.email,
      ...followupMailPreview({ language: g.language, words: r.words, note: noteFor(note, g.language) }, r, baseUrl),
    })),
  }));
}
