import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The dependency rules (.dependency-cruiser.cjs) run over src/ in CI (`npm run lint:deps`). This
// test runs them over a small made-up tree, so a rule that stops catching what it should fails here.

const ROOT = path.join(__dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const FILES: Record<string, string> = {
  'src/app.ts': "import { handle } from './tickets/ticket.service';\nexport const app = handle;\n",
  'src/server.ts': "import { app } from './app';\nexport const server = app;\n",
  'src/db/database.ts': 'export type Db = { kind: string };\nexport const open = (): Db => ({ kind: "sqlite" });\n',
  'src/jobs/scheduler.ts': 'export const tick = () => 1;\n',
  // shared/ importing a feature
  'src/shared/helper.ts': "import { rule } from '../tickets/ticket';\nexport const helper = rule;\n",
  // a domain module: a type-only import of the database is fine, express at run time is not
  'src/tickets/ticket.ts': "import type { Db } from '../db/database';\nimport express from 'express';\nexport const rule = (db: Db) => [db, express];\n",
  // a repository importing a service
  'src/tickets/ticket.repository.ts': "import { handle } from './ticket.service';\nexport const find = handle;\n",
  // a service importing the app, and a feature folder the other way round than campaigns does
  'src/tickets/ticket.service.ts': "import { app } from '../app';\nimport { campaignRule } from '../campaigns/campaign';\nexport const handle = () => [app, campaignRule];\n",
  'src/campaigns/campaign.ts': "import { rule } from '../tickets/ticket';\nexport const campaignRule = rule;\n",
  // a feature importing the scheduler
  'src/campaigns/campaign.schemas.ts': "import { tick } from '../jobs/scheduler';\nexport const schema = tick;\n",
  // two modules importing each other
  'src/mail/first.ts': "import { second } from './second';\nexport const first = () => second;\n",
  'src/mail/second.ts': "import { first } from './first';\nexport const second = () => first;\n",
  // allowed: the demo starts the server, a service uses a repository, a domain module uses shared/
  'src/demo/demo.ts': "import { server } from '../server';\nexport const demo = server;\n",
  'src/mail/mail.service.ts': "import { first } from './first';\nimport { helper } from '../shared/helper';\nexport const send = [first, helper];\n",
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(dir: string): Violation[] {
  const result = spawnSync(process.execPath, [CLI, 'src', '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (!result.stdout) throw new Error(`dependency-cruiser printed nothing: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('the dependency rules', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-deps-'));
    for (const [file, source] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), source);
    }
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', esModuleInterop: true }, include: ['src'] }));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('catch each forbidden direction, and only those', () => {
    const found = cruise(dir).map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`);
    expect([...new Set(found)].sort()).toEqual(
      [
        'domain-modules-do-no-io: src/tickets/ticket.ts → node_modules/express/index.js',
        'features-do-not-import-entry-points: src/campaigns/campaign.schemas.ts → src/jobs/scheduler.ts',
        'features-do-not-import-entry-points: src/tickets/ticket.service.ts → src/app.ts',
        // a cycle is reported once, at its first module
        'no-circular: src/app.ts → src/tickets/ticket.service.ts',
        'no-circular: src/mail/first.ts → src/mail/second.ts',
        'no-folder-circular: src/campaigns → src/tickets',
        'no-folder-circular: src/tickets → src/campaigns',
        'repositories-import-no-services-or-routes: src/tickets/ticket.repository.ts → src/tickets/ticket.service.ts',
        'shared-depends-on-no-feature: src/shared/helper.ts → src/tickets/ticket.ts',
      ].sort(),
    );
  });
});
