// The same work on SQLite and on PostgreSQL in one run (issue 16): the respondent's page GET and
// first submissions POST with one and with two app instances on one database, and the
// ranked-problems page. Runs only when named (`npm run bench -- postgres`). The PostgreSQL server is
// BENCH_DATABASE_URL (a database the user may create databases from), or else a throwaway cluster
// started with scripts/pg-test-server.sh on BENCH_PG_PORT (default 54339) and removed at the end.
// Rounds interleave the engines and instance counts: S1 S2 P1 P2 S1 S2 P1 P2 …
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { ADMIN, Api, Session, addUser, csrfIn, prepareDatabase } from './lib/app-client';
import { LoadGenerator, checkStatuses, type LoadResult } from './lib/load';
import { ROOT, makeTempDir, runCli, startApp, type Server } from './lib/processes';
import { contactsCsv, sendInvitationsToFiles, surveyForm } from './lib/seed';
import { SETTINGS, msRange, num, range, scaled, summarize, type Row } from './lib/stats';
import { KAMS, seed as seedRanking } from './ranking.bench';

const CONNECTIONS = 10;
const GET_TOKENS_PER_ROUND = 150;
const POSTS_PER_ROUND = scaled(1500, 100);
const RESPONSES = scaled(100_000, 100);
type Engine = 'SQLite' | 'PostgreSQL';
const ENGINES: Engine[] = ['SQLite', 'PostgreSQL'];

interface PgServer {
  url: string;
  /** A new empty database with the C collation; returns its URL. */
  create(name: string): Promise<string>;
  stop(): Promise<void>;
}

async function startPostgres(): Promise<PgServer> {
  let url = process.env.BENCH_DATABASE_URL;
  // The cluster's data in the script's default place (/tmp/pds-loop-pg-<port>): a mkdtemp
  // directory is closed to the postgres user the script runs the server as when started as root.
  const env = { ...process.env, PG_TEST_PORT: process.env.BENCH_PG_PORT ?? '54339' };
  const script = path.join(ROOT, 'scripts', 'pg-test-server.sh');
  const started = !url;
  if (!url) url = execFileSync('bash', [script, 'start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop()!;
  const serverUrl = url;
  const created: string[] = [];
  const onServer = async (query: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  return {
    url: serverUrl,
    async create(name) {
      const db = `pds_bench_${name}_${process.pid}`;
      await onServer(`drop database if exists "${db}"`);
      await onServer(`create database "${db}" template template0 encoding 'UTF8' locale 'C'`);
      created.push(db);
      const u = new URL(serverUrl);
      u.pathname = `/${db}`;
      return u.toString();
    },
    async stop() {
      if (started) execFileSync('bash', [script, 'remove'], { env, stdio: 'ignore' });
      else for (const db of created) await onServer(`drop database if exists "${db}" with (force)`);
    },
  };
}

interface SurveySetup {
  engine: Engine;
  apps: [Server, Server];
  getTokens: string[];
  posts: { path: string; body: string }[];
  used: number;
  api: Api;
  campaignId: number;
}

/** A launched annual-pds campaign on `dbUrl`, two app instances on it, and the respondents' links and forms. */
async function setUpSurvey(engine: Engine, dbUrl: string, dir: string, servers: Server[]): Promise<SurveySetup> {
  const key = await prepareDatabase(dbUrl);
  const first = await startApp(dbUrl);
  servers.push(first);
  const api = new Api(first.url, key);
  const getPool = GET_TOKENS_PER_ROUND * (SETTINGS.rounds + 1);
  const postPool = (POSTS_PER_ROUND + CONNECTIONS * 2) * (SETTINGS.rounds + 1) * 2;
  const contacts = getPool + postPool + 1;
  await api.createCategories(8);
  const imported = await api.post<{ created: number }>('/contacts', contactsCsv(contacts, { perCustomer: 3 }), 'text/csv');
  if (imported.created !== contacts) throw new Error(`${engine}: imported ${imported.created} of ${contacts} contacts`);
  const campaignId = await api.createCampaign('Bench survey');
  const launched = await api.post<{ launch: { invited: number } }>(`/campaigns/${campaignId}/launch`, {});
  const tokens = await sendInvitationsToFiles(dbUrl, path.join(dir, `mail-${engine}`), launched.launch.invited);
  const second = await startApp(dbUrl);
  servers.push(second);
  const html = await (await fetch(`${first.url}/s/${tokens[0]}`)).text();
  const form = surveyForm(path.join(ROOT, 'surveys', 'annual-pds.json'), html);
  const postTokens = tokens.slice(1 + getPool);
  const posts: { path: string; body: string }[] = [];
  for (let i = 0; i < postTokens.length; i += CONNECTIONS) {
    const part = await Promise.all(
      postTokens.slice(i, i + CONNECTIONS).map(async (t) => {
        const page = await fetch(`${first.url}/s/${t}`);
        if (page.status !== 200) throw new Error(`${engine}: GET /s/<token>: ${page.status}`);
        return { path: `/s/${t}`, body: new URLSearchParams({ ...form, _csrf: csrfIn(await page.text()) }).toString() };
      }),
    );
    posts.push(...part);
  }
  console.log(`${engine}: ${num(contacts)} contacts, a launched campaign, ${num(tokens.length)} personal links; two app instances.`);
  return { engine, apps: [first, second], getTokens: tokens.slice(1, 1 + getPool), posts, used: 0, api, campaignId };
}

/** One load job split over `instances` app instances at once, by two load generators; req/s summed, the worse p99. */
async function spread(loads: LoadGenerator[], s: SurveySetup, instances: 1 | 2, job: (url: string, connections: number, share: number) => Parameters<LoadGenerator['run']>[0]) {
  const results = await Promise.all(s.apps.slice(0, instances).map((app, i) => loads[i]!.run(job(app.url, CONNECTIONS / instances, i))));
  return { rps: results.reduce((sum, r) => sum + r.rps, 0), p99: Math.max(...results.map((r) => r.p99)), results };
}

async function surveyRows(pg: PgServer, dir: string): Promise<Row[]> {
  const servers: Server[] = [];
  const loads: LoadGenerator[] = [];
  try {
    const setups: SurveySetup[] = [];
    for (const engine of ENGINES) setups.push(await setUpSurvey(engine, engine === 'SQLite' ? path.join(dir, 'survey.sqlite') : await pg.create('survey'), dir, servers));
    loads.push(await LoadGenerator.start(), await LoadGenerator.start());
    type Series = { rps: number[]; p99: number[] };
    const series = () => ({ 1: { rps: [], p99: [] } as Series, 2: { rps: [], p99: [] } as Series });
    const get = { SQLite: series(), PostgreSQL: series() };
    const post = { SQLite: series(), PostgreSQL: series() };
    const getJob = (s: SurveySetup, round: number, seconds: number) => (url: string, connections: number) => ({
      url,
      connections,
      seconds,
      requests: s.getTokens.slice(round * GET_TOKENS_PER_ROUND, (round + 1) * GET_TOKENS_PER_ROUND).map((t) => ({ path: `/s/${t}` })),
    });
    const postJob = (s: SurveySetup, amount: number, instances: number) => {
      const perInstance = amount / instances;
      const slices = Array.from({ length: instances }, () => {
        const requests = s.posts.slice(s.used, s.used + perInstance + CONNECTIONS * 2);
        s.used += requests.length;
        return requests;
      });
      return (url: string, connections: number, share: number) => ({ url, connections, amount: perInstance, method: 'POST' as const, headers: { 'content-type': 'application/x-www-form-urlencoded' }, requests: slices[share]! });
    };
    console.log(`GET /s/<token>: ${CONNECTIONS} connections in all (split over the instances), ${SETTINGS.seconds} s a round. POST: ${num(POSTS_PER_ROUND)} first submissions a round.`);
    for (const s of setups) for (const n of [1, 2] as const) await spread(loads, s, n, getJob(s, SETTINGS.rounds, 2));
    for (let round = 0; round < SETTINGS.rounds; round++) {
      const line: string[] = [];
      for (const s of setups) {
        for (const n of [1, 2] as const) {
          const r = await spread(loads, s, n, getJob(s, round, SETTINGS.seconds));
          r.results.forEach((x) => checkStatuses(`${s.engine} GET`, x, ['200']));
          get[s.engine][n].rps.push(r.rps);
          get[s.engine][n].p99.push(r.p99);
          line.push(`${s.engine} ×${n} GET ${num(r.rps)} req/s`);
        }
      }
      for (const s of setups) {
        for (const n of [1, 2] as const) {
          const r = await spread(loads, s, n, postJob(s, POSTS_PER_ROUND, n));
          r.results.forEach((x: LoadResult) => checkStatuses(`${s.engine} POST`, x, ['303']));
          post[s.engine][n].rps.push(r.rps);
          post[s.engine][n].p99.push(r.p99);
          line.push(`${s.engine} ×${n} POST ${num(r.rps)} req/s`);
        }
      }
      console.log(`  round ${round + 1}: ${line.join(', ')}`);
    }
    for (const s of setups) {
      const submitted = Number((await s.api.get<Record<string, unknown>>(`/campaigns/${s.campaignId}`)).submitted ?? NaN);
      if (submitted !== POSTS_PER_ROUND * SETTINGS.rounds * 2) throw new Error(`${s.engine}: expected ${POSTS_PER_ROUND * SETTINGS.rounds * 2} submitted responses, the campaign shows ${submitted}`);
    }
    const rows: Row[] = [];
    let order = 20;
    for (const [what, data] of [
      ['survey page GET `/s/<token>`', get],
      ['survey POST (first submissions)', post],
    ] as const) {
      for (const n of [1, 2] as const) {
        const pgRps = summarize(data.PostgreSQL[n].rps);
        const liteRps = summarize(data.SQLite[n].rps);
        rows.push({
          order: order++,
          work: `${what}, ${n === 1 ? 'one app instance' : 'two app instances'}: PostgreSQL (app) vs SQLite (baseline) (req/s)`,
          app: range(pgRps),
          baseline: range(liteRps),
          ratio: `${(pgRps.median / liteRps.median).toFixed(2)}×`,
          p99: `${range(summarize(data.PostgreSQL[n].p99))} ms (SQLite ${range(summarize(data.SQLite[n].p99))} ms)`,
          target: '',
        });
      }
    }
    return rows;
  } finally {
    for (const load of loads) await load.close();
    for (const server of servers.reverse()) await server.stop();
  }
}

/** The ranking bench's campaign seeded into SQLite, then copied to PostgreSQL with `pds-loop db:copy`. */
async function rankingRows(pg: PgServer, dir: string): Promise<Row[]> {
  const file = path.join(dir, 'ranking.sqlite');
  const servers: Server[] = [];
  try {
    const key = await prepareDatabase(file);
    for (const email of KAMS) await addUser(file, email, 'kam');
    const setup = await startApp(file);
    const api = new Api(setup.url, key);
    await api.createCategories(40);
    const campaignId = await api.createCampaign('Bench ranking', { segment: 'nobody', notEvaluatedDays: 365 });
    await api.post(`/campaigns/${campaignId}/launch`, {});
    await setup.stop();
    seedRanking(file, campaignId);
    const pgUrl = await pg.create('ranking');
    const copyStarted = performance.now();
    await runCli(file, ['db:copy', '--to', pgUrl]);
    const copySeconds = (performance.now() - copyStarted) / 1000;
    // Autovacuum analyzes a table this size soon after the copy; done here so every round plans alike.
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    await client.query('analyze');
    await client.end();
    const lite = new Database(file, { readonly: true });
    const kamId = (lite.prepare('select id from user where email = ?').get(KAMS[0]) as { id: number }).id;
    lite.close();
    console.log(`Ranking: ${num(RESPONSES)} responses, ${num(RESPONSES * 5)} mentions; db:copy to PostgreSQL ${copySeconds.toFixed(1)} s.`);

    const page = `/campaigns/${campaignId}/problems`;
    const pages = { all: page, segment: `${page}?segment=S1`, kam: `${page}?kam=${kamId}` };
    const sessions: Record<Engine, Session> = {} as Record<Engine, Session>;
    for (const engine of ENGINES) {
      const app = await startApp(engine === 'SQLite' ? file : pgUrl);
      servers.push(app);
      sessions[engine] = await Session.signIn(app.url, ADMIN);
    }
    // The copy shows the same page on both engines (CSRF tokens and nonces aside).
    const sameRanking = await Promise.all(ENGINES.map(async (e) => (await sessions[e].timePage(page)).html.replace(/<input[^>]*_csrf[^>]*>/g, '').replace(/nonce="[^"]*"/g, '')));
    if (sameRanking[0] !== sameRanking[1]) throw new Error('the ranked-problems pages on SQLite and on PostgreSQL differ');
    const times = { SQLite: { all: [] as number[], segment: [] as number[], kam: [] as number[] }, PostgreSQL: { all: [] as number[], segment: [] as number[], kam: [] as number[] } };
    for (const engine of ENGINES) for (const p of Object.values(pages)) await sessions[engine].timePage(p);
    const rounds = Math.max(5, SETTINGS.rounds);
    for (let round = 0; round < rounds; round++) {
      const line: string[] = [];
      for (const engine of ENGINES) {
        for (const kind of ['all', 'segment', 'kam'] as const) {
          const ms = (await sessions[engine].timePage(pages[kind])).ms;
          times[engine][kind].push(ms);
          line.push(`${engine} ${kind} ${ms.toFixed(0)} ms`);
        }
      }
      console.log(`  round ${round + 1}: ${line.join(', ')}`);
    }
    const scale = RESPONSES === 100_000 ? '100,000 responses / 500,000 mentions' : `${num(RESPONSES)} responses / ${num(RESPONSES * 5)} mentions (BENCH_SCALE)`;
    return (['all', 'segment', 'kam'] as const).map((kind, i) => {
      const p = summarize(times.PostgreSQL[kind]);
      const s = summarize(times.SQLite[kind]);
      return {
        order: 30 + i,
        work: kind === 'all' ? `ranked-problems page at ${scale}: PostgreSQL (app, after ANALYZE) vs SQLite (baseline, as the app runs it) (ms)` : `the same, filtered by ${kind === 'kam' ? 'KAM' : 'segment'}`,
        app: msRange(p),
        baseline: msRange(s),
        ratio: `${(p.median / s.median).toFixed(2)}× the time`,
        p99: '',
        target: '',
      };
    });
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}

export async function run(): Promise<Row[]> {
  const dir = makeTempDir('postgres');
  let pg: PgServer | undefined;
  try {
    pg = await startPostgres();
    console.log(`PostgreSQL: ${pg.url.replace(/\/\/[^@]*@/, '//')}`);
    return [...(await surveyRows(pg, dir)), ...(await rankingRows(pg, dir))];
  } finally {
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
