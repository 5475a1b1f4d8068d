// What a first visit to a page transfers: the HTML and every same-origin stylesheet, script,
// image and icon it references, counted as body bytes on the wire (compressed when the server
// compresses), with or without gzip/br accepted.
import http from 'node:http';

interface Fetched {
  status: number;
  bytes: number;
  encoding: string;
  body: Buffer;
}

function get(url: string, acceptEncoding: string | undefined): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, encoding: String(res.headers['content-encoding'] ?? 'identity'), body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Same-origin URLs of the stylesheets, scripts, images and icons a page loads. */
export function assetsOf(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<(?:link|script|img)\b[^>]*?\b(?:href|src)="(\/[^"]*)"[^>]*>/gi)) {
    const element = match[0];
    if (/^<link/i.test(element) && !/rel="(stylesheet|icon|shortcut icon|preload|modulepreload|manifest)"/i.test(element)) continue;
    found.add(match[1]!.replace(/&amp;/g, '&'));
  }
  return [...found];
}

export interface Transfer {
  total: number;
  parts: { path: string; bytes: number; encoding: string }[];
}

/** Loads `path` and what it references, as a browser with an empty cache would. */
export async function firstVisit(origin: string, path: string, acceptEncoding?: string): Promise<Transfer> {
  const page = await get(`${origin}${path}`, acceptEncoding);
  if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}`);
  // Read the references from the uncompressed page.
  const plain = page.encoding === 'identity' ? page : await get(`${origin}${path}`, undefined);
  const parts = [{ path, bytes: page.bytes, encoding: page.encoding }];
  for (const asset of assetsOf(plain.body.toString('utf8'))) {
    const r = await get(`${origin}${asset}`, acceptEncoding);
    if (r.status !== 200) throw new Error(`GET ${asset}: ${r.status}`);
    parts.push({ path: asset, bytes: r.bytes, encoding: r.encoding });
  }
  return { total: parts.reduce((sum, p) => sum + p.bytes, 0), parts };
}
