// The whole loop in a real browser, against a real SMTP server on loopback:
// admin set-up → campaign → three respondents from their mails → coding → ranked list →
// routing → the team works and resolves the ticket → "you said, we did" → "Yes, this helped".
// axe-core runs on every page visited; screenshots of the main pages go to docs/screenshots/.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../src/app';
import { testConfig } from '../../src/config';
import type { Db } from '../../src/db/database';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';
import { createLogger } from '../../src/shared/logger';
import { ensureFirstAdmin } from '../../src/accounts/account.service';
import { MailWorker } from '../../src/jobs/mail-worker';
import { smtpTransport, type MailTransport } from '../../src/mail/transport';
import { surveyTemplates } from '../support/survey-factories';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { launchBrowser, seriousViolations, tabTo } from './browser';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots');

const ADMIN = { email: 'admin@supplier.example', password: 'admin-password-1' };
const MANAGER = { email: 'quality@supplier.example', name: 'Maria Quality', password: 'manager-password-1' };
const MEMBER = { email: 'lena.logistics@supplier.example', name: 'Lena Logistics', password: 'member-password-1' };
const SV = { email: 'anna@nordkust.example', name: 'Anna Svensson', customer: 'Nordkust Logistik AB' };
const DA = { email: 'jens@fynbo.example', name: 'Jens Jensen', customer: 'Fynbo Byg ApS' };
const EN = { email: 'oliver@harbour.example', name: 'Oliver Smith', customer: 'Harbour Tools Ltd' };

const CSV = [
  'customer,customer_ref,email,name,language,segment,region',
  `${SV.customer},C-100,${SV.email},${SV.name},sv,Industry,Nordic`,
  `${DA.customer},C-200,${DA.email},${DA.name},da,Construction,Nordic`,
  `${EN.customer},C-300,${EN.email},${EN.name},en,Industry,UK`,
].join('\n');

const WORDS = {
  svLate: 'Leveranserna kommer ofta för sent',
  svInvoice: 'Fakturorna är svåra att förstå',
  daInvoice: 'Fakturaerne er svære at læse',
  enLate: 'Your deliveries are often late',
};

describe('the whole loop in a real browser', () => {
  let shared: SharedTestDatabase | undefined;
  let db: Db;
  let server: http.Server;
  let baseUrl: string;
  let sink: SmtpSink;
  let transport: MailTransport;
  let worker: MailWorker;
  let browser: Browser;
  let mailCursor = 0;
  let campaignId = 0;
  let ticketUrl = '';
  const invitations = new Map<string, string>();
  const contexts: BrowserContext[] = [];
  /** Serious and critical axe violations found since the last step ended: "page: rule target". */
  const violations: string[] = [];
  const visited: string[] = [];

  beforeAll(async () => {
    shared = await createSharedTestDatabase({ migrated: true, prefix: 'pds-loop-e2e-' });
    db = shared.open();
    await ensureFirstAdmin(db, ADMIN, new Date());
    sink = await startSmtpSink();
    // Listen first so BASE_URL (used in every mailed link) names the real port.
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = testConfig({ baseUrl, smtpUrl: sink.url, mailFrom: 'pds-loop@supplier.example' });
    const app = createApp({ config, db, logger: createLogger('silent'), sessionSecret: config.sessionSecret!, templates: surveyTemplates });
    server.on('request', app);
    transport = smtpTransport(config.smtpUrl!, { timeoutMs: 5000 });
    worker = new MailWorker({ db, transport, secret: config.sessionSecret!, from: { name: config.mailFromName, address: config.mailFrom }, rate: 1000, retrySeconds: 60 });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    transport?.close();
    await sink?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    await db?.destroy();
    await shared?.cleanup();
  });

  // ---- helpers -------------------------------------------------------------------------

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, hasTouch: viewport.width < 500, isMobile: viewport.width < 500 });
    contexts.push(context);
    return context.newPage();
  }

  /** Runs axe-core on the page as it is now and records serious/critical violations. */
  async function axe(page: Page, label: string): Promise<void> {
    visited.push(label);
    for (const v of await seriousViolations(page)) violations.push(`${label} (${new URL(page.url()).pathname.replace(/\/(s|f)\/[^/]+/, '/$1/<token>')}): ${v.id} [${v.impact}] ${v.nodes.join(' ')}`);
  }

  /** Ends a step: every page it visited was free of serious and critical violations. */
  function expectAccessible(): void {
    expect(violations.splice(0)).toEqual([]);
  }

  async function go(page: Page, url: string, label: string): Promise<void> {
    await page.goto(url.startsWith('http') ? url : `${baseUrl}${url}`);
    await axe(page, label);
  }

  /** Clicks something that submits a form or follows a link, waits for the new page, runs axe. */
  async function submit(page: Page, selector: string, label: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
    await axe(page, label);
  }

  async function signIn(page: Page, who: { email: string; password: string }, url = '/login'): Promise<void> {
    await go(page, url, 'sign-in');
    expect(await page.textContent('h1')).toBe('Sign in to PDS Loop');
    await page.fill('#email', who.email);
    await page.fill('#password', who.password);
    await submit(page, 'button:has-text("Sign in")', 'after sign-in');
  }

  const flash = (page: Page) => page.textContent('.flash');
  const h1 = async (page: Page) => (await page.textContent('h1'))?.replace(/\s+/g, ' ').trim();

  /** Sends every due mail through SMTP and returns the mails the sink accepted since last time. */
  async function deliver(): Promise<ParsedMail[]> {
    await worker.drain(new Date());
    const raw = sink.accepted.slice(mailCursor);
    mailCursor = sink.accepted.length;
    return Promise.all(raw.map((m) => simpleParser(m.raw)));
  }

  /** Chart.js animates its first draw (about 1 s): wait until it ends, so screenshots show the final chart. */
  async function chartsDrawn(page: Page): Promise<void> {
    await page.waitForFunction(() => {
      const Chart = (window as unknown as { Chart?: { getChart(c: HTMLCanvasElement): unknown } }).Chart;
      return !!Chart && Array.from(document.querySelectorAll('canvas')).every((c) => Chart.getChart(c));
    });
    await page.waitForTimeout(1500);
  }

  const toOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? '';
  const linkIn = (text: string, pattern: RegExp) => {
    const match = text.match(pattern);
    if (!match) throw new Error(`no link ${pattern} in:\n${text}`);
    return match[0];
  };

  // ---- 1. admin -------------------------------------------------------------------------

  it('1. an admin signs in, adds a team, a member, a manager and two categories, and imports contacts', async () => {
    const page = await newPage();
    await go(page, '/', 'home, signed out');
    await signIn(page, ADMIN);
    expect(await page.textContent('.signout__who')).toBe('Administrator');

    await go(page, '/admin/teams', 'teams');
    await submit(page, 'a:has-text("Add a team")', 'add team');
    expect(await h1(page)).toBe('Add a team');
    await page.fill('#name', 'Logistics');
    await page.fill('#email', MEMBER.email);
    await submit(page, 'button:has-text("Save")', 'teams after add');
    expect(await flash(page)).toBe('Team Logistics added.');
    expect(await page.locator('main table').textContent()).toContain('Logistics');

    for (const u of [
      { ...MEMBER, role: 'member', team: true },
      { ...MANAGER, role: 'manager', team: false },
    ]) {
      await go(page, '/admin/users/new', 'add user');
      expect(await h1(page)).toBe('Invite a user');
      await page.fill('#email', u.email);
      await page.fill('#name', u.name);
      await page.selectOption('#role', u.role);
      if (u.team) await page.check('label.check:has-text("Logistics") input');
      // This installation passes passwords on: the folded-away alternative to the invitation mail.
      await page.click('summary:has-text("Set a password instead")');
      await page.fill('#password', u.password);
      await submit(page, 'button:has-text("Send invitation")', 'users after add');
      expect(await flash(page)).toBe(`User ${u.email} added with the password you set.`);
    }
    const users = await page.locator('main table').textContent();
    expect(users).toContain(MEMBER.name);
    expect(users).toContain(MANAGER.name);
    expect(users).toContain('Quality manager');

    // The problem catalogue: one category owned by Logistics, one without an owner.
    for (const c of [
      { en: 'Late deliveries', sv: 'Sena leveranser', da: 'Forsinkede leveringer', keywords: 'late, delivery, deliveries, sen, leverans, leveranser, forsinket, levering', team: 'Logistics' },
      { en: 'Unclear invoices', sv: 'Otydliga fakturor', da: 'Uklare fakturaer', keywords: 'invoice, invoices, faktura, fakturor, fakturaer, unclear, otydlig, svær', team: '' },
    ]) {
      await go(page, '/catalogue', 'catalogue');
      await submit(page, 'a:has-text("Add a category")', 'add category');
      await page.fill('#name_en', c.en);
      await page.fill('#name_sv', c.sv);
      await page.fill('#name_da', c.da);
      await page.fill('#keywords', c.keywords);
      if (c.team) await page.selectOption('#teamId', { label: c.team });
      await submit(page, 'button:has-text("Save")', 'catalogue after add');
      expect(new URL(page.url()).pathname).toBe('/catalogue');
    }
    // Each row: the name in the reader's language, then the other languages' names, keywords, team, status.
    const rows = await page.$$eval('#categories tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((cell) => (cell as HTMLElement).innerText.trim())));
    const otherNames = (cell: string) => cell.split(/\n+/).map((line) => line.trim()).filter(Boolean).sort();
    expect(rows.map((r) => [r[0], otherNames(r[1]!), r[3], r[4]])).toEqual([
      ['Late deliveries', ['Danish:', 'Forsinkede leveringer', 'Sena leveranser', 'Swedish:'], 'Logistics', 'Active'],
      ['Unclear invoices', ['Danish:', 'Otydliga fakturor', 'Swedish:', 'Uklare fakturaer'], '—', 'Active'],
    ]);

    await go(page, '/customers/import', 'import contacts');
    expect(await h1(page)).toBe('Import contacts');
    await page.setInputFiles('#file', { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await submit(page, 'button:has-text("Check the file")', 'import preview');
    expect(await h1(page)).toBe('Check the import');
    expect(await page.textContent('#created')).toBe('3');
    await submit(page, 'button:has-text("Import 3 contacts")', 'import result');
    expect(await h1(page)).toBe('Import result');
    expect(await page.textContent('#created')).toBe('3');
    expect(await page.textContent('#rejected')).toBe('0');
    expect(await page.textContent('p[role="status"]')).toContain('contacts.csv: 3 contacts created');

    await go(page, '/customers', 'customers');
    const customers = await page.locator('main').textContent();
    for (const p of [SV, DA, EN]) expect(customers).toContain(p.customer);
    await page.context().close();
    expectAccessible();
  });

  // ---- 2. manager -----------------------------------------------------------------------

  it('2. a manager creates an annual-pds campaign through the form and launches it; the invitations go out by SMTP', async () => {
    const page = await newPage();
    await signIn(page, MANAGER);
    await go(page, '/campaigns', 'campaigns');
    await go(page, '/campaigns/new', 'new campaign');
    expect(await h1(page)).toBe('New campaign');
    await page.fill('#name', 'Annual 2026');
    await page.selectOption('#template', 'annual-pds');
    expect(await page.inputValue('#subject_sv')).toBe('Vad tycker du om oss som leverantör? Vi vill gärna höra din åsikt');
    expect(await page.inputValue('#body_sv')).toContain('{{contact_name}}');
    await submit(page, 'button:has-text("Create campaign")', 'campaign created');
    expect(await flash(page)).toBe('Campaign "Annual 2026" created. Check the mail preview, then launch it.');
    campaignId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(campaignId).toBeGreaterThan(0);

    await go(page, `/campaigns/${campaignId}/preview?lang=da`, 'mail preview');
    await go(page, `/campaigns/${campaignId}`, 'campaign');
    await submit(page, 'a:has-text("Launch…")', 'launch confirmation');
    expect(await h1(page)).toBe('Launch Annual 2026?');
    await submit(page, 'button:has-text("Launch and send 3 invitations")', 'campaign launched');
    expect(await flash(page)).toBe('Campaign launched: 3 invitations queued, 0 contacts skipped.');
    expect(await page.textContent('[data-figure="invited"]')).toBe('3');

    const mails = await deliver();
    expect(mails.map((m) => [toOf(m), m.subject]).sort()).toEqual(
      [
        [SV.email, 'Vad tycker du om oss som leverantör? Vi vill gärna höra din åsikt'],
        [DA.email, 'Hvad synes du om samarbejdet med os? Vi vil gerne høre din mening'],
        [EN.email, `How are we doing, ${EN.customer}? Your feedback counts`],
      ].sort(),
    );
    for (const m of mails) {
      expect(m.headerLines.map((h) => h.key)).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']));
      expect(m.html).toBeTruthy();
      invitations.set(toOf(m), linkIn(m.text ?? '', new RegExp(`${baseUrl.replace(/\./g, '\\.')}/s/[A-Za-z0-9_-]+`)));
    }
    expect(invitations.size).toBe(3);

    await page.reload();
    await axe(page, 'campaign after sending');
    expect(await page.textContent('[data-figure="sent"]')).toBe('3');
    await page.context().close();
    expectAccessible();
  });

  // ---- 3. respondents -------------------------------------------------------------------

  it('3a. the Swedish respondent answers with the keyboard alone and ranks the late deliveries first', async () => {
    const page = await newPage();
    await go(page, invitations.get(SV.email)!, 'survey sv');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    const arrow = async (times: number) => {
      for (let i = 0; i < times; i++) await page.keyboard.press('ArrowRight');
    };
    await tabTo(page, '#a__overall_satisfaction__1');
    await arrow(2); // 3
    await tabTo(page, '#a__nps__0');
    await arrow(7); // 7
    await tabTo(page, '#a__problems__0__text');
    await page.keyboard.type(WORDS.svInvoice);
    await tabTo(page, '#a__problems__1__text');
    await page.keyboard.type(WORDS.svLate);
    await tabTo(page, '[data-problem]:has(#a__problems__1__text) [data-move="up"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /1/.test(document.querySelector('[data-announce]')?.textContent ?? ''));
    expect(await page.textContent('[data-announce]')).toBe(`”${WORDS.svLate}” är nu nummer 1 av 5.`);
    expect(await page.inputValue('#a__problems__1__rank')).toBe('1');
    expect(await page.inputValue('#a__problems__0__rank')).toBe('2');
    await axe(page, 'survey sv, ranked');
    await tabTo(page, 'button[value="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await axe(page, 'survey sv, thanks');
    expect(await h1(page)).toBe('Tack för dina svar');
    await page.context().close();
    expectAccessible();
  });

  it('3b. the Danish respondent answers on a 360 px wide touch screen', async () => {
    const page = await newPage({ width: 360, height: 780 });
    await go(page, invitations.get(DA.email)!, 'survey da, phone');
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.tap('#a__overall_satisfaction__2');
    await page.tap('#a__nps__5');
    await page.tap('#a__problems__0__text');
    await page.fill('#a__problems__0__text', WORDS.daInvoice);
    expect(await page.isChecked('#a__overall_satisfaction__2')).toBe(true);
    await Promise.all([page.waitForNavigation(), page.tap('button[value="submit"]')]);
    await axe(page, 'survey da, thanks');
    expect(await h1(page)).toBe('Tak for dine svar');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
    expectAccessible();
  });

  it('3c. the English respondent saves, leaves, opens the mail link again and resumes where they stopped', async () => {
    const link = invitations.get(EN.email)!;
    const first = await newPage();
    await go(first, link, 'survey en');
    await first.click('#a__overall_satisfaction__2');
    await first.fill('#a__problems__0__text', WORDS.enLate);
    await submit(first, 'button[value="save"]', 'survey en, saved');
    expect(await first.textContent('.notice')).toContain('Your answers are saved.');
    await first.context().close();

    const again = await newPage();
    await go(again, link, 'survey en, resumed');
    expect(await again.textContent('.notice')).toContain('Welcome back. The answers you saved earlier are filled in below.');
    expect(await again.inputValue('#a__problems__0__text')).toBe(WORDS.enLate);
    expect(await again.isChecked('#a__overall_satisfaction__2')).toBe(true);
    await again.click('#a__nps__6');
    await submit(again, 'button[value="submit"]', 'survey en, thanks');
    expect(await h1(again)).toBe('Thank you for your answers');
    await again.context().close();
    expectAccessible();
  });

  // ---- 4. coding, ranking, routing ------------------------------------------------------

  it('4. the manager codes the mentions with the suggestions, reads the ranked list and routes the top problems', async () => {
    const page = await newPage();
    await signIn(page, MANAGER);
    await go(page, `/campaigns/${campaignId}`, 'campaign progress');
    expect(await page.textContent('[data-figure="submitted"]')).toBe('3');
    expect(await page.textContent('[data-figure="sent"]')).toBe('3');
    await chartsDrawn(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign-progress.png'), fullPage: true });

    await submit(page, 'a:has-text("Code problems")', 'coding');
    expect(await h1(page)).toBe('Code problems: Annual 2026');
    expect(await page.textContent('#mentions caption')).toBe('Uncoded mentions (4)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coding.png'), fullPage: true });

    const expected: Record<string, string> = {
      [WORDS.svLate]: 'Late deliveries',
      [WORDS.enLate]: 'Late deliveries',
      [WORDS.svInvoice]: 'Unclear invoices',
      [WORDS.daInvoice]: 'Unclear invoices',
    };
    for (let left = 4; left > 0; left--) {
      const row = page.locator('#mentions tbody tr').first();
      const text = (await row.locator('td.analysis-mention label').textContent())!.trim();
      const best = row.locator('.analysis-suggestions button').first();
      // The best suggestion is the right category: accept it.
      expect([text, (await best.textContent())!.replace(/\s+\d+ %$/, '').trim()]).toEqual([text, expected[text]]);
      await Promise.all([page.waitForNavigation(), best.click()]);
      await axe(page, 'coding after accept');
      expect(await flash(page)).toBe('Coded 1 mention. You can undo this under “Recent coding”.');
    }
    expect(await page.textContent('main')).toContain('Every mention of this campaign is coded.');
    expect(await page.locator('#recent-coding tbody tr').count()).toBe(4);

    await submit(page, '.page-head a:has-text("Ranked problems")', 'ranked problems');
    expect(await h1(page)).toBe('Ranked problems: Annual 2026');
    const ranked = await page.$$eval('#ranked-table tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td, th')).map((c) => c.textContent?.trim())));
    // rank, category, mentions, respondents, accounts, share, points: late deliveries 5 + 5, invoices 4 + 5.
    expect(ranked.map((r) => r.slice(0, 7))).toEqual([
      ['1', 'Late deliveries', '2', '2', '2', '66.7 %', '10'],
      ['2', 'Unclear invoices', '2', '2', '2', '66.7 %', '9'],
    ]);
    await chartsDrawn(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ranked-problems.png'), fullPage: true });

    await submit(page, '.page-head a:has-text("Route top problems")', 'route');
    expect(await h1(page)).toBe('Route top problems: Annual 2026');
    await page.fill('#top', '2');
    await submit(page, 'button:has-text("Preview")', 'route preview');
    const preview = await page.$$eval('main table tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((c) => c.textContent?.trim())));
    // The problem no team owns comes first, with a team chooser of its own.
    expect(await page.textContent('#unowned-h')).toBe('No team owns this problem yet');
    expect(preview).toEqual([
      ['2', 'Unclear invoices', '9', '2', '—', 'No owning team: not routed'],
      ['1', 'Late deliveries', '10', '2', 'Logistics', 'New ticket'],
    ]);
    await submit(page, 'button:has-text("Create tickets and mail the teams")', 'tickets after routing');
    expect(await flash(page)).toBe('1 ticket created, each team mailed.');
    expect(await page.textContent('.flash--info')).toBe('1 problem was not routed: Unclear invoices (no team owns it yet; choose its team on the routing page).');

    const mails = await deliver();
    expect(mails.map((m) => [toOf(m), m.subject])).toEqual([[MEMBER.email, 'New action ticket for Logistics: Late deliveries']]);
    expect(mails[0]!.text).toContain('A top problem of Annual 2026 was routed to Logistics.');
    ticketUrl = linkIn(mails[0]!.text ?? '', new RegExp(`${baseUrl.replace(/\./g, '\\.')}/tickets/\\d+`));
    await page.context().close();
    expectAccessible();
  });

  // ---- 5. the team works the ticket ---------------------------------------------------

  it('5. the team member opens the ticket from the mail, works it and resolves it with a note in the languages asked', async () => {
    const page = await newPage();
    await go(page, ticketUrl, 'ticket link, signed out');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#email', MEMBER.email);
    await page.fill('#password', MEMBER.password);
    await submit(page, 'button:has-text("Sign in")', 'ticket after sign-in');
    expect(page.url()).toBe(ticketUrl);
    expect(await h1(page)).toMatch(/^#\d+ Late deliveries$/);
    expect(await page.textContent('.status')).toBe('Open');
    const quotes = await page.$$eval('.ticket-evidence blockquote', (bs) => bs.map((b) => b.textContent?.trim()).sort());
    expect(quotes).toEqual([WORDS.svLate, WORDS.enLate].sort());

    await submit(page, 'button:has-text("Move to in progress")', 'ticket in progress');
    expect(await flash(page)).toBe('Ticket moved to in progress.');
    expect(await page.textContent('.status')).toBe('In progress');
    expect(await page.textContent('main')).toContain('Required in: English, Swedish.');

    // Resolving without the Swedish note is refused, with the message next to the field.
    await page.fill('#note_en', 'We added a second daily truck route and now confirm every delivery date by mail.');
    await submit(page, 'button:has-text("Resolve and tell the customers")', 'ticket resolve refused');
    expect(await page.textContent('.error-summary')).toBeTruthy();
    expect(await page.inputValue('#note_en')).toContain('second daily truck route');
    await page.fill('#note_sv', 'Vi har lagt till en andra daglig lastbilsrutt och bekräftar nu varje leveransdatum via e-post.');
    // Nothing is sent before the mails were seen as each customer will read them.
    await submit(page, 'button:has-text("Resolve and tell the customers")', 'ticket resolve preview');
    expect(await h1(page)).toBe('Resolve: Late deliveries');
    expect(await page.textContent('.followup-summary')).toBe('2 contacts will get this mail: 1 in English, 1 in Swedish.');
    expect(await page.textContent('#mails-sv + details pre')).toContain('Vi har lagt till en andra daglig lastbilsrutt');
    await submit(page, 'button:has-text("Resolve and send the mails")', 'ticket resolved');
    expect(await flash(page)).toBe('Ticket moved to resolved. 2 follow-up mails queued to the customers who reported it.');
    expect(await page.textContent('.status')).toBe('Resolved');
    expect(await page.textContent('#followups-h + p')).toBe('2 sent, 0 answered, 0 said it helped.');
    await page.context().close();
    expectAccessible();
  });

  // ---- 6. you said, we did ----------------------------------------------------------------

  it('6. exactly the two who reported late deliveries get the follow-up; one answers "Yes, this helped" and the ticket shows it', async () => {
    const mails = await deliver();
    expect(mails.map((m) => [toOf(m), m.subject]).sort()).toEqual(
      [
        [SV.email, 'Du tyckte till – så här har vi gjort'],
        [EN.email, 'You said, we did'],
      ].sort(),
    );
    const sv = mails.find((m) => toOf(m) === SV.email)!;
    expect(sv.text).toContain(`> ${WORDS.svLate}`);
    expect(sv.text).toContain('Vi har lagt till en andra daglig lastbilsrutt');
    expect(sv.text).not.toContain(WORDS.svInvoice);
    const en = mails.find((m) => toOf(m) === EN.email)!;
    expect(en.text).toContain(`Hello ${EN.name},`);
    expect(en.text).toContain(`> ${WORDS.enLate}`);
    expect(en.text).toContain('We added a second daily truck route');
    const yes = linkIn(en.text ?? '', /Yes: (\S+)/).replace(/^Yes: /, '');
    expect(yes).toMatch(/\/f\/[A-Za-z0-9_-]+\?answer=yes$/);

    const page = await newPage();
    await go(page, yes, 'follow-up answer');
    expect(await h1(page)).toBe('Did this help?');
    expect(await page.isChecked('input[name="answer"][value="yes"]')).toBe(true);
    // The GET changed nothing (a link scanner may have opened it).
    const before = await db.selectFrom('followup').select('is_helpful').execute();
    expect(before.every((f) => f.is_helpful === null)).toBe(true);
    await submit(page, 'button:has-text("Send answer")', 'follow-up answered');
    expect(await page.textContent('.flash')).toBe('Thank you, your answer was saved.');
    await page.context().close();

    const member = await newPage();
    await signIn(member, MEMBER, ticketUrl.replace(baseUrl, '/login?next='));
    if (member.url() !== ticketUrl) await go(member, ticketUrl, 'ticket');
    expect(await member.textContent('#followups-h + p')).toBe('2 sent, 1 answered, 1 said it helped.');
    const rows = await member.$$eval('section[aria-labelledby="followups-h"] tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((c) => c.textContent?.trim())));
    expect(rows.map((r) => [r[0], r[1], r[3]]).sort()).toEqual(
      [
        [SV.name, 'Swedish', 'No answer yet'],
        [EN.name, 'English', 'Yes'],
      ].sort(),
    );
    await member.screenshot({ path: path.join(SCREENSHOTS, 'ticket.png'), fullPage: true });
    await go(member, '/tickets', 'tickets');
    expect(await member.textContent('main table')).toContain('Late deliveries');
    await member.context().close();

    // Nobody else was mailed along the way.
    expect(sink.accepted.map((m) => m.to[0]).sort()).toEqual([SV.email, DA.email, EN.email, MEMBER.email, SV.email, EN.email].sort());
    expectAccessible();
    expect(visited.length).toBeGreaterThan(30);
  });
});
