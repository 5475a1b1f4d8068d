// The ranked-problems page of a campaign with 100,000 submitted responses and 500,000 problem
// mentions (BENCH_SCALE shrinks both), signed in, over HTTP, unfiltered and filtered by segment
// and by KAM; against one hand-written GROUP BY over the same file in its own process.
// The campaign, categories and users are made through the CLI and the API; the responses and
// mentions are inserted here with set-based SQL (seconds, instead of minutes through the app),
// and the ranking totals filled by migration 0037's SQL.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FILL_RANKING_ANSWERED_SQL, FILL_RANKING_TOTALS_SQL } from '../db/migrations/0037_ranking_totals';
import { ADMIN, Api, Session, addUser, prepareDatabase } from './lib/app-client';
import { IpcChild, makeTempDir, startApp, type Server } from './lib/processes';
import { SETTINGS, msRange, num, scaled, summarize, type Row, type Summary } from './lib/stats';

const RESPONSES = scaled(100_000, 100);
const MENTIONS_PER_RESPONSE = 5;
const CATEGORIES = 40;
const CUSTOMERS = scaled(2_000, 10);
const QUESTION = 'problems';
export const KAMS = ['kam1@example.com', 'kam2@example.com'];

/** Responses, their answer rows and mentions for `campaignId`, with customers and contacts, in set-based inserts. */
export function seed(file: string, campaignId: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  const kamIds = KAMS.map((email) => (db.prepare('select id from user where email = ?').get(email) as { id: number }).id);
  const categoryIds = (db.prepare('select id from problem_category order by id').all() as { id: number }[]).map((r) => r.id);
  const seq = 'with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ? - 1)';
  db.transaction(() => {
    const firstCustomer = 1 + (db.prepare('select coalesce(max(id), 0) as n from customer').get() as { n: number }).n;
    db.prepare(
      `${seq} insert into customer (id, name, ref, segment, region, kam_user_id, language, created_at, updated_at)
       select ? + i, 'Customer ' || i, 'RC' || i, 'S' || (i % 4), 'R' || (i % 3),
              case i % 3 when 0 then ? when 1 then ? else null end, 'en', ?, ? from seq`,
    ).run(CUSTOMERS, firstCustomer, kamIds[0], kamIds[1], now, now);
    const firstContact = 1 + (db.prepare('select coalesce(max(id), 0) as n from contact').get() as { n: number }).n;
    db.prepare(
      `${seq} insert into contact (id, customer_id, email, name, created_at, updated_at)
       select ? + i, ? + (i % ?), 'rc' || i || '@example.com', 'Contact ' || i, ?, ? from seq`,
    ).run(RESPONSES, firstContact, firstCustomer, CUSTOMERS, now, now);
    const firstInvitation = 1 + (db.prepare('select coalesce(max(id), 0) as n from invitation').get() as { n: number }).n;
    db.prepare(
      `${seq} insert into invitation (id, campaign_id, contact_id, token_hash, opened_at, created_at)
       select ? + i, ?, ? + i, 'bench-' || i, ?, ? from seq`,
    ).run(RESPONSES, firstInvitation, campaignId, firstContact, now, now);
    db.prepare(
      `insert into response (invitation_id, campaign_id, customer_id, contact_id, language, answers, status, started_at, updated_at, submitted_at)
       select inv.id, inv.campaign_id, c.customer_id, c.id, 'en', '{}', 'submitted', ?, ?, ? from invitation inv join contact c on c.id = inv.contact_id
       where inv.campaign_id = ? and inv.id >= ?`,
    ).run(now, now, now, campaignId, firstInvitation);
    db.prepare(`insert into answer_value (response_id, campaign_id, question_id, value) select id, campaign_id, ?, ? from response where campaign_id = ?`).run(
      QUESTION,
      MENTIONS_PER_RESPONSE,
      campaignId,
    );
    // Categories skewed towards the first ones (a clear head); 5 % left uncoded; repeats within a response happen.
    db.prepare(
      `with recursive ranks(k) as (select 1 union all select k + 1 from ranks where k < ?),
       picks as (select r.id as response_id, k, ((r.id * 2654435761 + k * 40503) % 1000003) / 1000003.0 as u from response r cross join ranks where r.campaign_id = ?)
       insert into problem_mention (response_id, campaign_id, question_id, rank, text, language, category_id, created_at)
       select response_id, ?, ?, k, 'problem text ' || response_id || '-' || k, 'en',
              case when (response_id * 7 + k * 13) % 20 = 0 then null else ? + cast(? * u * u as integer) end, ?
       from picks`,
    ).run(MENTIONS_PER_RESPONSE, campaignId, campaignId, QUESTION, categoryIds[0], categoryIds.length, now);
    // The running totals, as migration 0037 fills them for rows written before it.
    db.exec('delete from ranking_totals; delete from ranking_answered;');
    db.exec(FILL_RANKING_TOTALS_SQL);
    db.exec(FILL_RANKING_ANSWERED_SQL);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

type PageKind = 'all' | 'segment' | 'kam';
interface Measured {
  summary: Summary;
  /** Too slow for rounds: the warm-up request is the only measurement. */
  onlyOnce: boolean;
}

/** Pages slower than this on their first request are measured that once, not in rounds. */
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 20_000);

/** Each page once to warm up, then rounds of page, hand-written query, filtered pages (and the API). */
async function measurePages(session: Session, pages: Record<PageKind, string>, hand: () => Promise<number>, apiTime?: () => Promise<number>) {
  const kinds = Object.keys(pages) as PageKind[];
  const warm = {} as Record<PageKind, number>;
  for (const kind of kinds) warm[kind] = (await session.timePage(pages[kind])).ms;
  const times = { all: [] as number[], segment: [] as number[], kam: [] as number[], hand: [] as number[], api: [] as number[] };
  const rounds = Math.max(5, SETTINGS.rounds);
  for (let round = 0; round < rounds; round++) {
    const line: string[] = [];
    for (const kind of kinds) {
      if (kind === 'segment') {
        times.hand.push(await hand());
        line.push(`hand-written GROUP BY ${times.hand[round]!.toFixed(0)} ms`);
      }
      if (warm[kind] > SLOW_MS) continue;
      times[kind].push((await session.timePage(pages[kind])).ms);
      line.push(`${kind === 'all' ? 'page' : kind} ${times[kind][round]!.toFixed(0)} ms`);
    }
    if (apiTime) {
      times.api.push(await apiTime());
      line.push(`API JSON ${times.api[round]!.toFixed(0)} ms`);
    }
    console.log(`  round ${round + 1}: ${line.join(', ')}`);
  }
  const measured = (kind: PageKind): Measured => (warm[kind] > SLOW_MS ? { summary: summarize([warm[kind]]), onlyOnce: true } : { summary: summarize(times[kind]), onlyOnce: false });
  for (const kind of kinds) if (warm[kind] > SLOW_MS) console.log(`  ${kind === 'all' ? 'page' : kind}: ${(warm[kind] / 1000).toFixed(1)} s on its first request; not repeated (BENCH_SLOW_MS=${SLOW_MS})`);
  return { pages: { all: measured('all'), segment: measured('segment'), kam: measured('kam') }, hand: summarize(times.hand) };
}

type QueryReply = { ms: number; rows: { category_id: number; respondents: number; points: number }[] };

export async function run(): Promise<Row[]> {
  const dir = makeTempDir('ranking');
  const dbFile = path.join(dir, 'app.sqlite');
  let app: Server | undefined;
  let baseline: IpcChild<QueryReply> | undefined;
  try {
    const key = await prepareDatabase(dbFile);
    for (const email of KAMS) await addUser(dbFile, email, 'kam');
    app = await startApp(dbFile);
    const setup = new Api(app.url, key);
    await setup.createCategories(CATEGORIES);
    // Launched to nobody: a running campaign with its snapshot, whose responses are seeded below.
    const campaignId = await setup.createCampaign('Bench ranking', { segment: 'nobody', notEvaluatedDays: 365 });
    await setup.post(`/campaigns/${campaignId}/launch`, {});
    await app.stop();

    const seedStarted = performance.now();
    seed(dbFile, campaignId);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(
      `${num(RESPONSES)} submitted responses, ${num(RESPONSES * MENTIONS_PER_RESPONSE)} mentions (95 % coded, ${CATEGORIES} categories, ${num(CUSTOMERS)} customers); seeded in ${seedSeconds.toFixed(1)} s, file ${num(fs.statSync(dbFile).size / 1e6)} MB.`,
    );

    app = await startApp(dbFile);
    baseline = await IpcChild.start<QueryReply>('baselines/ranking-query', { DB_FILE: dbFile, CAMPAIGN_ID: String(campaignId), QUESTION_ID: QUESTION, MAX_ITEMS: String(MENTIONS_PER_RESPONSE) });
    const session = await Session.signIn(app.url, ADMIN);
    const api = new Api(app.url, key);
    const kamId = await kamIdOf(dbFile);

    // The app and the hand-written query agree (also a check that the seeded rows are all visible).
    const appRows = (await api.get<{ problems: { category_id: number; respondents: number; points: number }[] }>(`/campaigns/${campaignId}/problems`)).problems;
    const handRows = (await baseline.ask()).rows;
    const figures = (rows: { category_id: number; respondents: number; points: number }[]) =>
      JSON.stringify(rows.map((r) => [r.category_id, r.respondents, r.points]).sort((a, b) => a[0]! - b[0]!));
    if (figures(appRows) !== figures(handRows)) throw new Error('the ranked problems of the app and of the hand-written GROUP BY differ');

    const page = `/campaigns/${campaignId}/problems`;
    const pages: Record<PageKind, string> = { all: page, segment: `${page}?segment=S1`, kam: `${page}?kam=${kamId}` };
    const asIs = await measurePages(session, pages, async () => (await baseline!.ask()).ms, async () => {
      const started = performance.now();
      await api.get(`/campaigns/${campaignId}/problems`);
      return performance.now() - started;
    });
    console.log('Results agree with the hand-written GROUP BY.');

    // The app never runs ANALYZE, so the figures above are what a real database gets. For
    // comparison: the same pages once SQLite has statistics to plan with.
    const stats = new Database(dbFile);
    stats.exec('analyze');
    stats.close();
    console.log('After ANALYZE:');
    const analyzed = await measurePages(session, pages, async () => (await baseline!.ask()).ms);

    const scale = RESPONSES === 100_000 ? '100,000 responses / 500,000 mentions' : `${num(RESPONSES)} responses / ${num(RESPONSES * MENTIONS_PER_RESPONSE)} mentions (BENCH_SCALE)`;
    const ms = (m: Measured) => `${msRange(m.summary)}${m.onlyOnce ? ' (1 run)' : ''}`;
    const row = (order: number, work: string, m: Measured, target: string, limit: number): Row => ({ order, work, app: ms(m), baseline: '', ratio: '', p99: '', target, met: m.summary.median < limit });
    return [
      {
        ...row(4, `ranked-problems page at ${scale} (ms); baseline: the hand-written GROUP BY alone`, asIs.pages.all, '< 150 ms', 150),
        baseline: msRange(asIs.hand),
        ratio: `${(asIs.pages.all.summary.median / asIs.hand.median).toFixed(1)}× the time`,
      },
      row(4.1, 'the same, filtered by segment', asIs.pages.segment, '< 300 ms', 300),
      row(4.2, 'the same, filtered by KAM', asIs.pages.kam, '< 300 ms', 300),
      { ...row(4.3, 'ranked-problems page after ANALYZE (which the app never runs)', analyzed.pages.all, '', 150), baseline: msRange(analyzed.hand), met: undefined },
      { ...row(4.4, 'the same after ANALYZE, filtered by segment / KAM', analyzed.pages.segment, '', 300), app: `${ms(analyzed.pages.segment)} / ${ms(analyzed.pages.kam)}`, met: undefined },
    ];
  } finally {
    await baseline?.stop();
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function kamIdOf(file: string): Promise<number> {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select id from user where email = ?').get(KAMS[0]) as { id: number }).id;
  } finally {
    db.close();
  }
}
