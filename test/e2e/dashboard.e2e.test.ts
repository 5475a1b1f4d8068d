// The overview of every role in Chromium, on a phone (390 px) and a desktop (1280 px): it fits
// the width, shows the role's figures, and axe-core finds no serious or critical violation.
import type { Browser } from 'playwright-core';
import { seriousViolations, sharedAppAndBrowser, type RunningApp } from './browser';
import { buildDashboardWorld, type DashboardWorld } from '../support/dashboard-world';

const ROLES = [
  { role: 'manager', heading: 'Running waves', figure: 'response-rate' },
  { role: 'member', heading: "Your team's tickets", figure: 'status-open' },
  { role: 'kam', heading: 'Alerts', figure: 'alerts' },
  { role: 'admin', heading: 'Mail delivery', figure: 'failed' },
] as const;

describe('the overview in a browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let world: DashboardWorld;
  sharedAppAndBrowser(async (running, started) => {
    [app, browser] = [running, started];
    world = await buildDashboardWorld(app.db);
  });

  for (const { role, heading, figure } of ROLES) {
    for (const width of [390, 1280]) {
      it(`fits ${width} px for the ${role} with its figures and no serious axe violations`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        try {
          await page.goto(`${app.baseUrl}/login`);
          await page.fill('#email', world.users[role].email);
          await page.fill('#password', world.users[role].password);
          await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
          expect(new URL(page.url()).pathname).toBe('/');
          expect(await page.isVisible(`h2:has-text("${heading}")`)).toBe(true);
          expect(await page.isVisible(`[data-figure="${figure}"]`)).toBe(true);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          expect(await seriousViolations(page)).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  }
});
