/** The mail that invites a new user to set their password, in the language chosen for them (no I/O). */
import { escapeHtml } from '../mail/mail';
import { formatDate } from '../shared/format';
import { translate, type Language } from '../shared/languages';

/** How long an invitation link works. */
export const USER_INVITATION_DAYS = 7;

/** BASE_URL/invitations/<token>: opens the page that sets the password (a GET never uses the link). */
export function userInvitationLink(baseUrl: string, token: string): string {
  return `${baseUrl}/invitations/${token}`;
}

export function userInvitationMail(v: {
  name: string;
  invitedBy: string | null;
  link: string;
  expiresAt: string;
  language?: Language;
  timeZone?: string;
}): { subject: string; text: string; html: string } {
  const lang = v.language ?? 'en';
  const t = translate(lang, 'staff');
  const subject = t('mails.userInvitation.subject');
  const hello = t('mails.userInvitation.hello', { name: v.name });
  const intro = v.invitedBy ? t('mails.userInvitation.introBy', { name: v.invitedBy }) : t('mails.userInvitation.intro');
  const until = t('mails.userInvitation.until', { date: formatDate(v.expiresAt, lang, v.timeZone ?? 'UTC') });
  const lines = [hello, '', intro, '', v.link, '', until];
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    `<p>${escapeHtml(hello)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p><a href="${escapeHtml(v.link)}">${escapeHtml(v.link)}</a></p>`,
    `<p>${escapeHtml(until)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: lines.join('\n') + '\n', html };
}
