import path from 'node:path';

import { ROOT_DIR } from './shared/install-dir';

export { ROOT_DIR };
export const VIEWS_DIR = path.join(ROOT_DIR, 'views');
export const PUBLIC_DIR = path.join(ROOT_DIR, 'public');
export const SURVEYS_DIR = path.join(ROOT_DIR, 'surveys');
export const DB_DIR = path.join(ROOT_DIR, 'db');
export const VAR_DIR = path.join(ROOT_DIR, 'var');
export const CHART_JS_FILE = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
