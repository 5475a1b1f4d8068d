import { escapeHtml } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';

/** The invitation to guess the customers' top problems of a campaign. */
export function guessInvitationMail(
  round: { id: number; campaignName: string; listSize: number },
  to: { email: string; name: string },
  from: string,
  baseUrl: string,
): NewMail {
  const link = `${baseUrl.replace(/\/+$/, '')}/guesses/${round.id}`;
  const ask = `Which ${round.listSize} problems do you think our customers will put on top in ${round.campaignName}?`;
  return {
    kind: 'guess_invitation',
    to: to.email,
    toName: to.name,
    subject: `Your guess: the customers' top problems in ${round.campaignName}`,
    text: `Hello ${to.name},\n\n${from} asks for your guess before the results are shown. ${ask} Nobody sees your guess before the results are shown; then you see it against the customers' list.\n\nMake your guess: ${link}\n`,
    html: `<!doctype html><html><body><p>Hello ${escapeHtml(to.name)},</p>\n<p>${escapeHtml(from)} asks for your guess before the results are shown. ${escapeHtml(ask)} Nobody sees your guess before the results are shown; then you see it against the customers' list.</p>\n<p><a href="${escapeHtml(link)}">Make your guess</a></p></body></html>`,
    refType: 'guess_round',
    refId: round.id,
  };
}
