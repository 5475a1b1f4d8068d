import fs from 'node:fs';
import path from 'node:path';

// Works from src/shared (ts-jest) and dist/src/shared (compiled): walk up to package.json.
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The installation's folder (where package.json is); src/paths.ts names the folders in it. */
export const ROOT_DIR = findRoot(__dirname);

/** The message files: locales/<language>/{language,respondent,mail,staff}.json. */
export const LOCALES_DIR = path.join(ROOT_DIR, 'locales');
