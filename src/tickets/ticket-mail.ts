// Mails to staff about tickets, each in its recipient's language (their own choice, else the
// organisation's). Every mail is stored with enqueueMail in the caller's transaction; the outbox
// worker sends it.
import type { MailSite } from '../mail/mail-layout';
import type { NewMail } from '../mail/outbox.repository';
import { staffMail, staffMailText, type StaffRecipient } from './mail-layout';
import { ticketTitleIn, type TicketStatus } from './ticket';
import { categoryNameIn, type CategoryNames } from '../catalogue/catalogue';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';

export type { StaffRecipient };

/**
 * A ticket as a mail names it: given the category's names, the title (its English name when
 * routed) in the recipient's language, as ticketTitleIn says; else the title as stored.
 */
type Titled = { title: string; names?: CategoryNames };
const titleIn = (t: Titled, lang: Language): string => (t.names ? ticketTitleIn(t.title, t.names[DEFAULT_LANGUAGE], categoryNameIn(t.names, lang)) : t.title);

/** Each status as the overdue mail words it ("still in progress"): literal keys, so the catalogue check finds them. */
const STATUS_WORDS: Record<TicketStatus, string> = {
  open: 'mails.ticketStatus.open',
  in_progress: 'mails.ticketStatus.in_progress',
  resolved: 'mails.ticketStatus.resolved',
  closed: 'mails.ticketStatus.closed',
  reopened: 'mails.ticketStatus.reopened',
};

export function ticketCreatedMail(
  t: Titled & { id: number; teamName: string; dueDate: string; campaignName: string },
  to: StaffRecipient,
  site: MailSite,
): NewMail {
  const m = staffMailText(to, site);
  const title = titleIn(t, m.lang);
  return {
    kind: 'ticket_created',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      m,
      m.t('mails.ticketCreated.subject', { team: t.teamName, title }),
      [
        { kind: 'paragraph', text: m.t('mails.ticketCreated.routed', { campaign: t.campaignName, team: t.teamName }) },
        { kind: 'heading', text: title },
        { kind: 'facts', rows: [{ label: m.t('mails.ticketCreated.due'), value: m.fmt.date(t.dueDate) }] },
      ],
      { label: m.t('mails.openTicket'), path: `/tickets/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}

export function ticketAssignedMail(t: Titled & { id: number; dueDate: string }, to: StaffRecipient, site: MailSite): NewMail {
  const m = staffMailText(to, site);
  const title = titleIn(t, m.lang);
  return {
    kind: 'ticket_assigned',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      m,
      m.t('mails.ticketAssigned.subject', { title }),
      [{ kind: 'paragraph', text: m.t('mails.ticketAssigned.body', { title, due: m.fmt.date(t.dueDate) }) }],
      { label: m.t('mails.openTicket'), path: `/tickets/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}

export function ticketOverdueMail(
  t: Titled & { id: number; dueDate: string; teamName: string; status: TicketStatus },
  to: StaffRecipient,
  site: MailSite,
): NewMail {
  const m = staffMailText(to, site);
  const title = titleIn(t, m.lang);
  return {
    kind: 'ticket_escalation',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      m,
      m.t('mails.ticketOverdue.subject', { title }),
      [{ kind: 'paragraph', text: m.t('mails.ticketOverdue.body', { title, team: t.teamName, due: m.fmt.date(t.dueDate), status: m.t(STATUS_WORDS[t.status]) }) }],
      { label: m.t('mails.openTicket'), path: `/tickets/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}

/** A contact answered that what was done did not help: the team and the quality managers hear at once. */
export function notHelpfulMail(
  a: Titled & { followupId: number; ticketId: number; contactName: string | null; contactEmail: string; customerName: string; comment: string | null },
  to: StaffRecipient,
  site: MailSite,
): NewMail {
  const m = staffMailText(to, site);
  const title = titleIn(a, m.lang);
  const who = a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail;
  return {
    kind: 'followup_not_helpful',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      m,
      m.t('mails.notHelpful.subject', { title }),
      [
        { kind: 'paragraph', text: m.t('mails.notHelpful.body', { who, customer: a.customerName, title }) },
        ...(a.comment
          ? [{ kind: 'paragraph' as const, text: m.t('mails.notHelpful.comment') }, { kind: 'quote' as const, text: a.comment }]
          : [{ kind: 'paragraph' as const, text: m.t('mails.notHelpful.noComment') }]),
      ],
      { label: m.t('mails.openTicket'), path: `/tickets/${a.ticketId}` },
    ),
    refType: 'followup',
    refId: a.followupId,
  };
}

/** Follow-ups of a resolved ticket wait for the reader's approval before any customer is mailed. */
export function followupApprovalMail(t: Titled & { id: number; teamName: string; waiting: number }, to: StaffRecipient, site: MailSite): NewMail {
  const m = staffMailText(to, site);
  const title = titleIn(t, m.lang);
  return {
    kind: 'followup_approval',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      m,
      m.t('mails.followupApproval.subject', { title }),
      [{ kind: 'paragraph', text: m.t('mails.followupApproval.body', { team: t.teamName, title, count: t.waiting }) }],
      { label: m.t('mails.followupApproval.action'), path: `/tickets/approvals/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}

/** A reviewer stopped the follow-ups of the team's ticket, saying why. */
export function followupRejectedMail(
  t: Titled & { id: number; reviewerName: string; reason: string; rejected: number },
  to: StaffRecipient,
  site: MailSite,
): NewMail {
  const m = staffMailText(to, site);
  const title = titleIn(t, m.lang);
  return {
    kind: 'followup_rejected',
    to: to.email,
    toName: to.name,
    ...staffMail(
      site,
      m,
      m.t('mails.followupRejected.subject', { title }),
      [
        { kind: 'paragraph', text: m.t('mails.followupRejected.body', { reviewer: t.reviewerName, title, count: t.rejected }) },
        { kind: 'quote', text: t.reason },
      ],
      { label: m.t('mails.followupRejected.action'), path: `/tickets/${t.id}` },
    ),
    refType: 'ticket',
    refId: t.id,
  };
}
