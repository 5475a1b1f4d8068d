import { compareYears, type RankedProblem } from '../../src/analysis/analysis';
import {
  compareMeans,
  compareNps,
  compareShares,
  MIN_RESPONDENTS_TO_COMPARE,
  newcombeDifference,
  npsMarginOfError,
  wilsonInterval,
} from '../../src/analysis/significance';

// The numbers of docs/scoring.md, "Honest year over year", computed there by hand.
describe('the worked example of docs/scoring.md', () => {
  it('gives Wilson intervals of 30.9–49.8 % for 40 of 100 and 17.5–34.3 % for 25 of 100', () => {
    const now = wilsonInterval(40, 100);
    const before = wilsonInterval(25, 100);

    expect([now.lower, now.upper]).toEqual([expect.closeTo(0.3094, 4), expect.closeTo(0.498, 4)]);
    expect([before.lower, before.upper]).toEqual([expect.closeTo(0.1755, 4), expect.closeTo(0.343, 4)]);
  });

  it('puts the rise from 25 % to 40 % between +2.0 and +27.3 points: up', () => {
    const d = newcombeDifference(40, 100, 25, 100);

    expect(d.difference).toBeCloseTo(0.15, 10);
    expect(d.lower).toBeCloseTo(0.0201, 4);
    expect(d.upper).toBeCloseTo(0.2731, 4);
    expect(compareShares(40, 100, 25, 100).movement).toBe('up');
  });

  it('puts the rise from 25 % to 32 % between −5.5 and +19.2 points: no clear change', () => {
    const d = compareShares(32, 100, 25, 100);

    expect(d.lower).toBeCloseTo(-0.0549, 4);
    expect(d.upper).toBeCloseTo(0.192, 4);
    expect(d.movement).toBe('steady');
  });

  it('marks the fall from 40 % to 25 % down', () => {
    expect(compareShares(25, 100, 40, 100).movement).toBe('down');
  });

  it('gives an NPS of +25 from 45 promoters and 20 detractors of 100 a margin of ±15.0 points', () => {
    expect(npsMarginOfError(100, 45, 20)).toBeCloseTo(0.1502, 4);
  });

  it('finds NPS +25 against +10 (35 and 25 of 100) within the noise', () => {
    const d = compareNps({ count: 100, promoters: 45, detractors: 20 }, { count: 100, promoters: 35, detractors: 25 });

    expect(d.difference).toBeCloseTo(0.15, 10);
    expect(d.lower).toBeCloseTo(-0.0627, 4);
    expect(d.movement).toBe('steady');
  });
});

describe('small groups', () => {
  it('compare nothing below the minimum in either wave, however large the change', () => {
    const n = MIN_RESPONDENTS_TO_COMPARE - 1;

    expect(compareShares(n, n, 0, 100).movement).toBe('too_few');
    expect(compareShares(100, 100, 0, n).movement).toBe('too_few');
    expect(compareShares(30, 30, 0, 30).movement).toBe('up');
  });

  it('keep the NPS and mean ratings from being compared too', () => {
    expect(compareNps({ count: 12, promoters: 12, detractors: 0 }, { count: 100, promoters: 0, detractors: 100 }).movement).toBe('too_few');
    expect(compareMeans({ count: 12, sum: 60, sumSquares: 300 }, { count: 100, sum: 100, sumSquares: 100 }).movement).toBe('too_few');
  });
});

describe('mean ratings', () => {
  it('mark a rise of a mean larger than the noise up, and a small one steady', () => {
    // 40 answers of 4 and 40 of 5 (mean 4.5, s² ≈ 0.253) against 80 answers of 4 and 3 in equal parts (mean 3.5).
    const high = { count: 80, sum: 40 * 4 + 40 * 5, sumSquares: 40 * 16 + 40 * 25 };
    const low = { count: 80, sum: 40 * 4 + 40 * 3, sumSquares: 40 * 16 + 40 * 9 };
    const almost = { count: 80, sum: 41 * 4 + 39 * 3, sumSquares: 41 * 16 + 39 * 9 };

    expect(compareMeans(high, low).movement).toBe('up');
    expect(compareMeans(almost, low).movement).toBe('steady');
  });
});

describe('year over year', () => {
  const ranked = (categoryId: number, respondents: number, answered: number): RankedProblem => ({
    rank: 1, categoryId, category: `C${categoryId}`, mentions: respondents, respondents, accounts: 1, share: respondents / answered,
    points: respondents, meanRank: 1, shareFrequent: null, shareBothersome: null, problemScore: null,
  });

  it('marks each category by its interval and keeps new and gone apart from the movement', () => {
    const rows = compareYears([ranked(1, 40, 100), ranked(2, 32, 100), ranked(3, 2, 100)], [ranked(1, 25, 100), ranked(2, 25, 100), ranked(4, 20, 100)], { now: 100, before: 100 });

    expect(rows.map((r) => [r.categoryId, r.presence, r.movement])).toEqual([
      [1, 'both', 'up'],
      [2, 'both', 'steady'],
      // Two mentions where there were none: new, but not a rise beyond the noise.
      [3, 'new', 'steady'],
      [4, 'gone', 'down'],
    ]);
    expect(rows[0]!.shareChangeLower).toBeCloseTo(0.0201, 4);
  });

  it('compares nothing for a category made since the previous wave began that none of its mentions were coded to', () => {
    const rows = compareYears([ranked(5, 30, 100), ranked(6, 30, 100), ranked(1, 40, 100)], [ranked(1, 25, 100), ranked(6, 10, 100)], { now: 100, before: 100 }, new Set([5, 6]));

    expect(rows.map((r) => [r.categoryId, r.presence, r.movement])).toEqual([
      // 0 % before is no figure for a category that did not exist: no "up".
      [5, 'new', 'new_category'],
      // Made later, but the previous wave's mentions were recoded to it: compared as usual.
      [6, 'both', 'up'],
      [1, 'both', 'up'],
    ]);
  });

  it('says too few to compare on every row when a wave is small', () => {
    const rows = compareYears([ranked(1, 12, 12)], [ranked(1, 10, 100)], { now: 12, before: 100 });

    expect(rows[0]!.movement).toBe('too_few');
  });
});
