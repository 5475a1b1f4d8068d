/** Campaigns: domain types and the pure rules of their life cycle, audience and progress (no I/O). */
import { DEFAULT_LANGUAGE, LANGUAGES, translate, type Language } from '../shared/languages';
import { addDays } from '../shared/time';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** The staff catalogue's key for each status's name (locales/<lang>/staff.json). */
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'labels.campaignStatus.draft',
  scheduled: 'labels.campaignStatus.scheduled',
  running: 'labels.campaignStatus.running',
  paused: 'labels.campaignStatus.paused',
  closed: 'labels.campaignStatus.closed',
};

/** Why a contact was not invited: the staff catalogue's key for each reason (locales/<lang>/staff/campaigns.json). */
export const SKIP_REASONS = {
  frequency_window: 'campaigns.skipReason.frequency_window',
  opted_out: 'campaigns.skipReason.opted_out',
  suppressed: 'campaigns.skipReason.suppressed',
  no_address: 'campaigns.skipReason.no_address',
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export const DEFAULT_TEMPLATE = 'annual-pds';
export const DEFAULT_NOT_EVALUATED_DAYS = 365;
export const DEFAULT_FREQUENCY_DAYS = 90;
export const DEFAULT_REMINDER_AFTER_DAYS = 7;
export const DEFAULT_REMINDER_MAX = 2;
export const DEFAULT_OPEN_DAYS = 30;

/** The setting that holds the contact-frequency window in days. */
export const CONTACT_FREQUENCY_SETTING = 'contact_frequency_days';

export interface Audience {
  segment?: string;
  region?: string;
  kamUserId?: number;
  relationship?: string;
  /** Leave out customers with a submitted response in this many days (0: nobody is left out). */
  notEvaluatedDays: number;
}

export interface MailText {
  subject: string;
  body: string;
}
export type CampaignMail = Partial<Record<Language, MailText>>;

/** Where replies to a campaign's mails go: the organisation's reply-to, the contact's KAM, or one address. */
export const REPLY_TO_KINDS = ['organisation', 'kam', 'address'] as const;
export type ReplyToKind = (typeof REPLY_TO_KINDS)[number];

/** Who a campaign's mails come from, and where a reply goes. */
export interface CampaignSender {
  /** The sender name; null: the organisation's. */
  name: string | null;
  replyTo: ReplyToKind;
  /** The address when replyTo is 'address'. */
  replyToAddress: string | null;
}

export const DEFAULT_SENDER: CampaignSender = { name: null, replyTo: 'organisation', replyToAddress: null };

export interface Campaign {
  id: number;
  name: string;
  template: string;
  status: CampaignStatus;
  audience: Audience;
  startsAt: string | null;
  closesAt: string;
  reminderAfterDays: number;
  reminderMax: number;
  mail: CampaignMail;
  sender: CampaignSender;
  hasSnapshot: boolean;
  launchedAt: string | null;
  closedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** The invitation text a new campaign starts with, in every language (locales/<lang>/mail.json). */
export const DEFAULT_MAIL: Readonly<Record<Language, MailText>> = Object.fromEntries(
  LANGUAGES.map((l) => [l, { subject: translate(l, 'mail')('invitation.subject'), body: translate(l, 'mail')('invitation.body') }]),
);

/** The default text of one language, for a mail a campaign has not written in it. */
export function defaultMailIn(language: Language): MailText {
  return DEFAULT_MAIL[language] ?? DEFAULT_MAIL[DEFAULT_LANGUAGE]!;
}

// Status rules: draft → scheduled|running ⇄ paused → closed.
export function canPause(status: CampaignStatus): boolean {
  return status === 'running';
}
export function canResume(status: CampaignStatus): boolean {
  return status === 'paused';
}
export function canClose(status: CampaignStatus): boolean {
  return status !== 'closed';
}
/** The statuses a campaign may be launched from. */
export const LAUNCHABLE_STATUSES: readonly CampaignStatus[] = ['draft', 'scheduled'];
export function canLaunch(status: CampaignStatus): boolean {
  return LAUNCHABLE_STATUSES.includes(status);
}
export function canEdit(status: CampaignStatus): boolean {
  return status === 'draft' || status === 'scheduled';
}
/** A launched campaign that has not closed may get a later close date and other reminders. */
export function canChangeSchedule(status: CampaignStatus): boolean {
  return status === 'running' || status === 'paused';
}
/** A closed campaign that was launched can be opened again, until a new close date. */
export function canReopen(campaign: Pick<Campaign, 'status' | 'launchedAt'>): boolean {
  return campaign.status === 'closed' && campaign.launchedAt !== null;
}
/** Reminders, by schedule or by hand, go out only while a campaign runs. */
export function canRemindNow(status: CampaignStatus): boolean {
  return status === 'running';
}
/** One contact's invitation can be sent again while the campaign takes answers. */
export function canResendInvitation(status: CampaignStatus): boolean {
  return status === 'running' || status === 'paused';
}

/** "Remind now" leaves out whoever was mailed this recently, so a second click mails nobody twice. */
export const REMIND_NOW_QUIET_HOURS = 24;

/** A campaign that has not closed closes once its close date has come. */
export function isPastCloseDate(campaign: Pick<Campaign, 'status' | 'closesAt'>, now: Date): boolean {
  return canClose(campaign.status) && campaign.closesAt <= now.toISOString();
}

/** The buttons a campaign page offers: a status move only where the status allows it, and only to managers. */
export interface CampaignActions {
  launch: boolean;
  pause: boolean;
  resume: boolean;
  close: boolean;
  edit: boolean;
  test: boolean;
  schedule: boolean;
  reopen: boolean;
  remindNow: boolean;
  resend: boolean;
}

export function campaignActions(campaign: Pick<Campaign, 'status' | 'launchedAt'>, canManage: boolean): CampaignActions {
  const { status } = campaign;
  return {
    launch: canManage && canLaunch(status),
    pause: canManage && canPause(status),
    resume: canManage && canResume(status),
    close: canManage && canClose(status),
    edit: canManage && canEdit(status),
    test: canManage,
    schedule: canManage && canChangeSchedule(status),
    reopen: canManage && canReopen(campaign),
    remindNow: canManage && canRemindNow(status),
    resend: canManage && canResendInvitation(status),
  };
}

/** When the next round of reminders goes out, and to about how many contacts. */
export interface NextReminder {
  /** ISO time the first of them becomes due (never before now). */
  on: string;
  /** Contacts due within a day of it. */
  contacts: number;
}

/**
 * The next reminder round from the invitations that may still get a reminder (each with when it
 * was last mailed): due `afterDays` after that; the round counts those due within a day of the
 * first. Null when no reminder is left to send, or none falls before the close date.
 */
export function nextReminder(lastMailed: readonly string[], afterDays: number, closesAt: string, now: Date): NextReminder | null {
  if (!lastMailed.length) return null;
  const due = lastMailed.map((at) => Math.max(addDays(new Date(at), afterDays).getTime(), now.getTime())).sort((a, b) => a - b);
  const first = due[0]!;
  if (first >= new Date(closesAt).getTime()) return null;
  const dayLater = first + 24 * 3600_000;
  return { on: new Date(first).toISOString(), contacts: due.filter((t) => t < dayLater).length };
}

/** What launching would do: invitations per language and segment, and the contacts left out. */
export interface LaunchPreview {
  invite: number;
  byLanguage: { language: Language; contacts: number }[];
  bySegment: { segment: string | null; contacts: number }[];
  skipped: Record<SkipReason, number>;
  /** Why the launch would be refused (a staff catalogue key and its placeholders), e.g. languages the questionnaire lacks. */
  blockedBy: { message: string; vars: Record<string, unknown> } | null;
}

/** Counts the contacts to invite by language and segment, each list largest first. */
export function countInvitations<C extends { language: Language; segment: string | null }>(invite: readonly C[]): Pick<LaunchPreview, 'byLanguage' | 'bySegment'> {
  const tally = <K>(key: (c: C) => K) => {
    const counts = new Map<K, number>();
    for (const c of invite) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]);
  };
  return {
    byLanguage: tally((c) => c.language).map(([language, contacts]) => ({ language, contacts })),
    bySegment: tally((c) => c.segment).map(([segment, contacts]) => ({ segment, contacts })),
  };
}

/**
 * When a campaign runs: it starts when launched (or at `startsAt`) and closes at `closesAt`,
 * else DEFAULT_OPEN_DAYS after its start. Returns null when it would close before it starts.
 */
export function campaignSchedule(startsAt: Date | null, closesAt: Date | null, now: Date): { startsAt: string | null; closesAt: string } | null {
  const start = startsAt ?? now;
  const closes = closesAt ?? addDays(start, DEFAULT_OPEN_DAYS);
  if (closes.getTime() <= start.getTime()) return null;
  return { startsAt: startsAt ? startsAt.toISOString() : null, closesAt: closes.toISOString() };
}

/** The stored contact-frequency window: a whole number of days ≥ 0, else the default. */
export function contactFrequencyDaysFrom(stored: string | undefined): number {
  const value = Number(stored);
  return stored !== undefined && Number.isInteger(value) && value >= 0 ? value : DEFAULT_FREQUENCY_DAYS;
}

/** Splits audience candidates into those to invite and those to skip, counting the skips by reason. */
export function partitionAudience<C extends { contactId: number; skip: SkipReason | null }>(
  candidates: readonly C[],
): { invite: C[]; skips: { contactId: number; reason: SkipReason }[]; skipped: Record<SkipReason, number> } {
  const skipped: Record<SkipReason, number> = { frequency_window: 0, opted_out: 0, suppressed: 0, no_address: 0 };
  const skips: { contactId: number; reason: SkipReason }[] = [];
  const invite: C[] = [];
  for (const c of candidates) {
    if (c.skip) {
      skips.push({ contactId: c.contactId, reason: c.skip });
      skipped[c.skip]++;
    } else invite.push(c);
  }
  return { invite, skips, skipped };
}

/** How far a campaign (or one segment of it) has come: counts of invitations. */
export interface ProgressCounts {
  invited: number;
  /** Invitation mail delivered. */
  sent: number;
  /** Invitation mail given up. */
  failed: number;
  opened: number;
  started: number;
  submitted: number;
}

export interface ProgressFigures extends ProgressCounts {
  /** Submitted responses per invitation, 0..1; 0 while nobody is invited. */
  responseRate: number;
}

export function responseRate(counts: Pick<ProgressCounts, 'invited' | 'submitted'>): number {
  return counts.invited ? counts.submitted / counts.invited : 0;
}

export function withResponseRate<C extends ProgressCounts>(counts: C): C & ProgressFigures {
  return { ...counts, responseRate: responseRate(counts) };
}

/** The figures of the whole campaign from its segments: counts add up, the rate is recomputed. */
export function sumProgress(rows: readonly ProgressCounts[]): ProgressFigures {
  const total: ProgressCounts = { invited: 0, sent: 0, failed: 0, opened: 0, started: 0, submitted: 0 };
  for (const r of rows) for (const k of Object.keys(total) as (keyof ProgressCounts)[]) total[k] += r[k];
  return withResponseRate(total);
}
