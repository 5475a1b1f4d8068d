import { accountReportSections, reportLanguageOf, type ReportMention, type ReportTicket } from '../../src/reports/account-report';
import { paretoSvg } from '../../src/reports/report-chart';

describe('the account report language', () => {
  it('is the language most of the contacts speak, then the customer preference, then English', () => {
    expect(reportLanguageOf(['da', 'sv'], 'sv')).toBe('da');
    expect(reportLanguageOf(['fi'], 'sv')).toBe('sv');
    expect(reportLanguageOf([], null)).toBe('en');
  });
});

describe('the account report sections', () => {
  const names = (en: string, sv: string) => ({ en, sv, da: en });
  const mentions: ReportMention[] = [
    { text: 'För sent', rank: 1, categoryId: 1, categoryNames: names('Late deliveries', 'Sena leveranser') },
    { text: 'Fel faktura', rank: 2, categoryId: 2, categoryNames: names('Invoicing', 'Fakturering') },
    { text: 'Alltid sent', rank: 2, categoryId: 1, categoryNames: names('Late deliveries', 'Sena leveranser') },
    { text: 'Svår webbplats', rank: 3, categoryId: null, categoryNames: null },
    { text: 'Dålig förpackning', rank: 4, categoryId: 3, categoryNames: names('Packaging', 'Förpackning') },
  ];
  const tickets: ReportTicket[] = [
    { categoryId: 2, status: 'closed', resolutionNote: { en: 'Fixed', sv: 'Rättat' }, resolvedAt: '2026-05-01T00:00:00.000Z' },
    { categoryId: 1, status: 'reopened', resolutionNote: {}, resolvedAt: null },
  ];

  it('lists the categories by best rank in the language, with the own words, and the uncoded ones apart', () => {
    const s = accountReportSections(mentions, tickets, 'sv');
    expect(s.toldUs).toEqual([
      { categoryId: 1, category: 'Sena leveranser', mentions: 2, verbatims: ['För sent', 'Alltid sent'] },
      { categoryId: 2, category: 'Fakturering', mentions: 1, verbatims: ['Fel faktura'] },
      { categoryId: 3, category: 'Förpackning', mentions: 1, verbatims: ['Dålig förpackning'] },
    ]);
    expect(s.uncoded).toEqual(['Svår webbplats']);
  });

  it('puts resolved and closed tickets under what we did, with the note in the language, and the rest under still working on', () => {
    const s = accountReportSections(mentions, tickets, 'sv');
    expect(s.done).toEqual([{ category: 'Fakturering', note: 'Rättat', resolvedAt: '2026-05-01T00:00:00.000Z' }]);
    expect(s.working).toEqual([{ category: 'Sena leveranser', status: 'reopened' }]);
  });

  it('falls back to the English note when none was written in the language', () => {
    expect(accountReportSections(mentions, tickets, 'da').done[0]!.note).toBe('Fixed');
  });
});

describe('the Pareto chart geometry', () => {
  it('scales the bars to a round maximum and draws the cumulative line on 0–100 %', () => {
    const chart = paretoSvg({ labels: ['Late deliveries', 'Invoicing'], bars: [10, 5], line: [2 / 3, 1] });
    const [first, second] = chart.bars;
    expect(first!.height).toBeCloseTo(chart.plot.bottom - chart.plot.top, 0);
    expect(second!.height).toBeCloseTo(first!.height / 2, 0);
    expect(chart.dots[1]!.y).toBe(chart.plot.top);
    expect(chart.linePoints.split(' ')).toHaveLength(2);
    expect(chart.barTicks.map((t) => t.value)).toEqual([0, 5, 10]);
  });

  it('shortens long labels and keeps at most the first twelve problems', () => {
    const labels = Array.from({ length: 15 }, (_, i) => `A rather long problem name number ${i}`);
    const chart = paretoSvg({ labels, bars: labels.map((_, i) => 15 - i), line: labels.map((_, i) => (i + 1) / 15) });
    expect(chart.bars).toHaveLength(12);
    expect(chart.bars[0]!.label).toHaveLength(22);
    expect(chart.bars[0]!.label.endsWith('…')).toBe(true);
  });

  it('draws no bars for an empty list', () => {
    expect(paretoSvg({ labels: [], bars: [], line: [] }).bars).toEqual([]);
  });
});
