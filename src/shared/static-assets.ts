// Fingerprinted static files: each file under public/ (and Chart.js from node_modules) is also
// served at /static/<hash of its content>/<path>, with a year-long immutable cache, and views
// link to that URL. A new version of a file has a new URL, so browsers never keep a stale copy
// and never ask again for the current one. The plain /static/<path> URLs keep working, with a
// short cache, for anything that links to them directly.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

const IMMUTABLE_MAX_AGE_MS = 365 * 24 * 3600_000;
const PREFIX = '/static/';

interface Asset {
  file: string;
  hash: string;
}

export interface StaticAssets {
  /**
   * The fingerprinted URL of a static file, given as `/static/css/app.css` or `css/app.css`.
   * A path that names no known file is returned unchanged.
   */
  url(assetPath: string): string;
  /** Serves /static/<hash>/<path>, mounted at /static; passes everything else on. */
  handler: RequestHandler;
}

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

function contentHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('base64url').slice(0, 12);
}

/**
 * Hashes every file of `publicDir` and the `extra` files (URL path under /static → file) once.
 * `shortMaxAge` is the cache time for a known file asked for under an outdated hash (a page
 * rendered before a deploy): it gets today's content, never marked immutable.
 */
export function loadStaticAssets(publicDir: string, extra: Record<string, string>, shortMaxAge: number): StaticAssets {
  const assets = new Map<string, Asset>();
  for (const relative of filesUnder(publicDir)) {
    const file = path.join(publicDir, relative);
    assets.set(relative, { file, hash: contentHash(file) });
  }
  for (const [relative, file] of Object.entries(extra)) assets.set(relative, { file, hash: contentHash(file) });
  const urls = new Map<string, string>();
  for (const [relative, asset] of assets) {
    const url = `${PREFIX}${asset.hash}/${relative}`;
    urls.set(relative, url);
    urls.set(`${PREFIX}${relative}`, url);
  }

  const handler: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const match = /^\/([A-Za-z0-9_-]{12})\/(.+)$/.exec(req.path);
    const asset = match ? assets.get(match[2]!) : undefined;
    if (!match || !asset) return next();
    const isCurrent = asset.hash === match[1];
    res.sendFile(asset.file, { maxAge: isCurrent ? IMMUTABLE_MAX_AGE_MS : shortMaxAge, immutable: isCurrent }, (error?: Error) => {
      if (error && !res.headersSent) next(error);
    });
  };

  return { url: (assetPath) => urls.get(assetPath) ?? assetPath, handler };
}
