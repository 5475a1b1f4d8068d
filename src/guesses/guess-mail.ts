import { escapeHtml } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';
import { resolveLanguage, translate } from '../shared/languages';

/** The invitation to guess the customers' top problems of a campaign, in the invitee's language (else the organisation's). */
export function guessInvitationMail(
  round: { id: number; campaignName: string; listSize: number },
  to: { email: string; name: string; language?: string | null },
  from: string,
  baseUrl: string,
  staffLanguage?: string,
): NewMail {
  const lang = resolveLanguage(to.language, staffLanguage);
  const t = translate(lang, 'staff');
  const link = `${baseUrl.replace(/\/+$/, '')}/guesses/${round.id}`;
  const hello = t('mails.guess.hello', { name: to.name });
  const body = t('mails.guess.body', { from, size: round.listSize, campaign: round.campaignName });
  const action = t('mails.guess.action');
  return {
    kind: 'guess_invitation',
    to: to.email,
    toName: to.name,
    subject: t('mails.guess.subject', { campaign: round.campaignName }),
    text: `${hello}\n\n${body}\n\n${action}: ${link}\n`,
    html: `<!doctype html><html lang="${lang}"><body><p>${escapeHtml(hello)}</p>\n<p>${escapeHtml(body)}</p>\n<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p></body></html>`,
    refType: 'guess_round',
    refId: round.id,
  };
}
