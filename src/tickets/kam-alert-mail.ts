import { escapeHtml } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';
import { appLink, htmlDocument } from './mail-layout';

export interface AlertAnswer {
  question: string;
  value: number;
  scale: string;
}

/** The inner loop: a KAM hears at once when one of their accounts answers very negatively. */
export function kamAlertMail(
  a: { responseId: number; customerId: number; customerName: string; contactName: string | null; contactEmail: string; campaignName: string; answers: AlertAnswer[] },
  to: { email: string; name: string },
  baseUrl: string,
): NewMail {
  const link = appLink(baseUrl, `/customers/${a.customerId}`);
  const who = a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail;
  const lines = a.answers.map((x) => `- ${x.question}: ${x.value} (${x.scale})`).join('\n');
  return {
    kind: 'kam_alert',
    to: to.email,
    toName: to.name,
    subject: `Negative answers from ${a.customerName}`,
    text: `${who} of ${a.customerName} answered ${a.campaignName} very negatively:\n\n${lines}\n\nOpen the account: ${link}\n`,
    html: htmlDocument([
      `<p>${escapeHtml(who)} of <strong>${escapeHtml(a.customerName)}</strong> answered ${escapeHtml(a.campaignName)} very negatively:</p>`,
      `<ul>${a.answers.map((x) => `<li>${escapeHtml(x.question)}: <strong>${x.value}</strong> (${escapeHtml(x.scale)})</li>`).join('')}</ul>`,
      `<p><a href="${escapeHtml(link)}">Open the account</a></p>`,
    ]),
    refType: 'response',
    refId: a.responseId,
  };
}
