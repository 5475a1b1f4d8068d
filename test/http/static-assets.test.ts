import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { CHART_JS_FILE, PUBLIC_DIR } from '../../src/paths';
import { loadStaticAssets } from '../../src/shared/static-assets';
import { createTestApp } from '../support/test-app';
import { createCategories, createInvitation } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The same-origin stylesheets, scripts and icons a page links to. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!);
}

/** The bytes on the wire (supertest would decompress them). */
async function rawGet(app: Express, url: string, acceptEncoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const server = app.listen(0);
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: url, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('static files and compression', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    await createCategories(db);
  });

  it('links the survey page’s files at fingerprinted URLs that are cached for a year and never asked for again', async () => {
    const app = createTestApp(db);
    const inv = await createInvitation(db);
    const page = await request(app).get(`/s/${inv.token}`).expect(200);
    const urls = assetUrls(page.text);
    expect(urls).toHaveLength(3);
    for (const url of urls) {
      const [, hash, file] = /^\/static\/([\w-]{12})\/(.+)$/.exec(url)!;
      expect(hash).toBeDefined();
      const res = await rawGet(app, url, 'identity');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.body.equals(fs.readFileSync(path.join(PUBLIC_DIR, file!)))).toBe(true);
    }
  });

  it('serves a file asked for under an outdated fingerprint, or at its plain URL, without the year-long cache', async () => {
    const app = createTestApp(db, { config: { env: 'production' } });
    const stale = await request(app).get('/static/AAAAAAAAAAAA/css/survey.css').expect(200);
    expect(stale.headers['cache-control']).toBe('public, max-age=3600');
    const plain = await request(app).get('/static/css/survey.css').expect(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=3600');
    await request(app).get('/static/AAAAAAAAAAAA/css/no-such.css').expect(404);
  });

  it('fingerprints Chart.js from node_modules and every page’s own stylesheets', async () => {
    const app = createTestApp(db);
    const chartUrl = loadStaticAssets(PUBLIC_DIR, { 'vendor/chart.umd.min.js': CHART_JS_FILE }, 0).url('/static/vendor/chart.umd.min.js');
    expect(chartUrl).toMatch(/^\/static\/[\w-]{12}\/vendor\/chart\.umd\.min\.js$/);
    const chart = await rawGet(app, chartUrl, 'identity');
    expect(chart.headers['cache-control']).toBe(IMMUTABLE);
    expect(chart.body.equals(fs.readFileSync(CHART_JS_FILE))).toBe(true);
    const login = await request(app).get('/login').expect(200);
    expect(assetUrls(login.text)).toEqual([expect.stringMatching(/^\/static\/[\w-]{12}\/css\/app\.css$/), expect.stringMatching(/^\/static\/[\w-]{12}\/favicon\.svg$/)]);
  });

  it('compresses HTML, CSS and JS for browsers that accept it', async () => {
    const app = createTestApp(db);
    const inv = await createInvitation(db);
    const plain = await rawGet(app, `/s/${inv.token}`, 'identity');
    const gzipped = await rawGet(app, `/s/${inv.token}`, 'gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(zlib.gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    for (const url of assetUrls(plain.body.toString('utf8'))) {
      const res = await rawGet(app, url, 'br, gzip');
      // The icon is below the 1 kB worth compressing.
      if (!url.endsWith('.svg')) expect(res.headers['content-encoding']).toMatch(/^(br|gzip)$/);
    }
  });
});
