// The KAM pages in Chromium at a phone's and a desktop's width: no serious or critical axe
// violations, nothing wider than the screen, and the reminder button works by touch.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations, sharedAppAndBrowser, type RunningApp } from './browser';
import { buildTwoKamsWorld } from '../support/kam-world';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots');
const phone = (width: number) => (width < 500 ? 'phone' : 'desktop');

describe('the KAM pages in a browser', () => {
  let running: RunningApp;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof buildTwoKamsWorld>>;
  sharedAppAndBrowser(async (app, started) => {
    [running, browser] = [app, started];
    world = await buildTwoKamsWorld(running.db);
    // The invitations count as delivered: a reminder only follows a delivered invitation.
    await running.db.updateTable('outbox').set({ status: 'sent' }).where('kind', '=', 'invitation').execute();
  });

  async function check(page: Page, label: string, problems: string[]) {
    for (const v of await seriousViolations(page)) problems.push(`${label}: ${v.id} [${v.impact}] ${v.nodes.join(' ')}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`${label}: ${overflow} px wider than the screen`);
  }

  for (const width of [390, 1280]) {
    it(`shows My accounts and the account page at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, hasTouch: width < 500, isMobile: width < 500 });
      const page = await context.newPage();
      const problems: string[] = [];
      await page.goto(`${running.baseUrl}/login`);
      await page.fill('#email', world.kam.email);
      await page.fill('#password', world.kam.password);
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);

      // On a phone the navigation is folded into the menu.
      if (width < 500) await page.click('summary:has-text("Menu")');
      await Promise.all([page.waitForNavigation(), page.click('nav a:has-text("My accounts")')]);
      expect(await page.textContent('h1')).toBe('My accounts');
      expect(await page.textContent('main')).toContain('Acme Oy');
      expect(await page.textContent('main')).not.toContain('Beta A/S');
      await check(page, `/kam at ${width}`, problems);
      await page.screenshot({ path: path.join(SCREENSHOTS, `kam-accounts-${phone(width)}.png`), fullPage: true });

      if (width === 390) {
        await Promise.all([page.waitForNavigation(), page.tap('button:has-text("Send my reminder to Cecilia Carlsson")')]);
        expect(await page.textContent('.flash')).toContain('Your reminder to Cecilia Carlsson is on its way');
        expect(await page.locator('button:has-text("Send my reminder to Cecilia Carlsson")').count()).toBe(0);
        await check(page, `/kam after the reminder at ${width}`, problems);
      }

      await Promise.all([page.waitForNavigation(), page.click('h2 a:has-text("Acme Oy")')]);
      expect(await page.textContent('h1')).toBe('Acme Oy');
      expect(await page.textContent('main')).toContain('Invoices arrive late every month');
      await check(page, `account page at ${width}`, problems);
      await page.screenshot({ path: path.join(SCREENSHOTS, `kam-account-${phone(width)}.png`), fullPage: true });
      await context.close();
      expect(problems).toEqual([]);
    });
  }
});
