// Launching a campaign to 100,000 contacts (BENCH_SCALE shrinks it) with the page's Launch button,
// against raw better-sqlite3 inserting exactly the rows that launch inserted, in one transaction;
// then the campaign's progress page at that size and how much the database grew.
// Every round starts from a copy of the same prepared database, A (app) and B (baseline) in turn.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Api, Session, csrfIn, prepareDatabase } from './lib/app-client';
import { copyDatabase, makeTempDir, runBaselineJob, startApp } from './lib/processes';
import { SETTINGS, msRange, num, range, scaled, summarize, type Row } from './lib/stats';

const CONTACTS = scaled(100_000, 100);
const PER_CUSTOMER = 100;

/** Customers and their contacts, inserted set-based (this is setup, not what is measured). */
function seedContacts(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const now = new Date().toISOString();
  const seq = 'with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ? - 1)';
  const customers = Math.ceil(CONTACTS / PER_CUSTOMER);
  db.transaction(() => {
    db.prepare(
      `${seq} insert into customer (id, name, ref, segment, region, language, created_at, updated_at)
       select 1 + i, 'Customer ' || i, 'LC' || i, 'S' || (i % 5), 'R' || (i % 3), case i % 3 when 0 then 'en' when 1 then 'sv' else 'da' end, ?, ? from seq`,
    ).run(customers, now, now);
    db.prepare(
      `${seq} insert into contact (customer_id, email, name, created_at, updated_at)
       select 1 + cast(i / ? as integer), 'contact' || i || '@example.com', 'Contact ' || i, ?, ? from seq`,
    ).run(CONTACTS, PER_CUSTOMER, now, now);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The highest rowid of every table: the rows above it are the ones a launch inserts. */
function rowidsOf(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    const out: Record<string, number> = {};
    for (const table of tables) {
      try {
        out[table] = (db.prepare(`select coalesce(max(rowid), 0) as n from "${table}"`).get() as { n: number }).n;
      } catch {
        // a WITHOUT ROWID table: not compared
      }
    }
    return out;
  } finally {
    db.close();
  }
}

const sizeOf = (file: string) => fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

export async function run(): Promise<Row[]> {
  const dir = makeTempDir('launch');
  const template = path.join(dir, 'template.sqlite');
  try {
    const key = await prepareDatabase(template);
    seedContacts(template);
    const prep = await startApp(template);
    const campaignId = await new Api(prep.url, key).createCampaign('Bench launch');
    await prep.stop();
    const templateSize = sizeOf(template);
    console.log(`${num(CONTACTS)} contacts in ${num(Math.ceil(CONTACTS / PER_CUSTOMER))} customers; a draft annual-pds campaign with the default mail texts; ${num(templateSize / 1e6, 1)} MB before the launch.`);

    const thresholdsFile = path.join(dir, 'thresholds.json');
    const source = path.join(dir, 'launched-1.sqlite');
    const times = { app: [] as number[], base: [] as number[], progress: [] as number[], growth: [] as number[] };
    let invited = 0;
    let inserted: Record<string, number> = {};
    for (let round = 0; round < SETTINGS.rounds; round++) {
      // A: the app, through the campaign page's Launch button.
      const file = round === 0 ? source : path.join(dir, `launched-${round + 1}.sqlite`);
      copyDatabase(template, file);
      const app = await startApp(file);
      try {
        const session = await Session.signIn(app.url);
        const csrf = csrfIn((await session.timePage(`/campaigns/${campaignId}`)).html);
        if (round === 0) fs.writeFileSync(thresholdsFile, JSON.stringify(rowidsOf(file)));
        const started = performance.now();
        const res = await session.fetch(`/campaigns/${campaignId}/launch`, { method: 'POST', form: { _csrf: csrf } });
        await res.arrayBuffer();
        times.app.push((performance.now() - started) / 1000);
        if (res.status !== 303) throw new Error(`launch answered ${res.status}`);
        invited = Number((await new Api(app.url, key).get<{ invited: number }>(`/campaigns/${campaignId}`)).invited);
        if (invited !== CONTACTS) throw new Error(`launch invited ${invited} of ${CONTACTS} contacts`);
        await session.timePage(`/campaigns/${campaignId}`);
        const page: number[] = [];
        for (let i = 0; i < 3; i++) page.push((await session.timePage(`/campaigns/${campaignId}`)).ms);
        times.progress.push(summarize(page).median);
      } finally {
        await app.stop();
      }
      times.growth.push(((sizeOf(file) - templateSize) * (100_000 / invited)) / 1e6);
      if (round > 0) fs.rmSync(file, { force: true });

      // B: the same rows, inserted raw into another copy of the same database.
      const target = path.join(dir, 'baseline.sqlite');
      copyDatabase(template, target);
      const baseline = await runBaselineJob<{ ms: number; rows: Record<string, number> }>('insert-rows', [source, thresholdsFile, target]);
      inserted = baseline.rows;
      times.base.push(baseline.ms / 1000);
      fs.rmSync(target, { force: true });
      for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
      console.log(
        `  round ${round + 1}: launch ${times.app[round]!.toFixed(2)} s, raw inserts ${times.base[round]!.toFixed(2)} s, progress page ${times.progress[round]!.toFixed(0)} ms, growth ${times.growth[round]!.toFixed(0)} MB per 100,000`,
      );
    }
    console.log(`Rows a launch inserts: ${Object.entries(inserted).map(([t, n]) => `${t} ${num(n)}`).join(', ')}.`);

    const s = { app: summarize(times.app), base: summarize(times.base), progress: summarize(times.progress), growth: summarize(times.growth) };
    const ratio = s.app.median / s.base.median;
    const n = num(CONTACTS);
    return [
      { order: 5, work: `campaign progress page at ${n} invitations (ms)`, app: msRange(s.progress), baseline: '', ratio: '', p99: '', target: '< 150 ms', met: s.progress.median < 150 },
      {
        order: 6,
        work: `launch to ${n} contacts vs raw better-sqlite3 inserting the same rows in one transaction (s)`,
        app: range(s.app, 2, ' s'),
        baseline: range(s.base, 2, ' s'),
        ratio: `${ratio.toFixed(1)}×`,
        p99: '',
        target: '≤ 1.5×',
        met: ratio <= 1.5,
      },
      { order: 7, work: 'database growth per 100,000 invitations, after checkpoint', app: range(s.growth, 0, ' MB'), baseline: '', ratio: '', p99: '', target: '≤ 40 MB', met: s.growth.median <= 40 },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
