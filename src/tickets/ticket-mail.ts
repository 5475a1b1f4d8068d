// Mails to staff about tickets. Every mail is stored with enqueueMail in the caller's
// transaction; the outbox worker sends it.
import { escapeHtml } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';
import { appLink, htmlDocument } from './mail-layout';

export function ticketCreatedMail(
  t: { id: number; title: string; teamName: string; dueDate: string; campaignName: string },
  to: { email: string; name: string },
  baseUrl: string,
): NewMail {
  const link = appLink(baseUrl, `/tickets/${t.id}`);
  return {
    kind: 'ticket_created',
    to: to.email,
    toName: to.name,
    subject: `New action ticket for ${t.teamName}: ${t.title}`,
    text: `A top problem of ${t.campaignName} was routed to ${t.teamName}.\n\n${t.title}\nDue: ${t.dueDate}\n\nOpen the ticket: ${link}\n`,
    html: htmlDocument([
      `<p>A top problem of ${escapeHtml(t.campaignName)} was routed to ${escapeHtml(t.teamName)}.</p>`,
      `<p><strong>${escapeHtml(t.title)}</strong><br>Due: ${escapeHtml(t.dueDate)}</p>`,
      `<p><a href="${escapeHtml(link)}">Open the ticket</a></p>`,
    ]),
    refType: 'ticket',
    refId: t.id,
  };
}

export function ticketAssignedMail(t: { id: number; title: string; dueDate: string }, to: { email: string; name: string }, baseUrl: string): NewMail {
  const link = appLink(baseUrl, `/tickets/${t.id}`);
  return {
    kind: 'ticket_assigned',
    to: to.email,
    toName: to.name,
    subject: `Assigned to you: ${t.title}`,
    text: `You were assigned the action ticket "${t.title}", due ${t.dueDate}.\n\nOpen the ticket: ${link}\n`,
    html: htmlDocument([
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
  const link = appLink(baseUrl, `/tickets/${t.id}`);
  return {
    kind: 'ticket_escalation',
    to: to.email,
    toName: to.name,
    subject: `Overdue action ticket: ${t.title}`,
    text: `The action ticket "${t.title}" of ${t.teamName} was due ${t.dueDate} and is still ${t.status.replace('_', ' ')}.\n\nOpen the ticket: ${link}\n`,
    html: htmlDocument([
      `<p>The action ticket <strong>${escapeHtml(t.title)}</strong> of ${escapeHtml(t.teamName)} was due ${escapeHtml(t.dueDate)} and is still ${escapeHtml(t.status.replace('_', ' '))}.</p>`,
      `<p><a href="${escapeHtml(link)}">Open the ticket</a></p>`,
    ]),
    refType: 'ticket',
    refId: t.id,
  };
}
