import type { MailSite } from '../mail/mail-layout';
import type { NewMail } from '../mail/outbox.repository';
import { staffMail } from './mail-layout';

export interface AlertAnswer {
  question: string;
  value: number;
  scale: string;
}

/** The inner loop: a KAM hears at once when one of their accounts answers very negatively. */
export function kamAlertMail(
  a: { responseId: number; customerId: number; customerName: string; contactName: string | null; contactEmail: string; campaignName: string; answers: AlertAnswer[] },
  to: { email: string; name: string },
  site: MailSite,
): NewMail {
  const who = a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail;
  return {
    kind: 'kam_alert',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      `Negative answers from ${a.customerName}`,
      [
        { kind: 'paragraph', text: `${who} of ${a.customerName} answered ${a.campaignName} very negatively:` },
        { kind: 'list', items: a.answers.map((x) => `${x.question}: ${x.value} (${x.scale})`) },
      ],
      { label: 'Open the account', path: `/customers/${a.customerId}` },
    ),
    refType: 'response',
    refId: a.responseId,
  };
}
