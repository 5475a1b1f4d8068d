import type { Browser, Page } from 'playwright-core';
import { createUser } from '../support/factories';
import { createCampaign, createCustomer, createLateAndInvoiceCategories, createResponse } from '../support/analysis-factories';
import { sharedAppAndBrowser, type RunningApp } from './browser';

interface ChartFacts {
  animation: unknown;
  x: string | null;
  y: string | null;
  yMin: number;
  yMax: number;
  xMin: number;
  xMax: number;
  height: number;
  width: number;
  ticks: string[];
}

// The analysis charts in Chromium: axis titles in the reader's language, scales fixed to the
// measure, no sideways scrolling at 390 px, and no animation for a reader who asks for less motion.
describe('the analysis charts in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let campaignId: number;
  const users: Record<'en' | 'sv', { email: string; password: string }> = {} as never;

  sharedAppAndBrowser(async (running, started) => {
    [app, browser] = [running, started];
    const db = app.db;
    const { late, invoice, shape: rated } = await createLateAndInvoiceCategories(db);
    const shape = {
      ...rated,
      ratings: { overall_satisfaction: undefined, rating_delivery: 'delivery', rating_support: 'support' },
      texts: { overall_satisfaction: { en: 'How satisfied are you overall?', sv: 'Hur nöjd är du totalt sett?', da: 'Hvor tilfreds er du samlet set?' } },
    };
    const before = await createCampaign(db, { name: 'Spring 2025', launchedAt: '2025-03-01T10:00:00.000Z', shape });
    const campaign = await createCampaign(db, { name: 'Annual 2026 with a rather long name', shape });
    campaignId = campaign.id;
    for (const c of [before, campaign]) {
      // Key drivers need 30 respondents answering both; the earlier wave only needs answers to compare.
      for (let i = 0; i < (c === campaign ? 40 : 12); i++) {
        const customer = await createCustomer(db, { segment: i % 2 ? 'Retail' : 'Industry' });
        const score = 1 + (i % 5);
        await createResponse(db, c.id, customer.id, {
          problems: [{ categoryId: i % 3 ? late.id : invoice.id, rank: 1 }],
          rated: { [late.id]: [i % 2, 1], [invoice.id]: [0, i % 3 ? 1 : 0] },
          values: { nps: (i * 3) % 11, overall_satisfaction: score, rating_delivery: score, rating_support: 6 - score },
        });
      }
    }
    for (const lang of ['en', 'sv'] as const) {
      const user = await createUser(db, { role: 'manager' });
      await db.updateTable('user').set({ language: lang }).where('id', '=', user.id).execute();
      users[lang] = user;
    }
  });

  async function signedInPage(lang: 'en' | 'sv', width: number, reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.fill('#email', users[lang].email);
    await page.fill('#password', users[lang].password);
    await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]')]);
    return page;
  }

  /** The chart drawn on the canvas `selector`, as Chart.js holds it. */
  async function chartOf(page: Page, selector: string): Promise<ChartFacts> {
    await page.waitForFunction((s) => {
      const c = document.querySelector(s);
      return Boolean(c && (window as unknown as { Chart: { getChart(c: Element): unknown } }).Chart.getChart(c));
    }, selector);
    return page.evaluate((s) => {
      const canvas = document.querySelector(s)!;
      type Scale = { min: number; max: number; options: { title: { display: boolean; text: string } }; ticks: { label: string | string[] }[] };
      const chart = (window as unknown as { Chart: { getChart(c: Element): { options: { animation: unknown }; scales: Record<string, Scale> } } }).Chart.getChart(canvas);
      const title = (scale: Scale) => (scale.options.title.display ? String(scale.options.title.text) : null);
      const rect = canvas.getBoundingClientRect();
      return {
        animation: chart.options.animation,
        x: title(chart.scales.x!),
        y: title(chart.scales.y!),
        yMin: chart.scales.y!.min,
        yMax: chart.scales.y!.max,
        xMin: chart.scales.x!.min,
        xMax: chart.scales.x!.max,
        height: rect.height,
        width: rect.width,
        ticks: chart.scales.y!.ticks.map((t) => String(t.label)),
      };
    }, selector);
  }

  const noSidewaysScroll = async (page: Page, width: number) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

  for (const width of [390, 1280]) {
    it(`draws every chart with axis titles and fixed scales at ${width} px, without sideways scrolling`, async () => {
      const page = await signedInPage('en', width);

      await page.goto(`${app.baseUrl}/campaigns/${campaignId}/satisfaction`);
      const bars = await chartOf(page, 'canvas[data-chart="bars"]');
      expect(bars).toMatchObject({ x: 'Question', y: 'Mean rating (1–5)', yMin: 1, yMax: 5 });
      expect(bars.height).toBeGreaterThan(200);
      expect(bars.width).toBeLessThanOrEqual(width);
      await noSidewaysScroll(page, width);

      await page.goto(`${app.baseUrl}/satisfaction/trend`);
      expect(await chartOf(page, 'canvas[data-chart="trend"]')).toMatchObject({ x: 'Campaign', y: 'NPS (−100 to 100)', yMin: -100, yMax: 100 });
      await noSidewaysScroll(page, width);

      await page.goto(`${app.baseUrl}/campaigns/${campaignId}/problems`);
      expect(await chartOf(page, 'canvas[data-chart="pareto"]')).toMatchObject({ x: 'Category', y: 'Points' });
      expect(await chartOf(page, 'canvas[data-chart="matrix"]')).toMatchObject({ x: 'Share frequent', y: 'Share bothersome', xMin: 0, xMax: 1, yMin: 0, yMax: 1 });
      await noSidewaysScroll(page, width);
      // The ranked table keeps its numbers reachable: inside its own scrolling region when narrow.
      const ranked = await page.evaluate(() => {
        const wrap = document.querySelector('#ranked-table')!.parentElement!;
        return { wrapWidth: wrap.getBoundingClientRect().width, tableWidth: (wrap.firstElementChild as HTMLElement).scrollWidth, tabindex: wrap.getAttribute('tabindex') };
      });
      expect(ranked.tabindex).toBe('0');
      expect(ranked.wrapWidth).toBeLessThanOrEqual(width);
      if (width === 1280) expect(ranked.tableWidth).toBeLessThanOrEqual(ranked.wrapWidth);

      await page.goto(`${app.baseUrl}/campaigns/${campaignId}/drivers`);
      expect(await chartOf(page, 'canvas[data-chart="drivers"]')).toMatchObject({ x: 'Performance (mean on its scale)', y: 'Importance (correlation)', xMin: 0, xMax: 1, yMin: -1, yMax: 1 });
      await noSidewaysScroll(page, width);
      await page.context().close();
    });
  }

  it('writes the axis titles in the reader’s language and the ticks with their decimal comma', async () => {
    const page = await signedInPage('sv', 390);
    await page.goto(`${app.baseUrl}/campaigns/${campaignId}/satisfaction`);
    const bars = await chartOf(page, 'canvas[data-chart="bars"]');
    expect(bars).toMatchObject({ x: 'Fråga', y: 'Medelbetyg (1–5)' });
    await page.goto(`${app.baseUrl}/campaigns/${campaignId}/drivers`);
    const drivers = await chartOf(page, 'canvas[data-chart="drivers"]');
    expect(drivers.y).toBe('Vikt (korrelation)');
    expect(drivers.ticks).toContain('0,5');
    expect(drivers.ticks.join(' ')).not.toContain('0.5');
    await page.context().close();
  });

  it('animates the charts, except for a reader who asks for reduced motion', async () => {
    const moving = await signedInPage('en', 1280);
    await moving.goto(`${app.baseUrl}/campaigns/${campaignId}/satisfaction`);
    expect((await chartOf(moving, 'canvas[data-chart="bars"]')).animation).not.toBe(false);
    await moving.context().close();

    const still = await signedInPage('en', 1280, 'reduce');
    for (const path of [`/campaigns/${campaignId}/satisfaction`, '/satisfaction/trend', `/campaigns/${campaignId}/problems`]) {
      await still.goto(`${app.baseUrl}${path}`);
      for (const canvas of await still.locator('canvas[data-chart]').all()) {
        const kind = await canvas.getAttribute('data-chart');
        expect({ kind, animation: (await chartOf(still, `canvas[data-chart="${kind}"]`)).animation }).toEqual({ kind, animation: false });
      }
    }
    await still.context().close();
  });
});
