// Mails to staff about tickets. Every mail is stored with enqueueMail in the caller's
// transaction; the outbox worker sends it.
import type { MailSite } from '../mail/mail-layout';
import type { NewMail } from '../mail/outbox.repository';
import { formatDate } from '../shared/format';
import { staffMail } from './mail-layout';

const day = (date: string, site: MailSite) => formatDate(date, 'en', site.timeZone);

export function ticketCreatedMail(
  t: { id: number; title: string; teamName: string; dueDate: string; campaignName: string },
  to: { email: string; name: string },
  site: MailSite,
): NewMail {
  return {
    kind: 'ticket_created',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      `New action ticket for ${t.teamName}: ${t.title}`,
      [
        { kind: 'paragraph', text: `A top problem of ${t.campaignName} was routed to ${t.teamName}.` },
        { kind: 'heading', text: t.title },
        { kind: 'facts', rows: [{ label: 'Due', value: day(t.dueDate, site) }] },
      ],
      { label: 'Open the ticket', path: `/tickets/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}

export function ticketAssignedMail(t: { id: number; title: string; dueDate: string }, to: { email: string; name: string }, site: MailSite): NewMail {
  return {
    kind: 'ticket_assigned',
    to: to.email,
    toName: to.name,
    ...staffMail(site, `Assigned to you: ${t.title}`, [{ kind: 'paragraph', text: `You were assigned the action ticket "${t.title}", due ${day(t.dueDate, site)}.` }], {
      label: 'Open the ticket',
      path: `/tickets/${t.id}`,
    }),
    refType: 'ticket',
    refId: t.id,
  };
}

export function ticketOverdueMail(
  t: { id: number; title: string; dueDate: string; teamName: string; status: string },
  to: { email: string; name: string },
  site: MailSite,
): NewMail {
  return {
    kind: 'ticket_escalation',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      `Overdue action ticket: ${t.title}`,
      [{ kind: 'paragraph', text: `The action ticket "${t.title}" of ${t.teamName} was due ${day(t.dueDate, site)} and is still ${t.status.replace('_', ' ')}.` }],
      { label: 'Open the ticket', path: `/tickets/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}

/** A contact answered that what was done did not help: the team and the quality managers hear at once. */
export function notHelpfulMail(
  a: { followupId: number; ticketId: number; title: string; contactName: string | null; contactEmail: string; customerName: string; comment: string | null },
  to: { email: string; name: string },
  site: MailSite,
): NewMail {
  const who = a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail;
  return {
    kind: 'followup_not_helpful',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      `Did not help: ${a.title}`,
      [
        { kind: 'paragraph', text: `${who} of ${a.customerName} answered that what was done about "${a.title}" did not help.` },
        ...(a.comment ? [{ kind: 'paragraph' as const, text: 'Their comment:' }, { kind: 'quote' as const, text: a.comment }] : [{ kind: 'paragraph' as const, text: 'They left no comment.' }]),
      ],
      { label: 'Open the ticket', path: `/tickets/${a.ticketId}` },
    ),
    refType: 'followup',
    refId: a.followupId,
  };
}

/** Follow-ups of a resolved ticket wait for the reader's approval before any customer is mailed. */
export function followupApprovalMail(t: { id: number; title: string; teamName: string; waiting: number }, to: { email: string; name: string }, site: MailSite): NewMail {
  const mails = `${t.waiting} follow-up mail${t.waiting === 1 ? '' : 's'}`;
  return {
    kind: 'followup_approval',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      `Follow-ups to approve: ${t.title}`,
      [{ kind: 'paragraph', text: `${t.teamName} resolved "${t.title}". ${mails} to the customers who reported it wait for approval; nothing is sent until then.` }],
      { label: 'Review the mails', path: `/tickets/approvals/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}

/** A reviewer stopped the follow-ups of the team's ticket, saying why. */
export function followupRejectedMail(
  t: { id: number; title: string; reviewerName: string; reason: string; rejected: number },
  to: { email: string; name: string },
  site: MailSite,
): NewMail {
  const mails = `${t.rejected} follow-up mail${t.rejected === 1 ? '' : 's'}`;
  return {
    kind: 'followup_rejected',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      `Follow-ups not approved: ${t.title}`,
      [
        { kind: 'paragraph', text: `${t.reviewerName} did not approve ${mails} of "${t.title}":` },
        { kind: 'quote', text: t.reason },
      ],
      { label: 'Change the note and ask again on the ticket', path: `/tickets/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}
