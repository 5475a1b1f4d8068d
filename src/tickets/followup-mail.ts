import { escapeHtml } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';
import type { NoteLanguage } from './ticket';
import { followupTexts } from './followup-texts';
import { appLink, htmlDocument } from './mail-layout';

/** "You said, we did": the contact's own words (escaped), the resolution note and the helpfulness links. */
export function followupMail(
  f: { followupId: number; ticketId: number; token: string; language: NoteLanguage; words: string[]; note: string },
  to: { email: string; name: string | null },
  baseUrl: string,
): NewMail {
  const t = followupTexts(f.language);
  const link = appLink(baseUrl, `/f/${f.token}`);
  const yes = `${link}?answer=yes`;
  const no = `${link}?answer=no`;
  const quoted = f.words.map((w) => `> ${w.replace(/\r?\n/g, '\n> ')}`).join('\n');
  return {
    kind: 'followup',
    to: to.email,
    toName: to.name,
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
    headers: { 'Auto-Submitted': 'auto-generated' },
    refType: 'followup',
    refId: f.followupId,
  };
}
