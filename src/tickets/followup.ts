// Pure rules of "you said, we did" follow-ups: who gets one, how the preview counts them,
// the approval setting, and what a reviewer's decision covers (no I/O).
import crypto from 'node:crypto';
import { languageInText, translate, type Language, type Translate } from '../shared/languages';
import { NOTE_LANGUAGES, noteLanguageOf, type NoteLanguage, type ResolutionNote, type TicketStatus } from './ticket';

const english = translate('en', 'staff');

/** held: waiting for approval; sent: its mail is in the outbox; rejected: a reviewer stopped it. */
export const FOLLOWUP_STATES = ['held', 'sent', 'rejected'] as const;
export type FollowupState = (typeof FOLLOWUP_STATES)[number];

export function followupStateOf(value: string): FollowupState {
  return (FOLLOWUP_STATES as readonly string[]).includes(value) ? (value as FollowupState) : 'sent';
}

/** Whether follow-ups wait for a quality manager's or the account's KAM's approval: table `setting`. */
export const APPROVAL_SETTING = 'followup_approval_required';

export function isApprovalRequiredFrom(stored: string | undefined): boolean {
  return stored === '1';
}

/** "You said, we did" is true only while the ticket stays resolved (or closed): a reopened ticket's mails wait. */
export function canSendFollowupsOf(status: TicketStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

/** A contact who reported the ticket's problem, as the follow-up rules need them. */
export interface FollowupCandidate {
  contactId: number;
  email: string;
  name: string | null;
  isOptedOut: boolean;
  isSuppressed: boolean;
  /** The language they answered in, else the contact's, else the customer's. */
  language: string;
  /** Their own words about the problem, most important first. */
  words: string[];
}

export interface FollowupPlan<C extends FollowupCandidate> {
  /** Who gets the mail, each with the language it is written in. */
  recipients: (C & { mailLanguage: NoteLanguage })[];
  optedOut: C[];
  /** Their address bounced or complained: the mail would never arrive. */
  suppressed: C[];
  /** Told about this ticket before (a follow-up row exists): never twice. */
  alreadyTold: C[];
}

/**
 * Who a resolved ticket's follow-up goes to: every reporter not told before, not opted out and
 * whose address is not suppressed, in their language (unknown languages read English).
 */
export function planFollowups<C extends FollowupCandidate>(reporters: readonly C[], alreadyTold: ReadonlySet<number>): FollowupPlan<C> {
  const plan: FollowupPlan<C> = { recipients: [], optedOut: [], suppressed: [], alreadyTold: [] };
  for (const r of reporters) {
    if (alreadyTold.has(r.contactId)) plan.alreadyTold.push(r);
    else if (r.isOptedOut) plan.optedOut.push(r);
    else if (r.isSuppressed) plan.suppressed.push(r);
    else plan.recipients.push({ ...r, mailLanguage: noteLanguageOf(r.language) });
  }
  return plan;
}

/** Recipients grouped by the language of their mail: the largest group first, ties in NOTE_LANGUAGES order. */
export function byMailLanguage<C extends { mailLanguage: NoteLanguage }>(recipients: readonly C[]): { language: NoteLanguage; recipients: C[] }[] {
  return NOTE_LANGUAGES.map((language) => ({ language, recipients: recipients.filter((r) => r.mailLanguage === language) }))
    .filter((g) => g.recipients.length > 0)
    .sort((a, b) => b.recipients.length - a.recipients.length);
}

/** The counts a follow-up summary tells: who gets the mail (by language) and who does not. */
export type FollowupSummaryPlan = Pick<FollowupPlan<FollowupCandidate>, 'recipients' | 'optedOut' | 'suppressed' | 'alreadyTold'>;

/**
 * The preview's one-line count in the reader's language, e.g. "12 contacts will get this mail:
 * 8 in Swedish, 4 in English; 2 opted out and will not."
 */
export function followupSummary(plan: FollowupSummaryPlan, t: Translate = english, lang: Language = 'en'): string {
  const n = plan.recipients.length;
  const languages = byMailLanguage(plan.recipients)
    .map((g) => t('tickets.followups.summary.inLanguage', { count: g.recipients.length, language: languageInText(g.language, lang) }))
    .join(', ');
  const head = n === 0 ? t('tickets.followups.summary.nobody') : t('tickets.followups.summary.head', { count: n, languages });
  const left: string[] = [];
  if (plan.optedOut.length) left.push(t('tickets.followups.summary.optedOut', { count: plan.optedOut.length }));
  if (plan.suppressed.length) left.push(t('tickets.followups.summary.suppressed', { count: plan.suppressed.length }));
  if (plan.alreadyTold.length) left.push(t('tickets.followups.summary.alreadyTold', { count: plan.alreadyTold.length }));
  return `${[head, ...left].join('; ')}.`;
}

/**
 * A fingerprint of what a preview showed (the note and who gets it): confirming checks it, so
 * what is sent is what was seen.
 */
export function previewDigest(note: ResolutionNote, contactIds: readonly number[]): string {
  const text = JSON.stringify([NOTE_LANGUAGES.map((l) => note[l] ?? ''), [...contactIds].sort((a, b) => a - b)]);
  return crypto.createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

/** What happened to the follow-ups on resolving or approving, for the flash message. */
export function followupOutcomeText(o: { queued: number; held: number }, t: Translate = english): string {
  if (o.held > 0) return t('tickets.followups.outcome.held', { count: o.held });
  if (o.queued > 0) return t('tickets.followups.outcome.queued', { count: o.queued });
  return t('tickets.followups.outcome.none');
}
