// Every mail template rendered by Chromium at a phone's width (390 px), light and dark, with the
// screenshots kept in docs/mail/: the button is big enough to tap, the link is written out and
// wraps instead of widening the mail, and nothing needs sideways scrolling.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { sampleMails } from '../support/mail-samples';

const OUT = path.join(__dirname, '..', '..', 'docs', 'mail');

describe('mails on a 390 px phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    fs.mkdirSync(OUT, { recursive: true });
  });
  afterAll(() => browser.close());

  it.each(sampleMails().map((m) => [m.name, m] as const))('%s fits the screen, with a tappable button and the link written out', async (name, mail) => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: scheme, javaScriptEnabled: false });
      // No network: the mail's images and links must not be fetched here.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(mail.html, { waitUntil: 'domcontentloaded' });
      const layout = await page.evaluate(() => {
        const buttons = Array.from(document.querySelectorAll('a.btn-link')).map((a) => a.getBoundingClientRect());
        const written = document.querySelector('a.link');
        const card = document.querySelector('.card') as HTMLElement;
        return {
          scrollWidth: document.documentElement.scrollWidth,
          buttons: buttons.map((b) => ({ width: b.width, height: b.height, right: b.right })),
          writtenOut: written ? { text: written.textContent, right: written.getBoundingClientRect().right } : null,
          cardBackground: getComputedStyle(card).backgroundColor,
          cardText: getComputedStyle(card.querySelector('p')!).color,
        };
      });
      expect(layout.scrollWidth).toBeLessThanOrEqual(390);
      expect(layout.buttons.length).toBeGreaterThan(0);
      for (const b of layout.buttons) {
        expect(b.height).toBeGreaterThanOrEqual(44);
        expect(b.right).toBeLessThanOrEqual(390);
      }
      if (layout.writtenOut) expect(layout.writtenOut.right).toBeLessThanOrEqual(390);
      if (scheme === 'dark') {
        expect(layout.cardBackground).toBe('rgb(27, 31, 36)');
        expect(layout.cardText).toBe('rgb(232, 236, 240)');
      }
      await page.screenshot({ path: path.join(OUT, `${name}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
      await page.close();
    }
  });

  it('writes the link out under the invitation button, so it can be copied where buttons are hidden', () => {
    const invitation = sampleMails().find((m) => m.name === 'invitation-en')!;
    expect(invitation.html).toMatch(/class="link" href="https:\/\/survey\.nordvik\.example\/s\/[^"]+"[^>]*>https:\/\/survey\.nordvik\.example\/s\//);
  });
});
