import fs from 'node:fs';
import path from 'node:path';

// Works from src/ (ts-jest) and from dist/src/ (compiled): walk up to package.json.
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const ROOT_DIR = findRoot(__dirname);
export const VIEWS_DIR = path.join(ROOT_DIR, 'views');
export const PUBLIC_DIR = path.join(ROOT_DIR, 'public');
export const SURVEYS_DIR = path.join(ROOT_DIR, 'surveys');
export const DB_DIR = path.join(ROOT_DIR, 'db');
export const VAR_DIR = path.join(ROOT_DIR, 'var');
export const CHART_JS_FILE = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
