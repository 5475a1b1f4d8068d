// Ranked problems for a campaign with 100,000 responses and 500,000 mentions: the app's
// rankProblems against one hand-written GROUP BY over the same tables, and the page's response time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { createApp } from '../src/app';
import { testConfig } from '../src/config';
import { migrateToLatest, openDatabase } from '../src/db/database';
import { createLogger } from '../src/shared/logger';
import { loadSurveyTemplates } from '../src/surveys/template-loader';
import { SURVEYS_DIR } from '../src/paths';
import { hashPassword } from '../src/auth/password';
import { insertUser } from '../src/accounts/user.repository';
import { rankProblems } from '../src/analysis/ranking.repository';

const RESPONSES = 100_000;
const MENTIONS_PER_RESPONSE = 5;
const CATEGORIES = 40;
const CUSTOMERS = 2_000;
const RUNS = 5;
const K = 5;

const HAND_WRITTEN = `
select category_id, count(*) as respondents, count(distinct customer_id) as accounts,
       sum(${K} + 1 - best_rank) as points, avg(best_rank) as mean_rank
from (
  select pm.category_id, pm.response_id, r.customer_id, min(pm.rank) as best_rank
  from problem_mention pm join response r on r.id = pm.response_id
  where pm.campaign_id = ? and pm.question_id = 'problems' and pm.category_id is not null and r.status = 'submitted'
  group by pm.category_id, pm.response_id, r.customer_id
) best
group by category_id
order by points desc`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function seed(file: string): number {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  let seedValue = 42;
  const random = () => ((seedValue = (seedValue * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const definition = JSON.stringify({
    definition: {
      slug: 'annual-pds',
      version: 1,
      title: { en: 'Bench', sv: 'Bench', da: 'Bench' },
      sections: [{ id: 'main', title: { en: 'M', sv: 'M', da: 'M' }, questions: [{ id: 'problems', type: 'problem_list', maxItems: K, minItems: 0, required: false, allowOwnWords: true, allowCatalogue: true, maxLength: 500, text: { en: 'P', sv: 'P', da: 'P' } }] }],
    },
    catalogue: [],
    takenAt: now,
  });
  sqlite.transaction(() => {
    const cat = sqlite.prepare('insert into problem_category (name_en, name_sv, name_da, keywords, created_at, updated_at) values (?, ?, ?, \'\', ?, ?)');
    for (let i = 1; i <= CATEGORIES; i++) cat.run(`Category ${i}`, `Kategori ${i}`, `Kategori ${i}`, now, now);
    const cust = sqlite.prepare('insert into customer (name, ref, segment, region, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= CUSTOMERS; i++) cust.run(`Customer ${i}`, `C${i}`, `S${i % 4}`, `R${i % 3}`, now, now);
    sqlite.prepare("insert into campaign (name, template, status, closes_at, definition, launched_at, created_at, updated_at) values ('Bench', 'annual-pds', 'closed', ?, ?, ?, ?, ?)").run(now, definition, now, now, now);
    const contact = sqlite.prepare('insert into contact (customer_id, email, created_at, updated_at) values (?, ?, ?, ?)');
    const invitation = sqlite.prepare('insert into invitation (campaign_id, contact_id, token_hash, created_at) values (1, ?, ?, ?)');
    const response = sqlite.prepare("insert into response (invitation_id, campaign_id, customer_id, contact_id, language, status, started_at, updated_at, submitted_at) values (?, 1, ?, ?, 'en', 'submitted', ?, ?, ?)");
    const answer = sqlite.prepare("insert into answer_value (response_id, campaign_id, question_id, value) values (?, 1, 'problems', ?)");
    const mention = sqlite.prepare("insert into problem_mention (response_id, campaign_id, question_id, rank, text, language, category_id, created_at) values (?, 1, 'problems', ?, ?, 'en', ?, ?)");
    for (let i = 1; i <= RESPONSES; i++) {
      const customer = 1 + (i % CUSTOMERS);
      contact.run(customer, `c${i}@example.com`, now, now);
      invitation.run(i, `h${i}`, now);
      response.run(i, customer, i, now, now, now);
      answer.run(i, MENTIONS_PER_RESPONSE);
      for (let r = 1; r <= MENTIONS_PER_RESPONSE; r++) {
        // Skewed towards low ids, so the ranking has a clear head; some repeats within a response.
        const category = 1 + Math.floor(CATEGORIES * random() ** 2);
        mention.run(i, r, `problem text ${i}-${r}`, random() < 0.95 ? category : null, now);
      }
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('analyze');
  sqlite.close();
  return 1;
}

export async function run(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  try {
    const db = openDatabase(file);
    await migrateToLatest(db);
    await db.destroy();
    const seedStart = Date.now();
    const campaignId = seed(file);
    const seedSeconds = (Date.now() - seedStart) / 1000;

    const db2 = openDatabase(file);
    const raw = new Database(file, { readonly: true });
    const stmt = raw.prepare(HAND_WRITTEN);
    // Warm both once (page cache, statement preparation) and check they agree.
    const app = (await rankProblems(db2, campaignId)).map((p) => [p.categoryId, p.respondents, p.points]);
    const hand = (stmt.all(campaignId) as { category_id: number; respondents: number; points: number }[]).map((r) => [r.category_id, r.respondents, r.points]);
    const agree = JSON.stringify([...app].sort()) === JSON.stringify([...hand].sort());

    const appTimes: number[] = [];
    const handTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      handTimes.push(await time(() => stmt.all(campaignId)));
      appTimes.push(await time(() => rankProblems(db2, campaignId)));
    }
    const filteredTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) filteredTimes.push(await time(() => rankProblems(db2, campaignId, { segment: ['S1'] })));

    const config = testConfig({ env: 'production' } as never);
    const express = createApp({ config, db: db2, logger: createLogger('silent'), sessionSecret: config.sessionSecret ?? 'bench-secret', templates: loadSurveyTemplates(SURVEYS_DIR) });
    const password = 'bench password 123';
    await insertUser(db2, { email: 'bench@example.com', name: 'Bench', role: 'manager', passwordHash: await hashPassword(password) }, new Date());
    const agent = request.agent(express);
    const login = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)?.[1] ?? '';
    await agent.post('/login').type('form').send({ _csrf: csrf, email: 'bench@example.com', password });
    const pageTimes: number[] = [];
    let status = 0;
    for (let i = 0; i < 3; i++) {
      pageTimes.push(await time(async () => (status = (await agent.get(`/campaigns/${campaignId}/problems`)).status)));
    }
    raw.close();
    await db2.destroy();

    const appMs = median(appTimes);
    const handMs = median(handTimes);
    return [
      `Campaign with ${RESPONSES.toLocaleString('en')} submitted responses, ${(RESPONSES * MENTIONS_PER_RESPONSE).toLocaleString('en')} mentions (95 % coded, ${CATEGORIES} categories, ${CUSTOMERS} customers), SQLite file; seeded in ${seedSeconds.toFixed(1)} s. Median of ${RUNS} runs.`,
      '',
      '| what | median ms |',
      '| --- | ---: |',
      `| hand-written GROUP BY (one SQL statement, better-sqlite3) | ${handMs.toFixed(1)} |`,
      `| app \`rankProblems\` (Kysely: denominator + ranking + names, ordered) | ${appMs.toFixed(1)} |`,
      `| app \`rankProblems\` filtered by one segment | ${median(filteredTimes).toFixed(1)} |`,
      `| ranked-problems page (HTTP ${status}, signed in, incl. verbatims, accounts, YoY) | ${median(pageTimes).toFixed(1)} |`,
      '',
      `Ratio app / hand-written: **${(appMs / handMs).toFixed(2)}** (aim ≤ 1.5). Results agree: ${agree ? 'yes' : 'NO'}.`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
