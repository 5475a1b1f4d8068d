import { compareYears, npsOf, orderProblems, type ProblemFigures } from '../../src/analysis/analysis';

const figures = (id: number, category: string, points: number, respondents: number, problemScore: number | null = null): ProblemFigures => ({
  categoryId: id, category, mentions: respondents, respondents, accounts: 1, share: 0, points, meanRank: 1, shareFrequent: null, shareBothersome: null, problemScore,
});

describe('ranking rules', () => {
  it('breaks a points tie by respondents before the name', () => {
    const ranked = orderProblems([figures(1, 'A', 6, 2), figures(2, 'B', 6, 3), figures(3, 'C', 7, 1)], 'points');

    expect(ranked.map((p) => [p.rank, p.categoryId])).toEqual([[1, 3], [2, 2], [3, 1]]);
  });

  it('orders on unrounded problem scores and puts unrated categories last', () => {
    const ranked = orderProblems([figures(1, 'A', 0, 1, null), figures(2, 'B', 0, 1, 0.3333334), figures(3, 'C', 0, 1, 0.3333333)], 'problem_score');

    expect(ranked.map((p) => p.categoryId)).toEqual([2, 3, 1]);
  });

  it('computes NPS as share 9–10 minus share 0–6', () => {
    expect(npsOf(10, 5, 2)).toEqual({ count: 10, promoters: 5, passives: 3, detractors: 2, nps: 0.3 });
    expect(npsOf(0, 0, 0).nps).toBeNull();
  });

  it('marks a category the same when share and points did not change', () => {
    const row = { ...figures(1, 'A', 3, 1), rank: 1, share: 0.5 };

    expect(compareYears([row], [row])[0]!.change).toBe('same');
  });
});
