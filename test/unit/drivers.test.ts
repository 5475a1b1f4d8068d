import { driverRespondents, keyDrivers, MIN_DRIVER_PAIRS, pearson, type DriverRespondent } from '../../src/analysis/drivers';

/** A small deterministic generator (mulberry32), so the generated data are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

/**
 * 300 respondents. Overall satisfaction is mostly delivery, a little support, and noise; the NPS
 * follows overall. Invoicing is rated as randomly as the rest but does not enter the outcome.
 * Delivery is rated worse on average than support: it must come first.
 */
function generated(): DriverRespondent[] {
  const next = random(17);
  const rating = (centre: number) => clamp(centre + (next() - 0.5) * 4, 1, 5);
  return Array.from({ length: 300 }, () => {
    const delivery = rating(2.6);
    const support = rating(3.8);
    const invoicing = rating(3.2);
    const overall = clamp(0.8 * delivery + 0.2 * support + (next() - 0.5) * 1.2, 1, 5);
    const nps = clamp(overall * 2 + (next() - 0.5) * 3, 0, 10);
    return { touchpoints: { delivery, support, invoicing }, overall, nps };
  });
}

describe('key drivers', () => {
  it('finds the touchpoint that drives the generated outcome, and puts it first as important and weak', () => {
    const drivers = keyDrivers(
      [{ touchpoint: 'invoicing', scale: 5 }, { touchpoint: 'support', scale: 5 }, { touchpoint: 'delivery', scale: 5 }],
      generated(),
    );
    const by = Object.fromEntries(drivers.map((d) => [d.touchpoint, d]));

    expect(drivers[0]!.touchpoint).toBe('delivery');
    expect(by.delivery!.quadrant).toBe('improve_first');
    expect(by.delivery!.satisfactionCorrelation!).toBeGreaterThan(0.7);
    expect(by.delivery!.npsCorrelation!).toBeGreaterThan(by.support!.npsCorrelation!);
    expect(Math.abs(by.invoicing!.importance!)).toBeLessThan(0.2);
    expect(by.support!.performance!).toBeGreaterThan(by.delivery!.performance!);
    expect(by.delivery!.answers).toBe(300);
  });

  it('computes Pearson\'s r on a hand-checked set', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5 (mean 4): Sxy = 6, Sxx = 10, Syy = 6 → r = 6 / √60 = 0.7746.
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7746, 4);
    expect(pearson([3, 3, 3], [1, 2, 3])).toBeNull();
  });

  it('shows no importance below the minimum of respondents answering both', () => {
    const few = generated().slice(0, MIN_DRIVER_PAIRS - 1);

    const [driver] = keyDrivers([{ touchpoint: 'delivery', scale: 5 }], few);

    expect(driver!.importance).toBeNull();
    expect(driver!.quadrant).toBeNull();
    expect(driver!.mean).not.toBeNull();
  });

  it('averages a respondent\'s answers to the questions of one touchpoint', () => {
    const respondents = driverRespondents(
      [
        { responseId: 1, questionId: 'speed', value: 2 },
        { responseId: 1, questionId: 'accuracy', value: 4 },
        { responseId: 1, questionId: 'overall', value: 3 },
        { responseId: 2, questionId: 'nps', value: 9 },
      ],
      new Map([['speed', 'delivery'], ['accuracy', 'delivery']]),
      'overall',
      'nps',
    );

    expect(respondents).toEqual([{ touchpoints: { delivery: 3 }, overall: 3 }, { touchpoints: {}, nps: 9 }]);
  });
});
