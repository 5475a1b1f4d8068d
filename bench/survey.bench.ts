// The respondent survey page (GET /s/<token>) and a submission (POST) under load, each against
// a bare node:http server doing the same minimal work in the same run: serving the same HTML,
// and one SQLite insert per POST. Reports requests per second, p99 latency and the ratio.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import SqliteDatabase from 'better-sqlite3';
import { createApp } from '../src/app';
import { testConfig } from '../src/config';
import { migrateToLatest, openDatabase } from '../src/db/database';
import { createLogger } from '../src/shared/logger';
import { hashToken, newToken } from '../src/shared/tokens';
import { SURVEYS_DIR } from '../src/paths';
import { allQuestions } from '../src/surveys/survey-definition';
import { fieldName } from '../src/surveys/answer';
import { buildCampaignSnapshot } from '../src/surveys/snapshot.service';
import type { CampaignSnapshot } from '../src/surveys/snapshot';
import { loadSurveyTemplates } from '../src/surveys/template-loader';

interface CannonResult {
  requests: { average: number };
  latency: { p99: number };
  errors: number;
  non2xx: number;
  '3xx'?: number;
  statusCodeStats?: Record<string, { count: number }>;
}
// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>;

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function formBody(snapshot: CampaignSnapshot, csrf: string): string {
  const form: Record<string, string> = { _csrf: csrf, action: 'submit', lang: 'en' };
  for (const q of allQuestions(snapshot.definition)) {
    if (q.type === 'rating') form[fieldName(q.id)] = '4';
    if (q.type === 'nps') form[fieldName(q.id)] = '9';
    if (q.type === 'text') form[fieldName(q.id)] = 'Good work overall.';
    if (q.type === 'problem_list') {
      ['Deliveries arrive late', 'Invoices are hard to read', 'Slow support answers'].forEach((text, i) => {
        form[fieldName(q.id, i, 'text')] = text;
        form[fieldName(q.id, i, 'rank')] = String(i + 1);
      });
    }
    if (q.type === 'problem_rating' && Array.isArray(q.categories)) {
      for (const c of q.categories) {
        form[fieldName(q.id, c, 'frequency')] = '4';
        form[fieldName(q.id, c, 'bother')] = '5';
      }
    }
  }
  return new URLSearchParams(form).toString();
}

async function cannon(opts: Record<string, unknown>): Promise<CannonResult> {
  return autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
}

function row(name: string, app: CannonResult, base: CannonResult): string {
  const ratio = app.requests.average / base.requests.average;
  return `| ${name} | ${app.requests.average.toFixed(0)} | ${app.latency.p99} | ${base.requests.average.toFixed(0)} | ${base.latency.p99} | ${ratio.toFixed(2)} | ${app.errors + base.errors} |`;
}

export async function run(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-bench-'));
  const db = openDatabase(path.join(dir, 'app.sqlite'));
  await migrateToLatest(db);
  const templates = loadSurveyTemplates(SURVEYS_DIR);
  const now = new Date();
  const stamp = now.toISOString();
  for (const [en, sv, da] of [
    ['Late deliveries', 'Sena leveranser', 'Forsinkede leveringer'],
    ['Wrong invoices', 'Felaktiga fakturor', 'Forkerte fakturaer'],
    ['Slow answers from support', 'Långsamma svar från supporten', 'Langsomme svar fra support'],
  ] as const) {
    await db.insertInto('problem_category').values({ name_en: en, name_sv: sv, name_da: da, created_at: stamp, updated_at: stamp }).execute();
  }
  const snapshot = await buildCampaignSnapshot(db, templates.get('annual-pds')!, now);
  const customer = await db.insertInto('customer').values({ name: 'Bench AB', created_at: stamp, updated_at: stamp }).returning('id').executeTakeFirstOrThrow();
  const contact = await db
    .insertInto('contact')
    .values({ customer_id: customer.id, email: 'bench@example.com', language: 'en', created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('campaign')
    .values({
      name: 'Bench',
      template: 'annual-pds',
      status: 'running',
      closes_at: new Date(now.getTime() + 86_400_000).toISOString(),
      definition: JSON.stringify(snapshot),
      launched_at: stamp,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = newToken();
  await db.insertInto('invitation').values({ campaign_id: campaign.id, contact_id: contact.id, token_hash: hashToken(token), created_at: stamp }).execute();

  // Express caches compiled views only when NODE_ENV=production, as the app runs in production.
  const previousEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const config = testConfig({ env: 'production' });
  const app = createApp({ config, db, logger: createLogger('silent'), sessionSecret: config.sessionSecret!, templates });
  const appServer = http.createServer(app);
  const appUrl = await listen(appServer);

  // One session: the page's CSRF token and cookie are reused by every POST.
  const first = await fetch(`${appUrl}/s/${token}`);
  const html = await first.text();
  const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const body = formBody(snapshot, csrf);

  // The baseline: the same bytes for GET, one insert into a SQLite file (same pragmas) for POST.
  const raw = new SqliteDatabase(path.join(dir, 'baseline.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('create table response (id integer primary key, answers text not null, at text not null)');
  const insert = raw.prepare('insert into response (answers, at) values (?, ?)');
  const baseServer = http.createServer((req, res) => {
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        insert.run(Buffer.concat(chunks).toString('utf8'), new Date().toISOString());
        res.writeHead(303, { Location: '/s/x' }).end();
      });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  const baseUrl = await listen(baseServer);

  const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
  const getApp = await cannon({ url: `${appUrl}/s/${token}`, headers: { cookie } });
  const getBase = await cannon({ url: `${baseUrl}/s/${token}` });
  const postApp = await cannon({ url: `${appUrl}/s/${token}`, method: 'POST', headers, body });
  const postBase = await cannon({ url: `${baseUrl}/s/${token}`, method: 'POST', headers, body });

  process.env.NODE_ENV = previousEnv;
  const submitted = await db.selectFrom('response').select(['status']).executeTakeFirst();
  await new Promise((resolve) => appServer.close(resolve));
  await new Promise((resolve) => baseServer.close(resolve));
  await db.destroy();
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (submitted?.status !== 'submitted') throw new Error('the benchmark POSTs did not submit the response');

  return [
    `${CONNECTIONS} connections, ${DURATION} s each, annual-pds with 3 catalogue problems; the app with NODE_ENV=production and SQLite synchronous=FULL.`,
    'POST is a full submission (validation, upsert, answer rows, problem mentions) of the same invitation, i.e. a change of answers.',
    '',
    '| | app req/s | app p99 ms | bare node:http req/s | bare p99 ms | ratio app/bare | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('GET /s/<token> (survey page)', getApp, getBase),
    row('POST /s/<token> (submission)', postApp, postBase),
    '',
    `Page size ${(Buffer.byteLength(html) / 1024).toFixed(0)} kB. Non-2xx (POST answers 303 by design): app GET ${getApp.non2xx}, app POST ${postApp.non2xx}.`,
  ];
}
