// `npm start` until /healthz answers, on an existing database (a restart) and on a new one
// (migrations and the first admin), against node starting bare Express; A B C A B C …
import fs from 'node:fs';
import path from 'node:path';
import { prepareDatabase } from './lib/app-client';
import { BENCH_DIST, SERVER_JS, appEnv, freePort, makeTempDir, startProcess, waitForHttp, type Child } from './lib/processes';
import { SETTINGS, range, summarize, type Row } from './lib/stats';

/** Seconds from spawning `command` until GET /healthz answers 200 on `port`. */
async function timeToHealthy(start: (port: number) => Child, port: number): Promise<number> {
  const started = performance.now();
  const proc = start(port);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, proc, 120_000, 5);
    return (performance.now() - started) / 1000;
  } finally {
    await proc.stop();
  }
}

export async function run(): Promise<Row[]> {
  const dir = makeTempDir('start');
  const dbFile = path.join(dir, 'app.sqlite');
  try {
    await prepareDatabase(dbFile);
    const npmStart = (file: string) => (port: number) =>
      startProcess('npm', ['start', '--silent'], { role: 'server', env: appEnv(file, { PORT: String(port) }), detached: true });
    const nodeServer = (port: number) => startProcess(process.execPath, [SERVER_JS], { role: 'server', env: appEnv(dbFile, { PORT: String(port) }) });
    const bare = (port: number) =>
      startProcess(process.execPath, [path.join(BENCH_DIST, 'baselines', 'hello-express.js')], { role: 'server', env: { PATH: process.env.PATH, PORT: String(port) } });
    const times = { restart: [] as number[], first: [] as number[], node: [] as number[], bare: [] as number[] };
    // One unmeasured start fills the file cache for every round alike.
    await timeToHealthy(npmStart(dbFile), await freePort());
    for (let round = 0; round < SETTINGS.rounds; round++) {
      times.restart.push(await timeToHealthy(npmStart(dbFile), await freePort()));
      times.bare.push(await timeToHealthy(bare, await freePort()));
      const fresh = path.join(dir, `fresh-${round}.sqlite`);
      times.first.push(await timeToHealthy(npmStart(fresh), await freePort()));
      times.node.push(await timeToHealthy(nodeServer, await freePort()));
      console.log(
        `  round ${round + 1}: npm start ${times.restart[round]!.toFixed(2)} s (new database ${times.first[round]!.toFixed(2)} s), node dist/src/server.js ${times.node[round]!.toFixed(2)} s, node + bare Express ${times.bare[round]!.toFixed(2)} s`,
      );
    }
    const s = { restart: summarize(times.restart), first: summarize(times.first), node: summarize(times.node), bare: summarize(times.bare) };
    console.log(`On a new database (migrations, first admin): ${range(s.first, 2, ' s')}; node dist/src/server.js without npm: ${range(s.node, 2, ' s')}.`);
    return [
      {
        order: 10,
        work: '`npm start` → `/healthz` (existing database); baseline: node starting bare Express',
        app: range(s.restart, 2, ' s'),
        baseline: range(s.bare, 2, ' s'),
        ratio: `${(s.restart.median / s.bare.median).toFixed(1)}×`,
        p99: '',
        target: '≤ 1.5 s',
        met: s.restart.median <= 1.5,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
