// Message builders of the tickets feature. Every mail is stored with enqueueMail in the
// caller's transaction; the outbox worker sends it.
import { escapeHtml } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';
import type { NoteLanguage } from './ticket';

const url = (baseUrl: string, path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;

function html(paragraphs: string[]): string {
  return `<!doctype html><html><body>${paragraphs.join('\n')}</body></html>`;
}

export function ticketCreatedMail(
  t: { id: number; title: string; teamName: string; dueDate: string; campaignName: string },
  to: { email: string; name: string },
  baseUrl: string,
): NewMail {
  const link = url(baseUrl, `/tickets/${t.id}`);
  return {
    kind: 'ticket_created',
    to: to.email,
    toName: to.name,
    subject: `New action ticket for ${t.teamName}: ${t.title}`,
    text: `A top problem of ${t.campaignName} was routed to ${t.teamName}.\n\n${t.title}\nDue: ${t.dueDate}\n\nOpen the ticket: ${link}\n`,
    html: html([
      `<p>A top problem of ${escapeHtml(t.campaignName)} was routed to ${escapeHtml(t.teamName)}.</p>`,
      `<p><strong>${escapeHtml(t.title)}</strong><br>Due: ${escapeHtml(t.dueDate)}</p>`,
      `<p><a href="${escapeHtml(link)}">Open the ticket</a></p>`,
    ]),
    refType: 'ticket',
    refId: t.id,
  };
}

export function ticketAssignedMail(t: { id: number; title: string; dueDate: string }, to: { email: string; name: string }, baseUrl: string): NewMail {
  const link = url(baseUrl, `/tickets/${t.id}`);
  return {
    kind: 'ticket_assigned',
    to: to.email,
    toName: to.name,
    subject: `Assigned to you: ${t.title}`,
    text: `You were assigned the action ticket "${t.title}", due ${t.dueDate}.\n\nOpen the ticket: ${link}\n`,
    html: html([
      `<p>You were assigned the action ticket <strong>${escapeHtml(t.title)}</strong>, due ${escapeHtml(t.dueDate)}.</p>`,
      `<p><a href="${escapeHtml(link)}">Open the ticket</a></p>`,
    ]),
    refType: 'ticket',
    refId: t.id,
  };
}

export function ticketOverdueMail(
  t: { id: number; title: string; dueDate: string; teamName: string; status: string },
  to: { email: string; name: string },
  baseUrl: string,
): NewMail {
  const link = url(baseUrl, `/tickets/${t.id}`);
  return {
    kind: 'ticket_escalation',
    to: to.email,
    toName: to.name,
    subject: `Overdue action ticket: ${t.title}`,
    text: `The action ticket "${t.title}" of ${t.teamName} was due ${t.dueDate} and is still ${t.status.replace('_', ' ')}.\n\nOpen the ticket: ${link}\n`,
    html: html([
      `<p>The action ticket <strong>${escapeHtml(t.title)}</strong> of ${escapeHtml(t.teamName)} was due ${escapeHtml(t.dueDate)} and is still ${escapeHtml(t.status.replace('_', ' '))}.</p>`,
      `<p><a href="${escapeHtml(link)}">Open the ticket</a></p>`,
    ]),
    refType: 'ticket',
    refId: t.id,
  };
}

const FOLLOWUP_TEXT: Record<NoteLanguage, { subject: string; hello: (name: string) => string; youSaid: string; weDid: string; question: string; yes: string; no: string; thanks: string }> = {
  en: {
    subject: 'You said, we did',
    hello: (n) => (n ? `Hello ${n},` : 'Hello,'),
    youSaid: 'In our customer survey you told us:',
    weDid: 'This is what we did:',
    question: 'Did this help?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thank you for telling us.',
  },
  sv: {
    subject: 'Ni sa, vi gjorde',
    hello: (n) => (n ? `Hej ${n},` : 'Hej,'),
    youSaid: 'I vår kundundersökning berättade du:',
    weDid: 'Det här har vi gjort:',
    question: 'Hjälpte det?',
    yes: 'Ja',
    no: 'Nej',
    thanks: 'Tack för att du berättade.',
  },
  da: {
    subject: 'I sagde, vi gjorde',
    hello: (n) => (n ? `Hej ${n},` : 'Hej,'),
    youSaid: 'I vores kundeundersøgelse fortalte du os:',
    weDid: 'Det her har vi gjort:',
    question: 'Hjalp det?',
    yes: 'Ja',
    no: 'Nej',
    thanks: 'Tak fordi du fortalte os det.',
  },
};

export function followupTexts(language: NoteLanguage) {
  return FOLLOWUP_TEXT[language];
}

/** "You said, we did": the contact's own words (escaped), the resolution note and the helpfulness links. */
export function followupMail(
  f: { followupId: number; ticketId: number; token: string; language: NoteLanguage; words: string[]; note: string },
  to: { email: string; name: string | null },
  baseUrl: string,
): NewMail {
  const t = FOLLOWUP_TEXT[f.language];
  const link = url(baseUrl, `/f/${f.token}`);
  const yes = `${link}?answer=yes`;
  const no = `${link}?answer=no`;
  const quoted = f.words.map((w) => `> ${w.replace(/\r?\n/g, '\n> ')}`).join('\n');
  return {
    kind: 'followup',
    to: to.email,
    toName: to.name,
    subject: t.subject,
    text: `${t.hello(to.name ?? '')}\n\n${t.youSaid}\n${quoted}\n\n${t.weDid}\n${f.note}\n\n${t.question}\n${t.yes}: ${yes}\n${t.no}: ${no}\n\n${t.thanks}\n`,
    html: html([
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
  const link = url(baseUrl, `/customers/${a.customerId}`);
  const who = a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail;
  const lines = a.answers.map((x) => `- ${x.question}: ${x.value} (${x.scale})`).join('\n');
  return {
    kind: 'kam_alert',
    to: to.email,
    toName: to.name,
    subject: `Negative answers from ${a.customerName}`,
    text: `${who} of ${a.customerName} answered ${a.campaignName} very negatively:\n\n${lines}\n\nOpen the account: ${link}\n`,
    html: html([
      `<p>${escapeHtml(who)} of <strong>${escapeHtml(a.customerName)}</strong> answered ${escapeHtml(a.campaignName)} very negatively:</p>`,
      `<ul>${a.answers.map((x) => `<li>${escapeHtml(x.question)}: <strong>${x.value}</strong> (${escapeHtml(x.scale)})</li>`).join('')}</ul>`,
      `<p><a href="${escapeHtml(link)}">Open the account</a></p>`,
    ]),
    refType: 'response',
    refId: a.responseId,
  };
}
