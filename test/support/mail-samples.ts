// One sample of every mail template, rendered as the app renders it, for the spam score and
// the phone screenshots (test/mail/spam-score.test.ts, test/e2e/mail.e2e.test.ts).
import { renderInvitation } from '../../src/campaigns/campaign-mail';
import { DEFAULT_MAIL } from '../../src/campaigns/campaign';
import type { MailSite } from '../../src/mail/mail-layout';
import { followupMail } from '../../src/tickets/followup-mail';
import { followupApprovalMail, notHelpfulMail, ticketCreatedMail } from '../../src/tickets/ticket-mail';
import { kamAlertMail } from '../../src/tickets/kam-alert-mail';

// A realistic brand: no logo here (a remote image makes no difference to the local rules, and the screenshot shows the header without a network).
export const SAMPLE_SITE: MailSite = {
  baseUrl: 'https://survey.nordvik.example',
  timeZone: 'Europe/Stockholm',
  brand: { name: 'Nordvik Logistics AB', logoUrl: null, colour: '#c8102e', postalAddress: 'Hamngatan 1\n411 06 Göteborg\nSweden' },
};

export interface SampleMail {
  name: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const TOKEN = 'Qm9vb2tzLWFyZS1ncmVhdC1yZWFkLXRoZW0tMDEyMzQ1';

export function sampleMails(site: MailSite = SAMPLE_SITE): SampleMail[] {
  const values = {
    contactName: 'Anna Lindqvist',
    customerName: 'Acme Oy',
    link: `${site.baseUrl}/s/${TOKEN}`,
    unsubscribeLink: `${site.baseUrl}/u/${TOKEN}`,
    closesAt: '2026-03-31T21:59:00.000Z',
    timeZone: site.timeZone,
  };
  const unsubscribe = { 'List-Unsubscribe': `<${values.unsubscribeLink}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  const fill = (s: string) => s.split('[[pds-token]]').join(TOKEN);
  const followup = followupMail(
    { followupId: 1, ticketId: 1, language: 'sv', words: ['Leveranserna kommer ofta en dag för sent och ingen hör av sig.'], note: 'Vi har lagt till en extra avgång från Göteborg varje morgon och skickar nu ett sms när en leverans blir försenad.' },
    { email: 'anna@acme.example', name: 'Anna Lindqvist' },
    site,
  );
  const to = { email: 'lena@nordvik.example', name: 'Lena' };
  const staff = [
    { name: 'staff-ticket-created', mail: ticketCreatedMail({ id: 7, title: 'Late deliveries', teamName: 'Logistics', dueDate: '2026-04-30', campaignName: 'Annual 2026' }, to, site) },
    { name: 'staff-not-helpful', mail: notHelpfulMail({ followupId: 1, ticketId: 7, title: 'Late deliveries', contactName: 'Anna Lindqvist', contactEmail: 'anna@acme.example', customerName: 'Acme Oy', comment: 'Still late last week.' }, to, site) },
    { name: 'staff-followup-approval', mail: followupApprovalMail({ id: 7, title: 'Late deliveries', teamName: 'Logistics', waiting: 12 }, to, site) },
    { name: 'staff-kam-alert', mail: kamAlertMail({ responseId: 3, customerId: 4, customerName: 'Acme Oy', contactName: 'Anna Lindqvist', contactEmail: 'anna@acme.example', campaignName: 'Annual 2026', answers: [{ question: 'Overall satisfaction', value: 1, scale: '1–5' }] }, to, site) },
    // Staff who read Swedish or Danish get their mails in it (spam rules must not mind).
    { name: 'staff-ticket-created-sv', mail: ticketCreatedMail({ id: 7, title: 'Sena leveranser', teamName: 'Logistik', dueDate: '2026-04-30', campaignName: 'Årlig 2026' }, { ...to, language: 'sv' }, site) },
    { name: 'staff-followup-approval-da', mail: followupApprovalMail({ id: 7, title: 'Sene leverancer', teamName: 'Logistik', waiting: 12 }, { ...to, language: 'da' }, site) },
    { name: 'staff-kam-alert-da', mail: kamAlertMail({ responseId: 3, customerId: 4, customerName: 'Acme Oy', contactName: 'Anna Lindqvist', contactEmail: 'anna@acme.example', campaignName: 'Årlig 2026', answers: [{ question: 'Samlet tilfredshed', value: 1, scale: '1–5' }] }, { ...to, language: 'da' }, site) },
  ];
  return [
    { name: 'invitation-en', ...renderInvitation(DEFAULT_MAIL, 'en', values, site.brand), headers: unsubscribe },
    { name: 'invitation-sv', ...renderInvitation(DEFAULT_MAIL, 'sv', values, site.brand), headers: unsubscribe },
    { name: 'reminder-da', ...renderInvitation(DEFAULT_MAIL, 'da', values, site.brand, true), headers: unsubscribe },
    { name: 'followup-sv', subject: followup.subject, text: fill(followup.text), html: fill(followup.html), headers: followup.headers ?? {} },
    ...staff.map((s) => ({ name: s.name, subject: s.mail.subject, text: s.mail.text, html: s.mail.html, headers: s.mail.headers ?? {} })),
  ];
}
