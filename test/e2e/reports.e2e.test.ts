import type { Browser, Page } from 'playwright-core';
import { buildReportWorld } from '../support/report-world';
import { seriousViolations, sharedAppAndBrowser, type RunningApp } from './browser';

describe('report print views in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof buildReportWorld>>;
  sharedAppAndBrowser(async (running, started) => {
    [app, browser] = [running, started];
    world = await buildReportWorld(app.db);
  });

  async function signedInPage(who: { email: string; password: string }, width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${app.baseUrl}/login`);
    await page.fill('#email', who.email);
    await page.fill('#password', who.password);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
    return page;
  }

  for (const width of [390, 1280]) {
    it(`shows the wave report at ${width} px without accessibility problems or sideways scrolling, and prints without the app's frame`, async () => {
      const page = await signedInPage(world.manager, width);
      await page.goto(`${app.baseUrl}/campaigns/${world.wave.id}/report`);
      expect(await page.textContent('h1')).toBe('Wave report: Annual 2026');
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await page.locator('.report-pareto__bar').count()).toBe(3);
      await page.emulateMedia({ media: 'print' });
      expect(await page.isVisible('.site-header')).toBe(false);
      expect(await page.isVisible('.report-actions')).toBe(false);
      expect(await page.isVisible('.report-pareto')).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });

    it(`shows the account report at ${width} px in the customer's language without accessibility problems`, async () => {
      const page = await signedInPage(world.kam, width);
      await page.goto(`${app.baseUrl}/reports/accounts/${world.svenska.id}`);
      expect(await page.textContent('h1')).toContain('vad ni berättade');
      expect(await page.getAttribute('article.report', 'lang')).toBe('sv');
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.emulateMedia({ media: 'print' });
      expect(await page.isVisible('.site-header')).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
