// Every staff page in a real browser, as every role that may open it, at 390 px and 1280 px:
// no page is wider than the window, axe-core finds no serious or critical violation, and no
// page shows an internal code (a status, mail kind, language code or question id) as text.
// The pages come from the app's registered GET routes, filled from the route fixture's one
// table of path parameters (test/support/route-fixture.ts), so a new page is walked without
// anyone adding it here; only the kinds of routes below are skipped, each for its reason.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { CAMPAIGN_SHAPE, buildRouteFixture, concretePath, registeredRoutes, type RouteFixture } from '../support/route-fixture';
import { createResponse, createTicket } from '../support/ticket-factories';
import { launchBrowser, seriousViolations, startApp, tabTo, type RunningApp } from './browser';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots', 'phone');

/** GET routes that are not staff pages, by kind; everything else is walked. */
const NOT_STAFF_PAGES: [RegExp, string][] = [
  [/^\/api\/v1\//, 'the JSON API'],
  [/^\/(s|f|u|invitations|preview)\/:token/, 'a personal link (test/e2e/survey.e2e.test.ts walks those)'],
  [/\.(csv|json|css|js|pdf)$/, 'a file download'],
  [/\/(export|pdf)$/, 'a file download'],
  [/^\/organisation\/logo\//, 'a file download (the logo)'],
  [/^\/static\//, 'a static file'],
  [/^\/healthz$/, 'the health check'],
  [/^\/login\/oidc/, 'single sign-on, not configured here (test/e2e/oidc.e2e.test.ts)'],
];

/** Pages the walk must include (each is found from the routes; this list guards against losing one). */
const MUST_WALK = [
  '/',
  '/guesses',
  '/questionnaires',
  '/questionnaires/:id',
  '/campaigns/:id/report',
  '/reports/accounts/:customerId',
  '/admin/outbox',
  '/admin/audit',
  '/campaigns/:id/coding',
  '/kam',
  '/kam/accounts/:customerId',
  '/tickets/approvals',
  '/tickets/approvals/:id',
];

const ROLES = ['admin', 'manager', 'member', 'kam', 'anonymous'] as const;
type Role = (typeof ROLES)[number];
const WIDTHS = [390, 1280] as const;

/** A language code as a whole word (punctuation around it aside); a page names languages ("Swedish"). Not `\b`: "svåra" is no code. */
const LANGUAGE_CODE = /^[("'“]*(en|sv|da|EN|SV|DA)[)"'”.,;:!?]*$/;
/** The same on a Swedish page, where "en" is the word "a". */
const SWEDISH_PAGE_LANGUAGE_CODE = /^[("'“]*(sv|da|EN|SV|DA)[)"'”.,;:!?]*$/;
/** snake_case words: statuses (`in_progress`), mail kinds, question and section ids. Nobody writes these. */
const SNAKE_CASE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/;

describe('every staff page on a phone and a desktop, as every role that may open it', () => {
  let running: RunningApp;
  let browser: Browser;
  let fixture: RouteFixture;
  const contexts = new Map<Role, { context: BrowserContext; page: Page }>();

  beforeAll(async () => {
    running = await startApp();
    fixture = await buildRouteFixture(running.db);
    await seedMore(running.db, fixture);
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const role of ROLES) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      if (role !== 'anonymous') await signIn(page, fixture.users[role]);
      contexts.set(role, { context, page });
    }
  });

  afterAll(async () => {
    for (const { context } of contexts.values()) await context.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function signIn(page: Page, user: { email: string; password: string }) {
    await page.goto(`${running.baseUrl}/login`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button:has-text("Sign in")')]);
  }

  /**
   * Opens every staff page as every role that may (each in the language its users now read) at
   * 390 px and 1280 px; with `axe`, checks each page once with axe-core as the first role that
   * may open it. Returns the walked routes, those nobody could open, and what was wrong.
   */
  async function walkEveryPage({ axe, languageCode }: { axe: boolean; languageCode: RegExp }) {
    const gets = registeredRoutes(running.app).filter((r) => r.method === 'GET');
    // STAFF_PAGES=<regexp> walks only the matching routes, while fixing a page.
    const only = new RegExp(process.env.STAFF_PAGES ?? '.');
    const pages = gets.filter((r) => !NOT_STAFF_PAGES.some(([pattern]) => pattern.test(r.path)) && only.test(r.path)).map((r) => r.path);
    const problems: string[] = [];
    const openedBy = new Map<string, Role[]>();
    const questionIds = [...Object.keys(CAMPAIGN_SHAPE.ratings ?? {}), 'nps'];

    const log = (line: string) => {
      problems.push(line);
      if (process.env.STAFF_PAGES_LOG) fs.appendFileSync(process.env.STAFF_PAGES_LOG, `${line}\n`);
    };
    // One page per role, all roles at once: the browser, not the test, is the slow part.
    const visit = async (route: string, url: string, role: Role) => {
      const { page } = contexts.get(role)!;
      await page.setViewportSize({ width: WIDTHS[0], height: 844 });
      const response = await page.goto(`${running.baseUrl}${url}`);
      const status = response?.status() ?? 0;
      const landed = new URL(page.url()).pathname;
      if (status === 403 || status === 404 || (landed === '/login' && route !== '/login')) return;
      openedBy.set(route, [...(openedBy.get(route) ?? []), role]);
      // 409: the page refuses for the object's state (the fixture campaign is closed) and says why.
      if (status !== 200 && status !== 409) return log(`${route} as ${role}: answered ${status}`);
      for (const code of await codesShown(page, questionIds, languageCode)) log(`${route} as ${role}: shows ${code}`);
      for (const width of WIDTHS) {
        if (width !== WIDTHS[0]) await page.setViewportSize({ width, height: 900 });
        const wide = await tooWide(page);
        if (wide) log(`${route} as ${role} at ${width} px: ${wide}`);
      }
    };
    for (const route of pages) {
      const url = concretePath(route, fixture);
      await Promise.all(ROLES.map((role) => visit(route, url, role)));
      if (!axe) continue;
      // axe-core is slower than everything else together: it checks each page once, on a phone,
      // as the first role that may open it (other roles see a few buttons more or less).
      const first = ROLES.find((role) => openedBy.get(route)?.includes(role));
      if (!first) continue;
      const { page } = contexts.get(first)!;
      await page.setViewportSize({ width: WIDTHS[0], height: 844 });
      await page.goto(`${running.baseUrl}${url}`);
      for (const v of await seriousViolations(page)) log(`${route} as ${first} at ${WIDTHS[0]} px: ${v.id} [${v.impact}] ${v.nodes.join(' ')}`);
    }
    return { pages, nobody: pages.filter((route) => !openedBy.has(route)), problems };
  }

  it('walks every page and finds none too wide, inaccessible or showing a code', async () => {
    const { pages, nobody, problems } = await walkEveryPage({ axe: true, languageCode: LANGUAGE_CODE });
    // The walk finds pages by the registered routes; these are the ones a role-specific or
    // nested route would most easily lose, so their absence is a failure, not a silent skip.
    if (!process.env.STAFF_PAGES) expect(MUST_WALK.filter((route) => !pages.includes(route))).toEqual([]);
    expect(nobody).toEqual([]);
    expect(problems).toEqual([]);
  }, 1_200_000);

  it('walks every page again as Swedish readers, whose longer words are where a page overflows, and checks each with axe', async () => {
    const ids = Object.values(fixture.users).map((u) => u.id);
    await running.db.updateTable('user').set({ language: 'sv' }).where('id', 'in', ids).execute();
    try {
      const { page } = contexts.get('manager')!;
      await page.goto(`${running.baseUrl}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('sv');
      // "en" is Swedish for "a": only the other codes count as codes on a Swedish page. axe again,
      // once per page at 390 px: Swedish labels, headings and lang attributes are other texts.
      const { nobody, problems } = await walkEveryPage({ axe: true, languageCode: SWEDISH_PAGE_LANGUAGE_CODE });
      expect(nobody).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await running.db.updateTable('user').set({ language: null }).where('id', 'in', ids).execute();
    }
  }, 1_200_000);

  /** A sentence naming what sticks out when the document is wider than the window, else null. */
  async function tooWide(page: Page): Promise<string | null> {
    return page.evaluate(() => {
      const width = window.innerWidth;
      if (document.documentElement.scrollWidth <= width) return null;
      const culprits: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const box = el.getBoundingClientRect();
        if (box.right <= width + 1 || box.width === 0) continue;
        // Only the outermost element that sticks out, not each of its children.
        if (el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1 && el.parentElement !== document.body) continue;
        const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
        culprits.push(`${name} (${Math.round(box.right)} px)`);
        if (culprits.length >= 4) break;
      }
      // Text that runs out of its element (a long word in a narrow box) widens the page too.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node && culprits.length < 4; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const right = range.getBoundingClientRect().right;
        const parent = node.parentElement!;
        // Text in a folded menu (content-visibility: hidden) has a box but is not on the page.
        if (right > width + 1 && parent.checkVisibility() && parent.getBoundingClientRect().right <= width + 1) {
          culprits.push(`the text "${(node.textContent ?? '').trim().slice(0, 40)}" in ${parent.tagName.toLowerCase()} (${Math.round(right)} px)`);
        }
      }
      return `document is ${document.documentElement.scrollWidth} px wide in a ${width} px window: ${culprits.join(', ')}`;
    });
  }

  /**
   * Internal codes in the page's text. Text marked up as code (<code>, <pre>, <kbd>, <samp>)
   * is meant to be read as code (the API reference, CSV column names, mail placeholders) and
   * is left out, as is what the user types (<textarea>).
   */
  async function codesShown(page: Page, questionIds: string[], languageCode: RegExp): Promise<string[]> {
    const text = await page.evaluate(() => {
      const body = document.body.cloneNode(true) as HTMLElement;
      for (const el of Array.from(body.querySelectorAll('code, pre, kbd, samp, script, style, template, textarea'))) el.remove();
      // Each element's text on its own line, so words of neighbouring cells never run together.
      for (const el of Array.from(body.querySelectorAll('*'))) el.append(' ');
      return body.textContent ?? '';
    });
    const found = new Set<string>();
    const words = text.split(/\s+/);
    for (const [i, word] of words.entries()) {
      const around = words.slice(Math.max(0, i - 4), i + 5).join(' ');
      if (SNAKE_CASE.test(word)) found.add(`the code "${SNAKE_CASE.exec(word)![0]}" in "${around}"`);
      else if (languageCode.test(word)) found.add(`the language code "${languageCode.exec(word)![1]}" in "${around}"`);
      else if (questionIds.some((id) => word.replace(/[^\w]/g, '') === id)) found.add(`the question id "${word}" in "${around}"`);
    }
    return [...found];
  }

  it('folds the menu away on a phone, opens it with the keyboard, and shows it open on a desktop', async () => {
    const { page } = contexts.get('manager')!;
    const campaigns = page.locator('nav[aria-label="Main"] a[href="/campaigns"]');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${running.baseUrl}/`);
    expect(await campaigns.isVisible()).toBe(true);
    await tabTo(page, 'a[href="/campaigns"]');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${running.baseUrl}/`);
    expect(await campaigns.isVisible()).toBe(false);
    await tabTo(page, '.menu summary');
    await page.keyboard.press('Enter');
    expect(await campaigns.isVisible()).toBe(true);
    await tabTo(page, 'a[href="/campaigns"]');
    await Promise.all([page.waitForURL(/\/campaigns$/), page.keyboard.press('Enter')]);
  });

  it('saves screenshots of a few pages on a phone for the README', async () => {
    const shots: [Role, string, string][] = [
      ['manager', '/', 'home'],
      ['manager', `/campaigns/${fixture.campaign.id}/problems`, 'ranked-problems'],
      ['member', '/tickets', 'tickets'],
      ['member', `/tickets/${fixture.ticket.id}`, 'ticket'],
      ['admin', `/admin/webhooks/${fixture.webhookId}`, 'webhook-endpoint'],
    ];
    for (const [role, url, name] of shots) {
      const { page } = contexts.get(role)!;
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${running.baseUrl}${url}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    }
    // The menu, opened.
    const { page } = contexts.get('manager')!;
    await page.goto(`${running.baseUrl}/`);
    await page.click('.menu summary');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'menu.png') });
  });
});

/** What the route fixture lacks for the pages to show every kind of thing: more answers, uncoded and foreign-language mentions, tickets in other states, mails of several kinds. */
async function seedMore(db: RunningApp['db'], f: RouteFixture) {
  for (const [i, text, language] of [
    [1, 'Deliveries arrive a day late', 'en'],
    [2, 'Fakturorna är svåra att läsa', 'sv'],
    [3, 'Leveringerne kommer for sent', 'da'],
  ] as const) {
    await createResponse(
      db,
      f.campaign.id,
      i % 2 ? f.account1.id : f.account2.id,
      { problems: [{ categoryId: null, rank: 1, text, language }, { categoryId: f.category.id, rank: 2, text: 'Invoices are hard to read', language }], values: { overall_satisfaction: 3, rating_delivery: i + 1, nps: 5 + i } },
    );
  }
  for (const status of ['open', 'resolved', 'reopened'] as const) {
    await createTicket(db, { teamId: f.team1.id, campaignId: f.campaign.id, status });
  }
  for (const kind of ['ticket_escalation', 'kam_alert', 'followup', 'ticket_created']) {
    // Real mails have long unbroken lines (a styled table, a link): the outbox page must wrap them.
    const link = `https://survey.example.com/s/${'x'.repeat(43)}?lang=sv&utm_source=mail&utm_medium=invitation`;
    const html = `<table role="presentation" style="width:100%;max-width:600px;font-family:Arial,sans-serif"><tr><td style="padding:24px">Hello <a href="${link}">${link}</a></td></tr></table>`.repeat(3);
    await enqueueMail(db, { kind, to: 'quality@example.com', subject: `A ${kind.replace(/_/g, ' ')} mail`, text: `Hello ${link}`, html }, f.now);
  }
}
