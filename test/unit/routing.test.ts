import type { RankedProblem } from '../../src/analysis/analysis';
import { analysisFilterOf, chooseProblems, evidenceOf, rankOrderOf, routingSummary, shortfallOf, skipReasonOf } from '../../src/tickets/routing';
import { closureEffectRow, campaignStart, standingOf } from '../../src/tickets/closure-effect';

const problem = (categoryId: number, rank: number, points: number, problemScore: number | null = null): RankedProblem => ({
  rank,
  categoryId,
  category: `Category ${categoryId}`,
  mentions: points,
  respondents: points > 0 ? 1 : 0,
  accounts: points > 0 ? 1 : 0,
  share: points / 20,
  points,
  meanRank: points > 0 ? 1 : null,
  shareFrequent: null,
  shareBothersome: null,
  problemScore,
});

describe('choosing the problems to route', () => {
  const ranked = [problem(1, 1, 15), problem(2, 2, 9), problem(3, 3, 5), problem(4, 4, 0)];

  it('takes the top N, never a category nobody reported', () => {
    expect(chooseProblems(ranked, 'points', { top: 2 }).map((p) => p.categoryId)).toEqual([1, 2]);
    expect(chooseProblems(ranked, 'points', { top: 10 }).map((p) => p.categoryId)).toEqual([1, 2, 3]);
  });

  it('takes every category at or above the minimum score', () => {
    expect(chooseProblems(ranked, 'points', { minScore: 9 }).map((p) => p.categoryId)).toEqual([1, 2]);
  });

  it('scores by problem score when the campaign has no problem list', () => {
    const rated = [problem(1, 1, 0, 0.4), problem(2, 2, 0, 0.1), problem(3, 3, 0, null)];
    expect(rankOrderOf(false)).toBe('problem_score');
    expect(chooseProblems(rated, rankOrderOf(false), { minScore: 0.2 }).map((p) => p.categoryId)).toEqual([1]);
    expect(chooseProblems(rated, rankOrderOf(false), { top: 5 }).map((p) => p.categoryId)).toEqual([1, 2]);
  });

  it('routes for the part of the base chosen; empty choices narrow nothing', () => {
    expect(analysisFilterOf({ top: 3, segment: ['Retail'], region: [], kamUserId: [7] })).toEqual({ segment: ['Retail'], kamUserId: [7] });
  });

  it('skips a category that already has a ticket before one without a team', () => {
    expect(skipReasonOf(12, null)).toBe('already_routed');
    expect(skipReasonOf(null, null)).toBe('no_owning_team');
    expect(skipReasonOf(null, 3)).toBeNull();
  });

  it('fixes the evidence with the most telling verbatims, without anything but their text, language and rank', () => {
    const mentions = [
      { id: 1, text: 'late', language: 'en', rank: 2, customerId: 1, customer: 'Acme' },
      { id: 2, text: 'Invoices are always late', language: 'en', rank: 1, customerId: 2, customer: 'Beta' },
    ];
    const evidence = evidenceOf(problem(1, 1, 15), { orderBy: 'points', campaignId: 9, filter: { segment: ['Retail'] }, mentions });
    expect(evidence).toEqual({
      rank: 1,
      orderBy: 'points',
      points: 15,
      problemScore: null,
      share: 0.75,
      mentions: 15,
      respondents: 1,
      accounts: 1,
      meanRank: 1,
      verbatims: [
        { text: 'Invoices are always late', language: 'en', rank: 1 },
        { text: 'late', language: 'en', rank: 2 },
      ],
      analysisUrl: '/campaigns/9/problems',
      filter: { segment: ['Retail'] },
    });
  });
});

describe('closure effect', () => {
  const ticket = { id: 5, categoryId: 1, category: 'Invoicing', status: 'resolved', resolvedAt: '2025-06-01T00:00:00.000Z', campaign: { id: 2, name: 'Annual 2025' } };

  it('compares the category in the campaign it was routed from with now', () => {
    const row = closureEffectRow(ticket, [problem(1, 1, 10)], [problem(2, 1, 8), problem(1, 2, 4)]);
    expect(row).toMatchObject({ ticketId: 5, before: { share: 0.5, points: 10, rank: 1 }, after: { share: 0.2, points: 4, rank: 2 }, pointsChange: -6 });
    expect(row.shareChange).toBeCloseTo(-0.3);
  });

  it('counts a category nobody reported as share 0, 0 points and no rank', () => {
    expect(standingOf([problem(1, 3, 0)], 1)).toEqual({ share: 0, points: 0, rank: null });
    expect(standingOf([], 1)).toEqual({ share: 0, points: 0, rank: null });
  });

  it('dates a campaign by its launch, else its creation', () => {
    expect(campaignStart({ launchedAt: '2025-03-01', createdAt: '2025-01-01' })).toBe('2025-03-01');
    expect(campaignStart({ launchedAt: null, createdAt: '2025-01-01' })).toBe('2025-01-01');
  });
});

describe('routing says why it routed fewer problems than asked', () => {
  it('names the shortfall of a top N only when fewer problems were reported', () => {
    expect(shortfallOf({ top: 5 }, 5)).toBeNull();
    expect(shortfallOf({ minScore: 3 }, 0)).toBeNull();
    expect(shortfallOf({ top: 5 }, 3)).toBe('You asked for the top 5, but only 3 problems were reported.');
    expect(shortfallOf({ top: 2 }, 1)).toBe('You asked for the top 2, but only 1 problem was reported.');
    expect(shortfallOf({ top: 2, segment: ['Retail'] }, 0)).toBe('You asked for the top 2, but no problems were reported in this part of the base.');
  });

  it('lists every problem not routed with its reason', () => {
    const summary = routingSummary(
      { top: 4 },
      {
        created: [{}],
        skipped: [
          { category: 'Support', reason: 'no_owning_team' },
          { category: 'Invoicing', reason: 'already_routed' },
        ],
        found: 3,
      },
    );
    expect(summary).toEqual({
      created: '1 ticket created, each team mailed.',
      notRouted: '2 problems were not routed: Support (no team owns it yet; choose its team on the routing page); Invoicing (it already has a ticket from this campaign).',
      shortfall: 'You asked for the top 4, but only 3 problems were reported.',
    });
    expect(routingSummary({ top: 1 }, { created: [], skipped: [], found: 1 })).toEqual({ created: 'No tickets were created.', notRouted: null, shortfall: null });
  });
});
