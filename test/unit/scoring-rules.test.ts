import {
  compareYears,
  npsBandOf,
  npsOf,
  orderProblems,
  orderingFigure,
  problemScoreOf,
  quadrantOf,
  ratingYesMin,
  shareOf,
  shareOfYes,
  type ProblemFigures,
} from '../../src/analysis/analysis';

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

  it('marks a category steady when its share did not change', () => {
    const row = { ...figures(1, 'A', 3, 20), rank: 1, share: 0.5 };

    expect(compareYears([row], [row], { now: 40, before: 40 })[0]!.movement).toBe('steady');
  });

  it('puts 9–10 in the promoter band, 7–8 passive and 0–6 detractor', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsBandOf)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('counts 1 as yes on yes/no and 4–5 as yes on the 1–5 scale', () => {
    expect(ratingYesMin('yes_no')).toBe(1);
    expect(ratingYesMin('1-5')).toBe(4);
  });

  it('gives a share of 0 without a denominator, and no share of yes without answers', () => {
    expect(shareOf(2, 4)).toBe(0.5);
    expect(shareOf(2, 0)).toBe(0);
    expect(shareOfYes(2, 3)).toBeCloseTo(2 / 3);
    expect(shareOfYes(0, 0)).toBeNull();
  });

  it('multiplies the shares into the problem score only when both are known', () => {
    expect(problemScoreOf(2 / 3, 2 / 3)).toBeCloseTo(4 / 9);
    expect(problemScoreOf(0.5, null)).toBeNull();
  });

  it('shows points or the problem score (0 when unrated) as the ordering figure', () => {
    const row = { ...figures(1, 'A', 5, 2, null), rank: 1 };

    expect(orderingFigure(row, 'points')).toBe(5);
    expect(orderingFigure(row, 'problem_score')).toBe(0);
    expect(orderingFigure({ ...row, problemScore: 0.25 }, 'problem_score')).toBe(0.25);
  });

  it('splits the frequency × bother matrix at one half, a share of exactly 0.5 counting as high', () => {
    expect(quadrantOf(0.5, 0.5)).toBe('frequent_bothersome');
    expect(quadrantOf(0.8, 0.2)).toBe('frequent_tolerated');
    expect(quadrantOf(0.49, 0.9)).toBe('rare_bothersome');
    expect(quadrantOf(0, 0.49)).toBe('rare_tolerated');
  });
});
