/** The mail that invites a new user to set their password (no I/O). */
import { escapeHtml } from '../mail/mail';
import { formatDate } from '../shared/format';

/** How long an invitation link works. */
export const USER_INVITATION_DAYS = 7;

/** BASE_URL/invitations/<token>: opens the page that sets the password (a GET never uses the link). */
export function userInvitationLink(baseUrl: string, token: string): string {
  return `${baseUrl}/invitations/${token}`;
}

export function userInvitationMail(v: { name: string; invitedBy: string | null; link: string; expiresAt: string }): { subject: string; text: string; html: string } {
  const subject = 'You are invited to PDS Loop';
  const by = v.invitedBy ? `${v.invitedBy} has invited you` : 'You have been invited';
  const until = formatDate(v.expiresAt, 'en');
  const lines = [
    `Hello ${v.name},`,
    '',
    `${by} to PDS Loop, where your company runs its customer evaluation. Choose your password with this link:`,
    '',
    v.link,
    '',
    `The link works once, until ${until}. If it has run out, ask an admin for a new one.`,
  ];
  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    `<p>Hello ${escapeHtml(v.name)},</p>`,
    `<p>${escapeHtml(by)} to PDS Loop, where your company runs its customer evaluation. Choose your password with this link:</p>`,
    `<p><a href="${escapeHtml(v.link)}">${escapeHtml(v.link)}</a></p>`,
    `<p>The link works once, until ${escapeHtml(until)}. If it has run out, ask an admin for a new one.</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: lines.join('\n') + '\n', html };
}
