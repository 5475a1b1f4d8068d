import {
  byMailLanguage,
  canSendFollowupsOf,
  followupOutcomeText,
  followupSummary,
  isApprovalRequiredFrom,
  planFollowups,
  previewDigest,
  type FollowupCandidate,
} from '../../src/tickets/followup';

let n = 0;
const reporter = (o: Partial<FollowupCandidate> = {}): FollowupCandidate => {
  n++;
  return { contactId: n, email: `c${n}@example.com`, name: null, isOptedOut: false, isSuppressed: false, language: 'en', words: [], ...o };
};

describe('who a resolved ticket\'s follow-up goes to', () => {
  it('mails every reporter not told before, not opted out and not suppressed, in their language (unknown languages read English)', () => {
    const told = reporter();
    const out = reporter({ isOptedOut: true });
    const bounced = reporter({ isSuppressed: true });
    const sv = reporter({ language: 'sv' });
    const fi = reporter({ language: 'fi' });
    const plan = planFollowups([told, out, bounced, sv, fi], new Set([told.contactId]));
    expect(plan.recipients.map((r) => [r.contactId, r.mailLanguage])).toEqual([
      [sv.contactId, 'sv'],
      [fi.contactId, 'en'],
    ]);
    expect(plan.alreadyTold).toEqual([told]);
    expect(plan.optedOut).toEqual([out]);
    expect(plan.suppressed).toEqual([bounced]);
  });

  it('counts them as the preview says it: "12 contacts will get this mail: 8 in Swedish, 4 in English; 2 opted out and will not."', () => {
    const reporters = [
      ...Array.from({ length: 8 }, () => reporter({ language: 'sv' })),
      ...Array.from({ length: 4 }, () => reporter({ language: 'en' })),
      reporter({ isOptedOut: true }),
      reporter({ isOptedOut: true, language: 'sv' }),
    ];
    expect(followupSummary(planFollowups(reporters, new Set()))).toBe('12 contacts will get this mail: 8 in Swedish, 4 in English; 2 opted out and will not.');
  });

  it('names every group left out, and says so when nobody gets the mail', () => {
    const told = reporter();
    expect(followupSummary(planFollowups([told, reporter({ isSuppressed: true })], new Set([told.contactId])))).toBe(
      'Nobody will get this mail; 1 has an address that bounced and will not; 1 heard about this ticket before and will not again.',
    );
    expect(followupSummary(planFollowups([reporter({ language: 'da' })], new Set()))).toBe('1 contact will get this mail: 1 in Danish.');
  });

  it('groups recipients by language, the largest group first and ties in the app\'s language order', () => {
    const plan = planFollowups([reporter({ language: 'da' }), reporter({ language: 'sv' }), reporter({ language: 'sv' }), reporter({ language: 'en' })], new Set());
    expect(byMailLanguage(plan.recipients).map((g) => [g.language, g.recipients.length])).toEqual([
      ['sv', 2],
      ['en', 1],
      ['da', 1],
    ]);
  });
});

describe('the fingerprint a confirmation must match', () => {
  it('changes with the note or the recipients, not with their order', () => {
    const digest = previewDigest({ en: 'Done', sv: 'Klart' }, [3, 1, 2]);
    expect(previewDigest({ sv: 'Klart', en: 'Done' }, [1, 2, 3])).toBe(digest);
    expect(previewDigest({ en: 'Done', sv: 'Klart!' }, [1, 2, 3])).not.toBe(digest);
    expect(previewDigest({ en: 'Done', sv: 'Klart' }, [1, 2])).not.toBe(digest);
    expect(digest).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('the approval setting and what happened to the mails', () => {
  it('is on only when stored as 1', () => {
    expect(isApprovalRequiredFrom('1')).toBe(true);
    expect(isApprovalRequiredFrom('0')).toBe(false);
    expect(isApprovalRequiredFrom(undefined)).toBe(false);
  });

  it('says whether mails were queued, are waiting, or nobody was left to tell', () => {
    expect(followupOutcomeText({ queued: 3, held: 0 })).toBe('3 follow-up mails queued to the customers who reported it.');
    expect(followupOutcomeText({ queued: 0, held: 1 })).toBe("1 follow-up mail waits for approval by a quality manager or the account's KAM; nothing was sent yet.");
    expect(followupOutcomeText({ queued: 0, held: 0 })).toBe('No follow-up mails: nobody who reported it is left to tell.');
  });
});

describe('when follow-ups may go out', () => {
  it('only while the ticket is resolved or closed', () => {
    expect(['open', 'in_progress', 'resolved', 'closed', 'reopened'].filter((s) => canSendFollowupsOf(s as never))).toEqual(['resolved', 'closed']);
  });
});
