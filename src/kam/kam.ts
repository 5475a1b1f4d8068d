// The key account manager's pages: which wave an account is in, where each contact stands in it,
// and when the KAM may send their own reminder (pure rules, no I/O).

export interface WaveRef {
  campaignId: number;
  name: string;
  status: string;
  launchedAt: string | null;
}

/** A wave still taking answers comes first; otherwise the latest launched. */
export function currentWave<W extends WaveRef>(waves: readonly W[]): W | undefined {
  const newestFirst = [...waves].sort((a, b) => (b.launchedAt ?? '').localeCompare(a.launchedAt ?? '') || b.campaignId - a.campaignId);
  return newestFirst.find((w) => w.status === 'running' || w.status === 'paused') ?? newestFirst[0];
}

export type ContactWaveStatus = 'answered' | 'started' | 'not_answered' | 'not_invited';

export const CONTACT_STATUS_LABELS: Record<ContactWaveStatus, string> = {
  answered: 'Answered',
  started: 'Started, not submitted',
  not_answered: 'Not answered',
  not_invited: 'Not invited',
};

/** Everything that decides whether a KAM may remind one contact in one campaign. */
export interface ReminderState {
  campaignStatus: string;
  responseStatus: string | null;
  isRevoked: boolean;
  optedOut: boolean;
  isSuppressed: boolean;
  isInactive: boolean;
  hasUnsentMail: boolean;
  /** When the KAM's own reminder was sent; null if never. */
  kamReminderSentAt: string | null;
}

export function contactWaveStatus(invited: boolean, responseStatus: string | null): ContactWaveStatus {
  if (!invited) return 'not_invited';
  if (responseStatus === 'submitted') return 'answered';
  if (responseStatus) return 'started';
  return 'not_answered';
}

/**
 * Why the KAM's reminder cannot go to this contact, as a sentence for the page, or null when it
 * can. A reminder already sent is not a refusal here: the service answers it on its own.
 */
export function reminderRefusal(s: ReminderState): string | null {
  if (s.responseStatus === 'submitted') return 'This contact has already answered.';
  if (s.campaignStatus === 'closed') return 'The campaign is closed: it takes no more answers.';
  if (s.campaignStatus !== 'running') return `The campaign is ${s.campaignStatus}: reminders wait until it runs again.`;
  if (s.isRevoked) return "This contact's personal link was withdrawn.";
  if (s.optedOut) return 'This contact opted out: they get no more mails.';
  if (s.isSuppressed) return 'This address is suppressed after a permanent delivery failure.';
  if (s.isInactive) return 'This contact is no longer active.';
  if (s.hasUnsentMail) return 'A mail to this contact is still waiting to be sent.';
  return null;
}

/** Whether the page offers the reminder button. */
export function canOfferReminder(s: ReminderState): boolean {
  return s.kamReminderSentAt === null && reminderRefusal(s) === null;
}

/** The change from the earlier wave, or null when either side has no figure. */
export function changeOf(now: number | null | undefined, before: number | null | undefined): number | null {
  return now === null || now === undefined || before === null || before === undefined ? null : now - before;
}
