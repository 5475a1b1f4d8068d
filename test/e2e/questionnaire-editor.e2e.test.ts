// The questionnaire builder in a real browser, with its script: build a questionnaire from
// empty, translate it, reorder by keyboard and by drag and drop, let it save itself, preview it
// one section per page, publish it and launch a campaign with it. axe-core runs on every
// editor page; at 390 px wide no page scrolls sideways.
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../support/factories';
import { createContact, createCustomer } from '../support/campaign-factories';
import { seriousViolations, sharedAppAndBrowser, type RunningApp } from './browser';

type Def = { layout?: string; sections: { id: string; questions: { id: string; text: Record<string, string> }[] }[] };

describe('the questionnaire builder in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  const violations: string[] = [];

  sharedAppAndBrowser((running, started) => {
    [app, browser] = [running, started];
  });

  async function definition(): Promise<Def> {
    const row = await app.db.selectFrom('questionnaire_version').innerJoin('questionnaire', 'questionnaire.id', 'questionnaire_version.questionnaire_id').select('questionnaire_version.definition').where('questionnaire.slug', '=', 'partner-survey').orderBy('questionnaire_version.number', 'desc').executeTakeFirstOrThrow();
    return JSON.parse(row.definition) as Def;
  }
  const order = (def: Def) => def.sections.map((s) => s.questions.map((q) => q.id));

  async function axe(page: Page, label: string): Promise<void> {
    for (const v of await seriousViolations(page)) violations.push(`${label}: ${v.id} [${v.impact}] ${v.nodes.join(' ')}`);
  }

  async function noSidewaysScroll(page: Page, label: string): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(`${label}: ${width}`).toBe(`${label}: ${page.viewportSize()!.width}`);
  }

  async function click(page: Page, selector: string, label: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
    await axe(page, label);
  }

  it('builds, translates, reorders, previews, publishes and launches a questionnaire', async () => {
    const manager = await createUser(app.db, { role: 'manager', email: 'qm@supplier.example' });
    const customerId = await createCustomer(app.db, { name: 'Nordkust AB', language: 'sv' });
    await createContact(app.db, Number(customerId), { email: 'anna@nordkust.example', name: 'Anna', language: 'sv' });

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.baseUrl}/login`);
    await page.fill('#email', manager.email);
    await page.fill('#password', manager.password);
    await click(page, 'button:has-text("Sign in")', 'signed in');

    await page.goto(`${app.baseUrl}/questionnaires`);
    await axe(page, 'questionnaires');
    await page.goto(`${app.baseUrl}/questionnaires/new`);
    await axe(page, 'new questionnaire');
    await page.fill('#title-en', 'Partner survey');
    await page.fill('#title-sv', 'Partnerenkät');
    await page.fill('#title-da', 'Partnerundersøgelse');
    await click(page, 'button:has-text("Create draft")', 'editor');
    const editorUrl = page.url();

    // A recommendation question, in every language.
    const firstSection = (await definition()).sections[0]!.id;
    await page.selectOption(`#type-${firstSection}`, 'nps');
    await click(page, `form[action$="/sections/${firstSection}/questions/new"] button`, 'new question');
    await page.fill('#text-en', 'Would you recommend us?');
    await page.fill('#text-sv', 'Skulle du rekommendera oss?');
    await page.fill('#text-da', 'Vil du anbefale os?');
    await click(page, 'button:has-text("Add question")', 'editor with a question');

    // A second section with a rating question in English only: the rest is missing.
    await click(page, 'a:has-text("Add a section")', 'new section');
    await page.fill('#title-en', 'Delivery');
    await page.fill('#title-sv', 'Leverans');
    await page.fill('#title-da', 'Levering');
    await click(page, 'button:has-text("Save section")', 'editor with two sections');
    const secondSection = (await definition()).sections[1]!.id;
    await page.selectOption(`#type-${secondSection}`, 'rating');
    await click(page, `form[action$="/sections/${secondSection}/questions/new"] button`, 'new rating question');
    await page.fill('#text-en', 'How satisfied are you with delivery?');
    await page.fill('#labels-low-en', 'Not at all');
    await page.fill('#labels-high-en', 'Very');
    await click(page, 'button:has-text("Add question")', 'editor with missing translations');
    expect(await page.textContent('.missing-summary')).toMatch(/Swedish 3/);

    // Translate it in its form: it saves itself while typing, without the Save button.
    await click(page, 'a:has-text("Edit"):has(span:has-text("question 1 of section 2"))', 'edit question');
    await page.fill('#text-sv', 'Hur nöjd är du med leveranserna?');
    await page.fill('#text-da', 'Hvor tilfreds er du med leveringerne?');
    for (const [field, text] of [['#labels-low-sv', 'Inte alls'], ['#labels-high-sv', 'Mycket'], ['#labels-low-da', 'Slet ikke'], ['#labels-high-da', 'Meget']]) await page.fill(field!, text!);
    await page.waitForSelector('[data-autosave-status]:has-text("Saved at")');
    // Emptying the text everywhere cannot be saved: the state says so and the typed values stay.
    await page.fill('#text-en', '');
    await page.fill('#text-sv', '');
    await page.fill('#text-da', '');
    await page.waitForSelector('[data-autosave-status]:has-text("Not saved: Write this text in at least one language")');
    await page.fill('#text-en', 'How satisfied are you with our deliveries?');
    await page.fill('#text-sv', 'Hur nöjd är du med leveranserna?');
    await page.fill('#text-da', 'Hvor tilfreds er du med leveringerne?');
    await page.waitForSelector('[data-autosave-status]:has-text("Saved at")');
    await page.goto(editorUrl);
    await axe(page, 'editor, translated');
    expect(await page.textContent('.missing-summary')).toContain('Every text is written in every language.');
    const rating = (await definition()).sections[1]!.questions[0]!;
    expect(rating.text).toEqual({ en: 'How satisfied are you with our deliveries?', sv: 'Hur nöjd är du med leveranserna?', da: 'Hvor tilfreds er du med leveringerne?' });

    // Keyboard: the rating question moves up into the first section, after the recommendation.
    await page.focus(`[data-question-id="${rating.id}"] .drag-handle`);
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector('[data-reorder-status]:has-text("Saved at")');
    expect(order(await definition())).toEqual([['would_you_recommend_us', rating.id], []]);
    // The plain move buttons and their position texts follow at once, as a reload would show them.
    const moves = () => page.$$eval('[data-question-id]', (rows) => rows.map((row) => ({
      id: row.getAttribute('data-question-id'),
      buttons: Array.from(row.querySelectorAll(':scope > .row-actions button')).filter((b) => (b as HTMLElement).offsetParent !== null).map((b) => b.textContent!.trim()),
    })));
    const afterMove = await moves();
    expect(afterMove).toEqual([
      { id: 'would_you_recommend_us', buttons: ['Edit texts here question 1 of section 1', 'Move down question 1 of section 1', 'Remove question 1 of section 1'] },
      { id: rating.id, buttons: ['Edit texts here question 2 of section 1', 'Move up question 2 of section 1', 'Move down question 2 of section 1', 'Remove question 2 of section 1'] },
    ]);
    expect(await page.isVisible(`[data-section-id="${secondSection}"] [data-no-question]`)).toBe(true);
    await page.reload();
    expect(await moves()).toEqual(afterMove);
    await page.focus(`[data-question-id="${rating.id}"] .drag-handle`);
    await page.evaluate(() => { const s = document.querySelector('[data-reorder-status]'); if (s) s.textContent = ''; });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('drag-handle'))).toBe(true);
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector('[data-reorder-status]:has-text("Saved at")');
    expect(order(await definition())).toEqual([[rating.id, 'would_you_recommend_us'], []]);

    // Drag and drop: the recommendation goes into the second (empty) section.
    await page.evaluate(() => { const s = document.querySelector('[data-reorder-status]'); if (s) s.textContent = ''; });
    await page.dragAndDrop('[data-question-id="would_you_recommend_us"] .drag-handle', `[data-section-id="${secondSection}"] [data-questions]`);
    await page.waitForSelector('[data-reorder-status]:has-text("Saved at")');
    expect(order(await definition())).toEqual([[rating.id], ['would_you_recommend_us']]);
    await page.reload();
    const listed = await page.$$eval('[data-section-id]', (sections) => sections.map((s) => Array.from(s.querySelectorAll('[data-question-id]')).map((q) => q.getAttribute('data-question-id'))));
    expect(listed).toEqual([[rating.id], ['would_you_recommend_us']]);

    // One section per page, chosen in the details form (saved by itself too).
    await page.check('input[name="layout"][value="section_per_page"]');
    await page.waitForSelector('form[action$="/details"] [data-autosave-status]:has-text("Saved at")');
    expect((await definition()).layout).toBe('section_per_page');

    // Preview in Swedish on a phone: step 1 of 2, then step 2; nothing scrolls sideways.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: await page.context().storageState() })).newPage();
    for (const path of [editorUrl, `${editorUrl}/questions/${rating.id}`, `${editorUrl}/publish`, '/questionnaires']) {
      await phone.goto(path.startsWith('http') ? path : `${app.baseUrl}${path}`);
      await noSidewaysScroll(phone, path);
    }
    await phone.goto(`${editorUrl}/preview?lang=sv`);
    await axe(phone, 'preview, phone');
    expect(await phone.textContent('.survey-progress__text')).toBe('Steg 1 av 2');
    expect(await phone.textContent('body')).toContain('Hur nöjd är du med leveranserna?');
    await noSidewaysScroll(phone, 'preview step 1');
    await click(phone, 'a:has-text("Nästa")', 'preview step 2');
    expect(await phone.textContent('.survey-progress__text')).toBe('Steg 2 av 2');
    expect(await phone.textContent('body')).toContain('Skulle du rekommendera oss?');
    await noSidewaysScroll(phone, 'preview step 2');

    // Publish, then launch a campaign with it.
    await page.goto(`${editorUrl}/publish`);
    await axe(page, 'publish');
    await click(page, 'button:has-text("Publish version 1")', 'published');
    expect(await page.textContent('.flash')).toContain('Version 1 published');
    await page.goto(`${editorUrl}/changes`);
    await axe(page, 'changes');

    await page.goto(`${app.baseUrl}/campaigns/new`);
    await page.fill('#name', 'Partners 2027');
    await page.selectOption('#template', 'partner-survey');
    await click(page, 'button:has-text("Create campaign")', 'campaign created');
    await click(page, 'a:has-text("Launch…")', 'launch confirmation');
    await click(page, 'button:has-text("Launch and send")', 'launched');
    expect(await page.textContent('.flash')).toMatch(/Campaign launched: 1 invitation/);
    const campaign = await app.db.selectFrom('campaign').select(['definition', 'status']).where('name', '=', 'Partners 2027').executeTakeFirstOrThrow();
    expect(campaign.status).toBe('running');
    expect(JSON.parse(campaign.definition!).definition.layout).toBe('section_per_page');

    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  }, 400_000);
});
