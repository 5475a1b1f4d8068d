// The key account manager's pages: which wave an account is in, where each contact stands in it,
// and when the KAM may send their own reminder (pure rules, no I/O).
import { translate, type Translate } from '../shared/languages';

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

/** The staff catalogue's key of each status's name. */
export const CONTACT_STATUS_LABELS: Record<ContactWaveStatus, string> = {
  answered: 'kam.contactStatus.answered',
  started: 'kam.contactStatus.started',
  not_answered: 'kam.contactStatus.notAnswered',
  not_invited: 'kam.contactStatus.notInvited',
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
 * Why the KAM's reminder cannot go to this contact, as the staff catalogue's key of a sentence
 * for the page, or null when it can. A reminder already sent is not a refusal here: the service
 * answers it on its own.
 */
export function reminderRefusalKey(s: ReminderState): string | null {
  if (s.responseStatus === 'submitted') return 'kam.refusal.answered';
  if (s.campaignStatus === 'closed') return 'kam.refusal.closed';
  if (s.campaignStatus !== 'running') {
    if (s.campaignStatus === 'paused') return 'kam.refusal.paused';
    if (s.campaignStatus === 'scheduled') return 'kam.refusal.scheduled';
    return 'kam.refusal.notRunning';
  }
  if (s.isRevoked) return 'kam.refusal.revoked';
  if (s.optedOut) return 'kam.refusal.optedOut';
  if (s.isSuppressed) return 'kam.refusal.suppressed';
  if (s.isInactive) return 'kam.refusal.inactive';
  if (s.hasUnsentMail) return 'kam.refusal.unsentMail';
  return null;
}

const english = translate('en', 'staff');

/** The refusal as a sentence in the language of `t` (English unless given), or null. */
export function reminderRefusal(s: ReminderState, t: Translate = english): string | null {
  const key = reminderRefusalKey(s);
  return key === null ? null : t(key);
}

/** Whether the page offers the reminder button. */
export function canOfferReminder(s: ReminderState): boolean {
  return s.kamReminderSentAt === null && reminderRefusal(s) === null;
}

/** The change from the earlier wave, or null when either side has no figure. */
export function changeOf(now: number | null | undefined, before: number | null | undefined): number | null {
  return now === null || now === undefined || before === null || before === undefined ? null : now - before;
}
