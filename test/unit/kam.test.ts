import { canOfferReminder, changeOf, contactWaveStatus, currentWave, reminderRefusal, type ReminderState } from '../../src/kam/kam';

const wave = (campaignId: number, status: string, launchedAt: string | null) => ({ campaignId, name: `W${campaignId}`, status, launchedAt });
const waiting: ReminderState = {
  campaignStatus: 'running',
  responseStatus: null,
  isRevoked: false,
  optedOut: false,
  isSuppressed: false,
  isInactive: false,
  hasUnsentMail: false,
  kamReminderSentAt: null,
};

describe('the KAM pages\' rules', () => {
  it('shows the wave still taking answers, else the latest launched', () => {
    expect(currentWave([wave(1, 'closed', '2026-01-01'), wave(2, 'running', '2025-06-01'), wave(3, 'closed', '2026-02-01')])?.campaignId).toBe(2);
    expect(currentWave([wave(1, 'closed', '2025-01-01'), wave(3, 'closed', '2026-02-01'), wave(2, 'closed', '2026-02-01')])?.campaignId).toBe(3);
    expect(currentWave([])).toBeUndefined();
  });

  it('tells where a contact stands in the wave', () => {
    expect(contactWaveStatus(false, null)).toBe('not_invited');
    expect(contactWaveStatus(true, null)).toBe('not_answered');
    expect(contactWaveStatus(true, 'partial')).toBe('started');
    expect(contactWaveStatus(true, 'submitted')).toBe('answered');
  });

  it('offers the reminder once, only to a reachable contact who has not answered a running campaign', () => {
    expect(reminderRefusal(waiting)).toBeNull();
    expect(canOfferReminder(waiting)).toBe(true);
    expect(canOfferReminder({ ...waiting, kamReminderSentAt: '2026-03-02T08:00:00.000Z' })).toBe(false);
    expect(reminderRefusal({ ...waiting, responseStatus: 'submitted' })).toMatch(/already answered/);
    expect(reminderRefusal({ ...waiting, responseStatus: 'partial' })).toBeNull();
    expect(reminderRefusal({ ...waiting, campaignStatus: 'closed' })).toMatch(/closed/);
    expect(reminderRefusal({ ...waiting, campaignStatus: 'paused' })).toMatch(/paused/);
    expect(reminderRefusal({ ...waiting, optedOut: true })).toMatch(/opted out/);
    expect(reminderRefusal({ ...waiting, isSuppressed: true })).toMatch(/suppressed/);
    expect(reminderRefusal({ ...waiting, isRevoked: true })).toMatch(/withdrawn/);
    expect(reminderRefusal({ ...waiting, hasUnsentMail: true })).toMatch(/waiting to be sent/);
  });

  it('compares with the earlier wave only when both have a figure', () => {
    expect(changeOf(4, 3)).toBe(1);
    expect(changeOf(null, 3)).toBeNull();
    expect(changeOf(4, undefined)).toBeNull();
  });
});
