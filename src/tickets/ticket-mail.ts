// Mails to staff about tickets, each in its recipient's language (their own choice, else the
// organisation's). Every mail is stored with enqueueMail in the caller's transaction; the outbox
// worker sends it.
import type { MailBlock, MailSite } from '../mail/mail-layout';
import type { NewMail } from '../mail/outbox.repository';
import { staffMail, staffMailText, type StaffMailText, type StaffRecipient } from './mail-layout';
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

/**
 * What sets one ticket mail apart from the others; the rest (language, title, layout, the button,
 * the outbox row) is the same for all of them, in ticketMail.
 */
interface TicketMailShape<T extends Titled> {
  kind: string;
  subject: (m: StaffMailText, title: string, t: T) => string;
  blocks: (m: StaffMailText, title: string, t: T) => MailBlock[];
  /** The ticket the mail is about: its page is the button's, and the outbox row's ref, unless given below. */
  ticketId: (t: T) => number;
  /** The button's label key and page, when not "Open the ticket" and the ticket's page. */
  action?: { label: string; path: (t: T) => string };
  /** What the outbox row is about, when not the ticket. */
  ref?: (t: T) => { refType: string; refId: number };
}

/** One builder for every ticket mail: in the recipient's language, with the ticket titled in it. */
function ticketMail<T extends Titled>(shape: TicketMailShape<T>): (t: T, to: StaffRecipient, site: MailSite) => NewMail {
  return (t, to, site) => {
    const m = staffMailText(to, site);
    const title = titleIn(t, m.lang);
    const id = shape.ticketId(t);
    const action = shape.action ? { label: m.t(shape.action.label), path: shape.action.path(t) } : { label: m.t('mails.openTicket'), path: `/tickets/${id}` };
    return {
      kind: shape.kind,
      to: to.email,
      toName: to.name,
      ...staffMail(site, m, shape.subject(m, title, t), shape.blocks(m, title, t), action),
      ...(shape.ref?.(t) ?? { refType: 'ticket', refId: id }),
    };
  };
}

const byId = (t: { id: number }) => t.id;

export const ticketCreatedMail = ticketMail<Titled & { id: number; teamName: string; dueDate: string; campaignName: string }>({
  kind: 'ticket_created',
  ticketId: byId,
  subject: (m, title, t) => m.t('mails.ticketCreated.subject', { team: t.teamName, title }),
  blocks: (m, title, t) => [
    { kind: 'paragraph', text: m.t('mails.ticketCreated.routed', { campaign: t.campaignName, team: t.teamName }) },
    { kind: 'heading', text: title },
    { kind: 'facts', rows: [{ label: m.t('mails.ticketCreated.due'), value: m.fmt.date(t.dueDate) }] },
  ],
});

export const ticketAssignedMail = ticketMail<Titled & { id: number; dueDate: string }>({
  kind: 'ticket_assigned',
  ticketId: byId,
  subject: (m, title) => m.t('mails.ticketAssigned.subject', { title }),
  blocks: (m, title, t) => [{ kind: 'paragraph', text: m.t('mails.ticketAssigned.body', { title, due: m.fmt.date(t.dueDate) }) }],
});

export const ticketOverdueMail = ticketMail<Titled & { id: number; dueDate: string; teamName: string; status: TicketStatus }>({
  kind: 'ticket_escalation',
  ticketId: byId,
  subject: (m, title) => m.t('mails.ticketOverdue.subject', { title }),
  blocks: (m, title, t) => [{ kind: 'paragraph', text: m.t('mails.ticketOverdue.body', { title, team: t.teamName, due: m.fmt.date(t.dueDate), status: m.t(STATUS_WORDS[t.status]) }) }],
});

/** A contact answered that what was done did not help: the team and the quality managers hear at once. */
export const notHelpfulMail = ticketMail<Titled & { followupId: number; ticketId: number; contactName: string | null; contactEmail: string; customerName: string; comment: string | null }>({
  kind: 'followup_not_helpful',
  ticketId: (a) => a.ticketId,
  subject: (m, title) => m.t('mails.notHelpful.subject', { title }),
  blocks: (m, title, a) => [
    { kind: 'paragraph', text: m.t('mails.notHelpful.body', { who: a.contactName ? `${a.contactName} <${a.contactEmail}>` : a.contactEmail, customer: a.customerName, title }) },
    ...(a.comment
      ? [{ kind: 'paragraph' as const, text: m.t('mails.notHelpful.comment') }, { kind: 'quote' as const, text: a.comment }]
      : [{ kind: 'paragraph' as const, text: m.t('mails.notHelpful.noComment') }]),
  ],
  ref: (a) => ({ refType: 'followup', refId: a.followupId }),
});

/** Follow-ups of a resolved ticket wait for the reader's approval before any customer is mailed. */
export const followupApprovalMail = ticketMail<Titled & { id: number; teamName: string; waiting: number }>({
  kind: 'followup_approval',
  ticketId: byId,
  subject: (m, title) => m.t('mails.followupApproval.subject', { title }),
  blocks: (m, title, t) => [{ kind: 'paragraph', text: m.t('mails.followupApproval.body', { team: t.teamName, title, count: t.waiting }) }],
  action: { label: 'mails.followupApproval.action', path: (t) => `/tickets/approvals/${t.id}` },
});

/** A reviewer stopped the follow-ups of the team's ticket, saying why. */
export const followupRejectedMail = ticketMail<Titled & { id: number; reviewerName: string; reason: string; rejected: number }>({
  kind: 'followup_rejected',
  ticketId: byId,
  subject: (m, title) => m.t('mails.followupRejected.subject', { title }),
  blocks: (m, title, t) => [
    { kind: 'paragraph', text: m.t('mails.followupRejected.body', { reviewer: t.reviewerName, title, count: t.rejected }) },
    { kind: 'quote', text: t.reason },
  ],
  action: { label: 'mails.followupRejected.action', path: (t) => `/tickets/${t.id}` },
});
