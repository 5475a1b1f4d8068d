import type { MailSite } from '../mail/mail-layout';
import type { NewMail } from '../mail/outbox.repository';
import { staffMail, staffMailText, type StaffRecipient } from './mail-layout';
import type { AlertAnswer, KamAlert } from './kam-alert.repository';

export type { AlertAnswer };

/** The inner loop: a KAM hears at once, in their language, when one of their accounts answers very negatively. */
export function kamAlertMail(
  a: { responseId: number; customerId: number; customerName: string; contactName: string | null; contactEmail: string; campaignName: string; answers: AlertAnswer[] },
  to: StaffRecipient,
  site: MailSite,
): NewMail {
  const m = staffMailText(to, site);
  const who = a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail;
  return {
    kind: 'kam_alert',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      m,
      m.t('mails.kamAlert.subject', { customer: a.customerName }),
      [
        { kind: 'paragraph', text: m.t('mails.kamAlert.body', { who, customer: a.customerName, campaign: a.campaignName }) },
        { kind: 'list', items: a.answers.map((x) => `${x.question}: ${x.value} (${x.scale})`) },
      ],
      { label: m.t('mails.kamAlert.action'), path: `/customers/${a.customerId}` },
    ),
    refType: 'response',
    refId: a.responseId,
  };
}

/** The daily digest: one mail listing the KAM's new alerts, each with its account and answers. */
export function kamAlertDigestMail(alerts: KamAlert[], to: StaffRecipient & { id: number }, site: MailSite): NewMail {
  const m = staffMailText(to, site);
  return {
    kind: 'kam_alert_digest',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      m,
      m.t('mails.kamDigest.subject', { count: alerts.length }),
      [
        { kind: 'paragraph', text: m.t('mails.kamDigest.intro') },
        ...alerts.flatMap((a) => [
          { kind: 'heading' as const, text: `${a.customerName}: ${a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail}, ${a.campaignName}` },
          { kind: 'list' as const, items: a.answers.map((x) => `${x.question}: ${x.value} (${x.scale})`) },
        ]),
      ],
      { label: m.t('mails.kamDigest.action'), path: '/' },
    ),
    refType: 'user',
    refId: to.id,
  };
}
