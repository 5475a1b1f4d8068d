import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createCategories, createInvitation } from '../support/survey-factories';
import { seriousViolations, sharedAppAndBrowser, tabTo, type RunningApp } from './browser';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots');

describe('respondent survey in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let categories: number[];
  sharedAppAndBrowser(async (running, started) => {
    [app, browser] = [running, started];
    categories = await createCategories(app.db);
  });

  /** A fresh page that fails the test on any request to another host. */
  async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; foreign: string[] }> {
    const page = await browser.newPage({ viewport, hasTouch: viewport.width < 500 });
    const foreign: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(app.baseUrl) && !req.url().startsWith('data:')) foreign.push(req.url());
    });
    return { page, foreign };
  }

  /** Answers the whole annual-pds survey with the keyboard only and ranks three problems. */
  async function answerWithKeyboard(page: Page, texts: { pickedName: string }) {
    const arrow = async (times: number) => {
      for (let i = 0; i < times; i++) await page.keyboard.press('ArrowRight');
    };
    await page.keyboard.press('Tab');
    await tabTo(page, '#a__overall_satisfaction__1');
    await arrow(3); // 4
    await tabTo(page, '#a__nps__0');
    await arrow(9); // 9
    for (const id of ['ordering', 'delivery', 'invoicing', 'support', 'pace', 'reliability', 'care']) {
      await tabTo(page, `#a__rating_${id}__1`);
      await arrow(id === 'delivery' ? 1 : 3);
    }
    await tabTo(page, '#a__problems__0__text');
    await page.keyboard.type('Deliveries arrive late');
    await tabTo(page, '#a__problems__1__text');
    await page.keyboard.type('Invoices are hard to read');
    await tabTo(page, '#a__problems__2__pick');
    await page.keyboard.press('ArrowDown');
    expect(await page.$eval('#a__problems__2__pick', (el) => (el as HTMLSelectElement).selectedOptions[0]!.text)).toBe(texts.pickedName);
    // Rank the catalogue problem first: two presses on its "Move up" button.
    await tabTo(page, '#a__problems__2__pick');
    await tabTo(page, '[data-problem]:has(#a__problems__2__pick) [data-move="up"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /1/.test(document.querySelector('[data-announce]')?.textContent ?? ''));
    const announced = await page.$eval('[data-announce]', (el) => el.textContent ?? '');
    expect(announced).toContain(texts.pickedName);
    expect(await page.$eval('[data-problem]:has(#a__problems__2__pick) [data-move="up"]', (el) => el === document.activeElement)).toBe(true);
    for (const c of categories) {
      await tabTo(page, `#a__problem_rating__${c}__frequency__1`);
      await arrow(3); // 4: often
      await tabTo(page, `#a__problem_rating__${c}__bother__1`);
      await arrow(1); // 2
    }
    await tabTo(page, '#a__comments');
    await page.keyboard.type('Thank you.');
    await tabTo(page, 'button[value="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    return announced;
  }

  async function mentionsOf(invitationId: number) {
    return app.db
      .selectFrom('problem_mention')
      .innerJoin('response', 'response.id', 'problem_mention.response_id')
      .select(['problem_mention.rank', 'problem_mention.text', 'problem_mention.category_id', 'response.status'])
      .where('response.invitation_id', '=', invitationId)
      .orderBy('problem_mention.rank')
      .execute();
  }

  it('lets a respondent fill in and submit the whole annual-pds survey with the keyboard alone, ranking three problems', async () => {
    const inv = await createInvitation(app.db, { contactLanguage: 'en' });
    const { page, foreign } = await newPage();
    await page.goto(`${app.baseUrl}/s/${inv.token}`);
    const announced = await answerWithKeyboard(page, { pickedName: 'Late deliveries' });
    expect(announced).toBe('“Late deliveries” is now number 1 of 5.');
    expect(await page.textContent('h1')).toBe('Thank you for your answers');
    expect(await mentionsOf(inv.invitationId)).toEqual([
      { rank: 1, text: 'Late deliveries', category_id: categories[0], status: 'submitted' },
      { rank: 2, text: 'Deliveries arrive late', category_id: null, status: 'submitted' },
      { rank: 3, text: 'Invoices are hard to read', category_id: null, status: 'submitted' },
    ]);
    const delivery = await app.db.selectFrom('answer_value').select('value').where('question_id', '=', 'rating_delivery').executeTakeFirst();
    expect(delivery?.value).toBe(2);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('does the same in Swedish', async () => {
    const inv = await createInvitation(app.db, { contactLanguage: 'sv' });
    const { page, foreign } = await newPage();
    await page.goto(`${app.baseUrl}/s/${inv.token}`);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    const announced = await answerWithKeyboard(page, { pickedName: 'Felaktiga fakturor' });
    expect(announced).toBe('”Felaktiga fakturor” är nu nummer 1 av 5.');
    expect(await page.textContent('h1')).toBe('Tack för dina svar');
    const mentions = await mentionsOf(inv.invitationId);
    expect(mentions.map((m) => [m.rank, m.text])).toEqual([
      [1, 'Felaktiga fakturor'],
      [2, 'Deliveries arrive late'],
      [3, 'Invoices are hard to read'],
    ]);
    const response = await app.db.selectFrom('response').select('language').where('invitation_id', '=', inv.invitationId).executeTakeFirstOrThrow();
    expect(response.language).toBe('sv');
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('has no serious or critical accessibility violations on the empty, invalid, partly saved, thank-you and closed pages', async () => {
    const inv = await createInvitation(app.db, { contactLanguage: 'da' });
    const { page } = await newPage({ width: 360, height: 780 });
    const url = `${app.baseUrl}/s/${inv.token}`;
    const found: Record<string, unknown> = {};

    await page.goto(url);
    found.empty = await seriousViolations(page);

    await Promise.all([page.waitForNavigation(), page.click('button[value="submit"]')]);
    expect(await page.textContent('.error-summary h2')).toBe('Kontrollér disse svar');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    found.errors = await seriousViolations(page);

    await page.fill('#a__problems__0__text', 'Leveringerne kommer for sent');
    await page.click('#a__overall_satisfaction__3');
    await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
    expect(await page.textContent('.notice')).toContain('Dine svar er gemt');
    expect(await page.inputValue('#a__problems__0__text')).toBe('Leveringerne kommer for sent');
    found.saved = await seriousViolations(page);

    const closed = await createInvitation(app.db, { contactLanguage: 'sv', campaignStatus: 'closed' });
    await page.goto(`${app.baseUrl}/s/${closed.token}`);
    expect(await page.textContent('h1')).toBe('Enkäten är stängd');
    found.closed = await seriousViolations(page);

    const done = await createInvitation(app.db);
    const { page: desktop } = await newPage();
    await desktop.goto(`${app.baseUrl}/s/${done.token}`);
    await desktop.click('#a__overall_satisfaction__5');
    await desktop.click('#a__nps__10');
    await desktop.fill('#a__problems__0__text', 'Nothing serious');
    await Promise.all([desktop.waitForNavigation(), desktop.click('button[value="submit"]')]);
    expect(await desktop.textContent('h1')).toBe('Thank you for your answers');
    found.thanks = await seriousViolations(desktop);

    expect(found).toEqual({ empty: [], errors: [], saved: [], closed: [], thanks: [] });
    await page.close();
    await desktop.close();
  });

  it('fits a 360 px wide touch screen without horizontal scrolling and saves screenshots', async () => {
    const inv = await createInvitation(app.db, { contactLanguage: 'en' });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const { page } = await newPage({ width: 360, height: 780 });
    await page.goto(`${app.baseUrl}/s/${inv.token}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.tap('#a__overall_satisfaction__4');
    expect(await page.isChecked('#a__overall_satisfaction__4')).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'survey-phone.png') });
    await page.fill('#a__problems__0__text', 'Deliveries arrive late');
    await page.fill('#a__problems__1__text', 'Invoices are hard to read');
    await page.tap('[data-problem]:has(#a__problems__1__text) [data-move="up"]');
    expect(await page.inputValue('#a__problems__1__rank')).toBe('1');
    await page.locator('#a__problems-group').scrollIntoViewIfNeeded();
    await page.locator('#a__problems-group').screenshot({ path: path.join(SCREENSHOTS, 'survey-phone-ranking.png') });

    const { page: desktop } = await newPage({ width: 1280, height: 900 });
    await desktop.goto(`${app.baseUrl}/s/${inv.token}?lang=sv`);
    await desktop.screenshot({ path: path.join(SCREENSHOTS, 'survey-desktop.png') });
    await page.close();
    await desktop.close();
  });
});
