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

/** A contact answered that what was done did not help: the team and the quality managers hear at once. */
export function notHelpfulMail(
  a: { followupId: number; ticketId: number; title: string; contactName: string | null; contactEmail: string; customerName: string; comment: string | null },
  to: { email: string; name: string },
  baseUrl: string,
): NewMail {
  const link = appLink(baseUrl, `/tickets/${a.ticketId}`);
  const who = a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail;
  const said = a.comment ? `Their comment:\n${a.comment}` : 'They left no comment.';
  return {
    kind: 'followup_not_helpful',
    to: to.email,
    toName: to.name,
    subject: `Did not help: ${a.title}`,
    text: `${who} of ${a.customerName} answered that what was done about "${a.title}" did not help.\n\n${said}\n\nOpen the ticket: ${link}\n`,
    html: htmlDocument([
      `<p>${escapeHtml(who)} of <strong>${escapeHtml(a.customerName)}</strong> answered that what was done about <strong>${escapeHtml(a.title)}</strong> did not help.</p>`,
      a.comment ? `<p>Their comment:</p><blockquote>${escapeHtml(a.comment).replace(/\r?\n/g, '<br>')}</blockquote>` : '<p>They left no comment.</p>',
      `<p><a href="${escapeHtml(link)}">Open the ticket</a></p>`,
    ]),
    refType: 'followup',
    refId: a.followupId,
  };
}

/** Follow-ups of a resolved ticket wait for the reader's approval before any customer is mailed. */
export function followupApprovalMail(t: { id: number; title: string; teamName: string; waiting: number }, to: { email: string; name: string }, baseUrl: string): NewMail {
  const link = appLink(baseUrl, `/tickets/approvals/${t.id}`);
  const mails = `${t.waiting} follow-up mail${t.waiting === 1 ? '' : 's'}`;
  return {
    kind: 'followup_approval',
    to: to.email,
    toName: to.name,
    subject: `Follow-ups to approve: ${t.title}`,
    text: `${t.teamName} resolved "${t.title}". ${mails} to the customers who reported it wait for approval; nothing is sent until then.\n\nReview the mails: ${link}\n`,
    html: htmlDocument([
      `<p>${escapeHtml(t.teamName)} resolved <strong>${escapeHtml(t.title)}</strong>. ${escapeHtml(mails)} to the customers who reported it wait for approval; nothing is sent until then.</p>`,
      `<p><a href="${escapeHtml(link)}">Review the mails</a></p>`,
    ]),
    refType: 'ticket',
    refId: t.id,
  };
}

/** A reviewer stopped the follow-ups of the team's ticket, saying why. */
export function followupRejectedMail(
  t: { id: number; title: string; reviewerName: string; reason: string; rejected: number },
  to: { email: string; name: string },
  baseUrl: string,
): NewMail {
  const link = appLink(baseUrl, `/tickets/${t.id}`);
  const mails = `${t.rejected} follow-up mail${t.rejected === 1 ? '' : 's'}`;
  return {
    kind: 'followup_rejected',
    to: to.email,
    toName: to.name,
    subject: `Follow-ups not approved: ${t.title}`,
    text: `${t.reviewerName} did not approve ${mails} of "${t.title}":\n\n${t.reason}\n\nChange the note and ask again on the ticket: ${link}\n`,
    html: htmlDocument([
      `<p>${escapeHtml(t.reviewerName)} did not approve ${escapeHtml(mails)} of <strong>${escapeHtml(t.title)}</strong>:</p>`,
      `<blockquote>${escapeHtml(t.reason).replace(/\r?\n/g, '<br>')}</blockquote>`,
      `<p><a href="${escapeHtml(link)}">Change the note and ask again on the ticket</a></p>`,
    ]),
    refType: 'ticket',
    refId: t.id,
  };
}
