import type { MailSite } from '../mail/mail-layout';
import type { NewMail } from '../mail/outbox.repository';
import { staffMail } from './mail-layout';
import type { AlertAnswer, KamAlert } from './kam-alert.repository';

export type { AlertAnswer };

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

/** The daily digest: one mail listing the KAM's new alerts, each with its account and answers. */
export function kamAlertDigestMail(alerts: KamAlert[], to: { id: number; email: string; name: string }, site: MailSite): NewMail {
  const subject = alerts.length === 1 ? '1 new negative answer from your accounts' : `${alerts.length} new negative answers from your accounts`;
  return {
    kind: 'kam_alert_digest',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      subject,
      [
        { kind: 'paragraph', text: 'These accounts answered very negatively since your last digest:' },
        ...alerts.flatMap((a) => [
          { kind: 'heading' as const, text: `${a.customerName}: ${a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail}, ${a.campaignName}` },
          { kind: 'list' as const, items: a.answers.map((x) => `${x.question}: ${x.value} (${x.scale})`) },
        ]),
      ],
      { label: 'Open your overview', path: '/' },
    ),
    refType: 'user',
    refId: to.id,
  };
}
