import { endOfLocalDay, formatDate, formatDateTime, formattersIn, isTimeZone, timeZoneLabel, utcToZonedDate, utcToZonedInput, zonedTimeToUtc } from '../../src/shared/format';

// Stockholm moves its clocks on 29 March 2026 (02:00 → 03:00) and 25 October 2026 (03:00 → 02:00).
describe('times in the organisation\'s zone', () => {
  it('shows the same moment in local time on both sides of a daylight-saving change', () => {
    const fmt = formattersIn('Europe/Stockholm');
    expect(fmt.dateTime('2026-03-28T09:00:00.000Z')).toBe('28 Mar 2026, 10:00');
    expect(fmt.dateTime('2026-03-30T09:00:00.000Z')).toBe('30 Mar 2026, 11:00');
    expect(fmt.dateTime('2026-10-26T09:00:00.000Z', 'sv')).toBe('26 okt. 2026 10:00');
  });

  it('reads a datetime-local value as wall-clock time in the zone, across the change', () => {
    expect(zonedTimeToUtc('2026-03-28T09:00', 'Europe/Stockholm')?.toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedTimeToUtc('2026-03-30T09:00', 'Europe/Stockholm')?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(zonedTimeToUtc('2026-01-15T09:00', 'America/New_York')?.toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(zonedTimeToUtc('2026-07-15T09:00', 'UTC')?.toISOString()).toBe('2026-07-15T09:00:00.000Z');
  });

  it('takes a skipped time as the time after the jump and a repeated time as its first occurrence', () => {
    expect(zonedTimeToUtc('2026-03-29T02:30', 'Europe/Stockholm')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedTimeToUtc('2026-10-25T02:30', 'Europe/Stockholm')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('ends a close date at the last moment of that local day, also on the days the clocks change', () => {
    expect(endOfLocalDay('2026-03-28', 'Europe/Stockholm')?.toISOString()).toBe('2026-03-28T22:59:59.999Z');
    expect(endOfLocalDay('2026-03-29', 'Europe/Stockholm')?.toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfLocalDay('2026-10-25', 'Europe/Stockholm')?.toISOString()).toBe('2026-10-25T22:59:59.999Z');
    expect(endOfLocalDay('2026-12-31', 'UTC')?.toISOString()).toBe('2026-12-31T23:59:59.999Z');
    expect(endOfLocalDay('2026-02-30', 'UTC')).toBeUndefined();
    // The form shows the same day back.
    expect(utcToZonedDate(endOfLocalDay('2026-03-29', 'Europe/Stockholm')!, 'Europe/Stockholm')).toBe('2026-03-29');
  });

  it('refuses dates that do not exist', () => {
    expect(zonedTimeToUtc('2026-02-30T09:00', 'Europe/Stockholm')).toBeUndefined();
    expect(zonedTimeToUtc('2026-03-01T24:00', 'Europe/Stockholm')).toBeUndefined();
    expect(zonedTimeToUtc('tomorrow', 'Europe/Stockholm')).toBeUndefined();
  });

  it('gives the form the local value back, so an edit saves the same moment', () => {
    for (const iso of ['2026-03-28T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-10-25T00:30:00.000Z']) {
      expect(zonedTimeToUtc(utcToZonedInput(iso, 'Europe/Stockholm'), 'Europe/Stockholm')?.toISOString()).toBe(iso);
    }
  });

  it('shows a calendar date as that day in every zone, and a moment on its local day', () => {
    expect(formatDate('2026-03-31', 'en', 'America/Los_Angeles')).toBe('31 March 2026');
    expect(formatDate('2026-03-31T23:30:00.000Z', 'en', 'Europe/Stockholm')).toBe('1 April 2026');
    expect(formatDateTime('2026-03-31T23:30:00.000Z')).toBe('31 Mar 2026, 23:30');
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('Europe/Copenhagen')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('CET; DROP')).toBe(false);
    expect(timeZoneLabel('Europe/Stockholm', new Date('2026-07-01T00:00:00Z'))).toBe('Europe/Stockholm (UTC+02:00)');
  });
});
