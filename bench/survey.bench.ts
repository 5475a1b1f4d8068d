// The respondent's page under load. The app (dist/src/server.js) with a campaign of the annual
// PDS template and 8 catalogue problems, launched through the API; the personal links come from
// the invitation mails. Against it, in their own processes: bare Express serving the same bytes,
// Express + EJS rendering a page of that size after one SQLite lookup by token hash, and (for the
// submission) Express + one synchronous=FULL WAL insert. Rounds interleave A B C A B C …; each GET
// round uses its own slice of respondent tokens, each POST is a first submission of its own token.
import fs from 'node:fs';
import path from 'node:path';
import { Api, csrfIn, prepareDatabase } from './lib/app-client';
import { LoadGenerator, checkStatuses, type LoadResult } from './lib/load';
import { ROOT, makeTempDir, startApp, startBaseline, type Server } from './lib/processes';
import { contactsCsv, sendInvitationsToFiles, surveyForm } from './lib/seed';
import { SETTINGS, num, range, summarize, type Row } from './lib/stats';
import { firstVisit } from './lib/transfer';

const CONNECTIONS = 10;
const CATALOGUE_PROBLEMS = 8;
const GET_TOKENS_PER_ROUND = Number(process.env.BENCH_GET_TOKENS ?? 150);
const POSTS_PER_ROUND = Number(process.env.BENCH_POST_REQUESTS ?? 1500);
const POST_WARMUP = 200;
const WARMUP_SECONDS = 3;

async function scrapeForms(url: string, tokens: string[], form: Record<string, string>): Promise<{ path: string; body: string }[]> {
  const out: { path: string; body: string }[] = new Array(tokens.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < tokens.length) {
        const i = next++;
        const res = await fetch(`${url}/s/${tokens[i]}`);
        const html = await res.text();
        if (res.status !== 200) throw new Error(`GET /s/<token>: ${res.status}`);
        out[i] = { path: `/s/${tokens[i]}`, body: new URLSearchParams({ ...form, _csrf: csrfIn(html) }).toString() };
      }
    }),
  );
  return out;
}

const rps = (results: LoadResult[]) => summarize(results.map((r) => r.rps));
const p99 = (results: LoadResult[]) => summarize(results.map((r) => r.p99));

export async function run(): Promise<Row[]> {
  const dir = makeTempDir('survey');
  const dbFile = path.join(dir, 'app.sqlite');
  const servers: Server[] = [];
  let load: LoadGenerator | undefined;
  try {
    const key = await prepareDatabase(dbFile);
    const app = await startApp(dbFile);
    servers.push(app);
    const api = new Api(app.url, key);

    const getPool = GET_TOKENS_PER_ROUND * (SETTINGS.rounds + 1);
    const postPool = POST_WARMUP + POSTS_PER_ROUND * SETTINGS.rounds + CONNECTIONS * (SETTINGS.rounds + 1) * 2;
    const contacts = getPool + postPool + 2;
    await api.createCategories(CATALOGUE_PROBLEMS);
    const imported = await api.post<{ created: number }>('/contacts', contactsCsv(contacts, { perCustomer: 3 }), 'text/csv');
    if (imported.created !== contacts) throw new Error(`imported ${imported.created} of ${contacts} contacts`);
    const campaignId = await api.createCampaign('Bench survey');
    const launched = await api.post<{ launch: { invited: number } }>(`/campaigns/${campaignId}/launch`, {});
    const tokens = await sendInvitationsToFiles(dbFile, path.join(dir, 'mail'), launched.launch.invited);
    console.log(`Seeded ${num(contacts)} contacts, ${CATALOGUE_PROBLEMS} catalogue problems, a launched annual-pds campaign; ${num(tokens.length)} personal links read from the mails.`);

    const [captureToken, visitToken] = tokens;
    const getTokens = tokens.slice(2, 2 + getPool);
    const postTokens = tokens.slice(2 + getPool);
    const slice = (round: number) => getTokens.slice(round * GET_TOKENS_PER_ROUND, (round + 1) * GET_TOKENS_PER_ROUND).map((t) => ({ path: `/s/${t}` }));

    // The bytes the app serves a respondent, for the bare-Express baseline.
    await (await fetch(`${app.url}/s/${captureToken}`)).text();
    const html = await (await fetch(`${app.url}/s/${captureToken}`)).text();
    const htmlFile = path.join(dir, 'page.html');
    fs.writeFileSync(htmlFile, html);
    const tokensFile = path.join(dir, 'tokens.json');
    fs.writeFileSync(tokensFile, JSON.stringify(getTokens));
    const bare = await startBaseline('express-static', { HTML_FILE: htmlFile });
    servers.push(bare);
    const ejs = await startBaseline('express-ejs', { TOKENS_FILE: tokensFile, TARGET_BYTES: String(Buffer.byteLength(html)), DB_FILE: path.join(dir, 'ejs.sqlite') });
    servers.push(ejs);
    const insert = await startBaseline('express-insert', { DB_FILE: path.join(dir, 'insert.sqlite') });
    servers.push(insert);
    const ejsBytes = Buffer.byteLength(await (await fetch(`${ejs.url}/s/${getTokens[0]}`)).text());

    load = await LoadGenerator.start();
    const get = (origin: string, round: number, seconds = SETTINGS.seconds) => load!.run({ url: origin, connections: CONNECTIONS, seconds, requests: slice(round) });

    console.log(`GET: ${CONNECTIONS} connections, ${SETTINGS.seconds} s a round, ${GET_TOKENS_PER_ROUND} tokens a round; warm-up ${WARMUP_SECONDS} s each.`);
    for (const origin of [app.url, bare.url, ejs.url]) await get(origin, SETTINGS.rounds, WARMUP_SECONDS);
    const results = { app: [] as LoadResult[], bare: [] as LoadResult[], ejs: [] as LoadResult[] };
    for (let round = 0; round < SETTINGS.rounds; round++) {
      results.app.push(await get(app.url, round));
      results.bare.push(await get(bare.url, round));
      results.ejs.push(await get(ejs.url, round));
      console.log(`  round ${round + 1}: app ${num(results.app[round]!.rps)} req/s (p99 ${results.app[round]!.p99} ms), bare Express ${num(results.bare[round]!.rps)}, Express+EJS+lookup ${num(results.ejs[round]!.rps)}`);
    }
    results.app.forEach((r, i) => checkStatuses(`app GET round ${i + 1}`, r, ['200']));
    [...results.bare, ...results.ejs].forEach((r) => checkStatuses('baseline GET', r, ['200']));

    // POST: each request is the first submission of its own token (form CSRF token read off its page).
    const form = surveyForm(path.join(ROOT, 'surveys', 'annual-pds.json'), html);
    const posts = await scrapeForms(app.url, postTokens, form);
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    let used = 0;
    const appPost = async (amount: number) => {
      const requests = posts.slice(used, used + amount + CONNECTIONS * 2);
      used += requests.length;
      return load!.run({ url: app.url, connections: CONNECTIONS, amount, method: 'POST', headers, requests });
    };
    const basePost = (seconds = SETTINGS.seconds) => load!.run({ url: insert.url, connections: CONNECTIONS, seconds, method: 'POST', headers, requests: posts });
    console.log(`POST: ${CONNECTIONS} connections; the app ${num(POSTS_PER_ROUND)} first submissions a round (BENCH_POST_REQUESTS), the baseline ${SETTINGS.seconds} s a round.`);
    await appPost(POST_WARMUP);
    await basePost(WARMUP_SECONDS);
    const postResults = { app: [] as LoadResult[], base: [] as LoadResult[] };
    for (let round = 0; round < SETTINGS.rounds; round++) {
      postResults.app.push(await appPost(POSTS_PER_ROUND));
      postResults.base.push(await basePost());
      console.log(`  round ${round + 1}: app ${num(postResults.app[round]!.rps)} req/s (p99 ${postResults.app[round]!.p99} ms), Express+insert ${num(postResults.base[round]!.rps)}`);
    }
    postResults.app.forEach((r, i) => checkStatuses(`app POST round ${i + 1}`, r, ['303']));
    postResults.base.forEach((r) => checkStatuses('baseline POST', r, ['303']));
    const progress = await api.get<Record<string, unknown>>(`/campaigns/${campaignId}`);
    const submitted = Number(progress.submitted ?? NaN);
    const expectedSubmitted = POST_WARMUP + POSTS_PER_ROUND * SETTINGS.rounds;
    if (submitted !== expectedSubmitted) throw new Error(`expected ${expectedSubmitted} submitted responses, the campaign shows ${submitted}`);

    const plain = await firstVisit(app.url, `/s/${visitToken}`);
    const gzip = await firstVisit(app.url, `/s/${visitToken}`, 'gzip, deflate, br');
    console.log(`Page ${num(Buffer.byteLength(html))} bytes (the EJS baseline renders ${num(ejsBytes)}); ${submitted} responses submitted.`);
    console.log(`First visit, gzip/br accepted: ${gzip.parts.map((p) => `${p.path.startsWith('/s/') ? '/s/<token>' : p.path} ${num(p.bytes)} B (${p.encoding})`).join(', ')}`);

    const ratio = (a: LoadResult[], b: LoadResult[]) => rps(a).median / rps(b).median;
    const getVsBare = ratio(results.app, results.bare);
    const getVsEjs = ratio(results.app, results.ejs);
    const postRatio = ratio(postResults.app, postResults.base);
    const appP99 = p99(results.app);
    const kb = (bytes: number) => `${num(bytes / 1024, 1)} KB`;
    return [
      {
        order: 1,
        work: 'survey page GET `/s/<token>` vs bare Express serving the same bytes (req/s)',
        app: range(rps(results.app)),
        baseline: range(rps(results.bare)),
        ratio: `${getVsBare.toFixed(2)}×`,
        p99: `${range(appP99)} ms`,
        target: '≥ 0.5×, p99 < 25 ms',
        met: getVsBare >= 0.5 && appP99.median < 25,
      },
      {
        order: 2,
        work: 'the same vs Express + EJS rendering a page of that size + one SQLite lookup by hash (req/s)',
        app: range(rps(results.app)),
        baseline: range(rps(results.ejs)),
        ratio: `${getVsEjs.toFixed(2)}×`,
        p99: `${range(appP99)} ms`,
        target: '≥ 1.0×',
        met: getVsEjs >= 1,
      },
      {
        order: 3,
        work: 'survey POST (first submissions) vs Express + one `synchronous=FULL` WAL insert (req/s)',
        app: range(rps(postResults.app)),
        baseline: range(rps(postResults.base)),
        ratio: `${postRatio.toFixed(2)}×`,
        p99: `${range(p99(postResults.app))} ms`,
        target: '≥ 0.6×',
        met: postRatio >= 0.6,
      },
      {
        order: 11,
        work: 'survey page transfer on a first visit, gzip accepted (HTML + CSS + JS)',
        app: kb(gzip.total),
        baseline: '',
        ratio: '',
        p99: '',
        target: '≤ 20 KB',
        met: gzip.total <= 20 * 1024,
      },
      {
        order: 12,
        work: 'survey page transfer on a first visit, no compression accepted',
        app: kb(plain.total),
        baseline: '',
        ratio: '',
        p99: '',
        target: '',
      },
    ];
  } finally {
    await load?.close();
    for (const server of servers.reverse()) await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
