// Shared set-up for browser tests: the app on a random port with a temporary SQLite file (a
// PostgreSQL database of its own with TEST_DATABASE_URL), Debian's Chromium through
// playwright-core, and axe-core injected into the page.
import fs from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import type { Express } from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import { testConfig } from '../../src/config';
import type { Db } from '../../src/db/database';
import { createLogger } from '../../src/shared/logger';
import { surveyTemplates } from '../support/survey-factories';
import { createSharedTestDatabase } from '../support/test-database';

export interface RunningApp {
  baseUrl: string;
  app: Express;
  db: Db;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const shared = await createSharedTestDatabase({ migrated: true, prefix: 'pds-e2e-' });
  const db = shared.open();
  const config = testConfig();
  const app = createApp({ config, db, logger: createLogger('silent'), sessionSecret: config.sessionSecret!, templates: surveyTemplates });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    db,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
      await shared.cleanup();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Serious and critical WCAG 2.x A/AA violations axe-core finds on the current page. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    // resultTypes: only violations are read, so axe need not collect every passing node (faster).
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Presses Tab (at most `limit` times) until the element matching `selector` has focus. */
export async function tabTo(page: Page, selector: string, limit = 400): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Before all tests of the enclosing block: a running app and a browser, handed to `ready` (which
 * keeps them and may seed the app's database). After all: the browser and the app closed.
 */
export function sharedAppAndBrowser(ready: (running: RunningApp, browser: Browser) => void | Promise<void>): void {
  let running: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    running = await startApp();
    browser = await launchBrowser();
    await ready(running, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });
}
