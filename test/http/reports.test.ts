import type request from 'supertest';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../src/db/database';
import { createTestApp, signedInAgent } from '../support/test-app';
import { pageText, sharedReportWorld, type ReportWorld } from '../support/report-world';
import { countColour, pdfPageCount, pdfPagePixels, pdfText } from '../support/pdf-tools';

const BAR_BLUE: [number, number, number] = [11, 92, 173];
const LINE_RED: [number, number, number] = [166, 27, 27];
const text = pageText;
/** Collects a binary answer (a PDF) into a Buffer. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('reports', () => {
  let db: Db;
  let world: ReportWorld;
  sharedReportWorld((d, w) => ((db = d), (world = w)));

  describe('the wave report', () => {
    it('shows response rate, satisfaction and NPS beside last year, touchpoints, ranked problems, tickets, closure effect and verbatims', async () => {
      const agent = await signedInAgent(createTestApp(db), world.manager);
      const page = text((await agent.get(`/campaigns/${world.wave.id}/report`).expect(200)).text);
      expect(page).toContain('Wave report: Annual 2026');
      expect(page).toContain('Compared with Annual 2025');
      expect(page).toMatch(/Response rate 66\.7 % \(4 of 6\) 100\.0 % \(2 of 2\)/);
      expect(page).toMatch(/Satisfaction \(Rate overall, 1–5\) 3\.50 2\.50/);
      expect(page).toMatch(/NPS \(4 answers\) \+25 0 /);
      expect(page).toMatch(/Delivery 3\.00 3\.00 4/);
      expect(page).toMatch(/1 Late deliveries 10 50\.0 % 2/);
      expect(page).toMatch(/2 Invoicing 9 50\.0 % 2 .* 100\.0 %/);
      expect(page).toContain('too few');
      expect(page).toMatch(/Late deliveries Logistics In progress/);
      expect(page).toMatch(/Invoicing Logistics Resolved/);
      // Closure effect: invoicing, resolved after 2025, went from 2 of 2 (10 points) to 2 of 4 (9 points).
      expect(page).toMatch(/Invoicing Annual 2025 100\.0 % 50\.0 % 10 9/);
      expect(page).toContain('Deliveries late again — British Bolts Ltd');
      expect(page).toContain('Leveranserna kommer för sent');
    });

    it('narrows every figure to a segment', async () => {
      const agent = await signedInAgent(createTestApp(db), world.manager);
      const page = text((await agent.get(`/campaigns/${world.wave.id}/report?segment=Retail`).expect(200)).text);
      expect(page).toContain('Segment: Retail');
      // Retail: Svenska Stål and British Bolts, 2 of 2 invited; overall 4 and 2, NPS 9 and 3.
      expect(page).toMatch(/Response rate 100\.0 % \(2 of 2\)/);
      expect(page).toMatch(/Satisfaction \(Rate overall, 1–5\) 3\.00 2\.50/);
      expect(page).toMatch(/NPS \(2 answers\) 0 0 /);
      expect(page).not.toContain('Fakturaen er forkert');
    });

    it('downloads as an A4 PDF with the figures of the page and the Pareto chart drawn', async () => {
      const agent = await signedInAgent(createTestApp(db), world.manager);
      const res = await agent.get(`/campaigns/${world.wave.id}/report.pdf`).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      const all = pdfText(pdf);
      for (const figure of ['Wave report: Annual 2026', '66.7 %', '100.0 %', '3.50', '2.50', '+25', 'Late deliveries', 'Invoicing', 'In progress', 'Resolved', 'Deliveries late again']) {
        expect(all).toContain(figure);
      }
      expect(all).not.toContain('Sign out');
      const pages = pdfPageCount(pdf);
      const chartPage = [...Array(pages).keys()].map((i) => i + 1).find((p) => pdfText(pdf, p).includes('Line: cumulative share'));
      expect(chartPage).toBeDefined();
      const pixels = pdfPagePixels(pdf, chartPage!);
      // A4 at 60 dpi is 496 × 702 pixels.
      expect(pixels.width).toBeGreaterThan(480);
      expect(pixels.width).toBeLessThan(510);
      expect(countColour(pixels, BAR_BLUE)).toBeGreaterThan(1000);
      expect(countColour(pixels, LINE_RED)).toBeGreaterThan(20);
    }, 60_000);

    it('gives its numbers as CSV, unrounded, with formulas escaped', async () => {
      const agent = await signedInAgent(createTestApp(db), world.manager);
      const res = await agent.get(`/campaigns/${world.wave.id}/report.csv`).expect(200).expect('Content-Type', /text\/csv/);
      const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      const find = (section: string, item: string, measure: string) => rows.find((r) => r.section === section && r.item === item && r.measure === measure);
      expect(find('response', 'response rate', 'share')).toMatchObject({ this_wave: String(4 / 6), last_wave: '1' });
      expect(find('satisfaction', 'Rate overall', 'mean')).toMatchObject({ this_wave: '3.5', last_wave: '2.5' });
      expect(find('nps', 'Recommend us?', 'nps')).toMatchObject({ this_wave: '0.25', last_wave: '0' });
      expect(find('problem', 'Late deliveries', 'points')).toMatchObject({ this_wave: '10', last_wave: '0' });
      expect(find('problem', 'Invoicing', 'points')).toMatchObject({ this_wave: '9', last_wave: '10' });
      expect(find('closure effect', 'Invoicing', 'share')).toMatchObject({ this_wave: '0.5', last_wave: '1' });
      expect(find('tickets', 'Resolved', 'count')).toMatchObject({ this_wave: '1' });
      expect(rows.some((r) => r.item === `'=HYPERLINK("http://x.example")`)).toBe(true);
    });

    it('is for managers and admins only', async () => {
      const kam = await signedInAgent(createTestApp(db), world.kam);
      await kam.get(`/campaigns/${world.wave.id}/report`).expect(403);
      const member = await signedInAgent(createTestApp(db), world.member);
      await member.get(`/campaigns/${world.wave.id}/report.csv`).expect(403);
    });
  });

  describe('the account report', () => {
    it("tells a KAM's account, in its contacts' language, what it told us, what we did and what we are still working on", async () => {
      const agent = await signedInAgent(createTestApp(db), world.kam);
      const page = text((await agent.get(`/reports/accounts/${world.svenska.id}`).expect(200)).text);
      expect(page).toContain('Svenska Stål AB: vad ni berättade och vad vi gjorde');
      expect(page).toContain('Annual 2026');
      expect(page).toMatch(/Vad ni berättade .*Sena leveranser .*Leveranserna kommer för sent.*Fakturering .*Fakturorna är fel/);
      expect(page).toMatch(/Annat ni berättade .*Svårt att nå kundtjänst/);
      expect(page).toMatch(/Vad vi gjorde .*Fakturering .*Fakturanumren kontrolleras nu innan de skickas\./);
      expect(page).toMatch(/Vad vi fortfarande arbetar med .*Sena leveranser : Pågår/);
      expect(page).not.toContain('Invoice numbers are now checked');
    });

    it('shows an earlier campaign when asked', async () => {
      const agent = await signedInAgent(createTestApp(db), world.manager);
      const page = text((await agent.get(`/reports/accounts/${world.svenska.id}?campaign=${world.before.id}`).expect(200)).text);
      expect(page).toContain('Annual 2025');
      expect(page).toContain('Fakturorna stämmer inte');
      expect(page).not.toContain('Leveranserna kommer för sent');
    });

    it("hides another KAM's account (404) and refuses members (403)", async () => {
      const kam2 = await signedInAgent(createTestApp(db), world.kam2);
      await kam2.get(`/reports/accounts/${world.svenska.id}`).expect(404);
      await kam2.get(`/reports/accounts/${world.svenska.id}/pdf`).expect(404);
      await kam2.get(`/reports/accounts/${world.british.id}`).expect(200);
      const member = await signedInAgent(createTestApp(db), world.member);
      await member.get(`/reports/accounts/${world.svenska.id}`).expect(403);
    });

    it('downloads as a PDF in the customer language', async () => {
      const agent = await signedInAgent(createTestApp(db), world.kam);
      const res = await agent.get(`/reports/accounts/${world.svenska.id}/pdf`).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const all = pdfText(res.body as Buffer);
      for (const t of ['Svenska Stål AB', 'Vad vi gjorde', 'Fakturanumren kontrolleras nu innan de skickas.', 'Sena leveranser', 'Pågår']) expect(all).toContain(t);
      expect(all).not.toContain('Download PDF');
    }, 60_000);
  });

  it('links the reports from the campaign, problems and customer pages', async () => {
    const agent = await signedInAgent(createTestApp(db), world.manager);
    expect((await agent.get(`/campaigns/${world.wave.id}`).expect(200)).text).toContain(`href="/campaigns/${world.wave.id}/report"`);
    expect((await agent.get(`/campaigns/${world.wave.id}/problems`).expect(200)).text).toContain(`href="/campaigns/${world.wave.id}/report"`);
    expect((await agent.get(`/customers/${world.svenska.id}`).expect(200)).text).toContain(`href="/reports/accounts/${world.svenska.id}"`);
  });

  it('answers a PDF link without Chromium with a page saying the print view works and how to install Chromium', async () => {
    const app = createTestApp(db, { config: { chromiumPath: '/nonexistent/chromium' } });
    const agent = await signedInAgent(app, world.manager);
    const res = await agent.get(`/campaigns/${world.wave.id}/report.pdf?segment=Retail`).expect(503).expect('Content-Type', /text\/html/);
    expect(res.text).toContain(`href="/campaigns/${world.wave.id}/report?segment=Retail"`);
    expect(text(res.text)).toContain('apt-get install chromium');
    expect(text(res.text)).toContain('CHROMIUM_PATH');
    expect(res.text).not.toMatch(/at \S+ \(|Error:/);
    const account = await agent.get(`/reports/accounts/${world.svenska.id}/pdf`).expect(503);
    expect(account.text).toContain(`href="/reports/accounts/${world.svenska.id}"`);
  });
});
