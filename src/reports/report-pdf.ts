// Renders a report's own print view to an A4 PDF with Chromium (playwright-core). The page is
// served to Chromium from memory at a private origin; its stylesheets come from public/ and no
// other request leaves the browser, so the PDF shows exactly what the print view shows.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { CHART_JS_FILE, PUBLIC_DIR } from '../paths';

export type PdfOutcome = { kind: 'pdf'; pdf: Buffer } | { kind: 'no_browser'; reason: string };

const ORIGIN = 'http://report.invalid';
const LAUNCH_TIMEOUT_MS = 30_000;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The file a /static URL names (fingerprinted or plain), only from public/ (and Chart.js). */
function staticFile(pathname: string): string | undefined {
  const match = /^\/static\/(?:[A-Za-z0-9_-]{12}\/)?(.+)$/.exec(pathname);
  if (!match?.[1]) return undefined;
  if (match[1] === 'vendor/chart.umd.min.js') return CHART_JS_FILE;
  const file = path.resolve(PUBLIC_DIR, match[1]);
  return file.startsWith(PUBLIC_DIR + path.sep) && fs.existsSync(file) ? file : undefined;
}

/** The HTML page as an A4 PDF; `no_browser` when Chromium is missing or does not start. */
async function renderPdf(html: string, chromiumPath: string): Promise<PdfOutcome> {
  if (!fs.existsSync(chromiumPath)) return { kind: 'no_browser', reason: `no Chromium at ${chromiumPath}` };
  let browser: Browser;
  try {
    // Loaded on the first PDF: the library takes half a second to load, which every start would pay.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS, timeout: LAUNCH_TIMEOUT_MS });
  } catch (error) {
    return { kind: 'no_browser', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  try {
    const page = await browser.newPage();
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      const file = staticFile(url.pathname);
      return file ? route.fulfill({ path: file }) : route.abort();
    });
    await page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return { kind: 'pdf', pdf };
  } finally {
    await browser.close();
  }
}

/**
 * A renderer that draws one PDF at a time: each launches its own Chromium, and several at once
 * would take the machine from the app's other requests.
 */
export function pdfRenderer(chromiumPath: string): { render(html: string): Promise<PdfOutcome> } {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    render(html) {
      const next = queue.then(() => renderPdf(html, chromiumPath));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
