// npm run bench [-- group…]: runs every bench/*.bench.js but postgres (or the groups named, by prefix) and
// prints each group's rounds, then one table of every row measured. Each bench measures the app
// in its own processes against a baseline measured in the same run (see docs/performance.md).
import fs from 'node:fs';
import path from 'node:path';
import { PINNED, pinSelfToLoadCore, placement } from './lib/processes';
import { SETTINGS, loadAverage, table, type Row } from './lib/stats';

export interface BenchModule {
  /** Runs the group, printing its rounds; returns its rows of the final table. */
  run(): Promise<Row[]>;
}

/** The order groups run in: the quick ones first. */
const ORDER = ['start', 'survey', 'import', 'mail', 'launch', 'ranking', 'postgres'];
/** Groups that run only when named: postgres starts a PostgreSQL cluster of its own. */
const ONLY_WHEN_NAMED = ['postgres'];

async function main() {
  const wanted = process.argv.slice(2);
  const groups = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .map((f) => f.replace('.bench.js', ''))
    .filter((g) => (wanted.length === 0 ? !ONLY_WHEN_NAMED.includes(g) : wanted.some((w) => g.startsWith(w))))
    .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  if (groups.length === 0) {
    console.error(`No benchmark group matches ${wanted.join(', ')}; groups: ${ORDER.join(', ')}`);
    process.exit(2);
  }
  pinSelfToLoadCore();
  const started = Date.now();
  console.log(`# npm run bench ${groups.join(' ')}`);
  console.log(`\nLoad average at start: ${loadAverage()}. ${placement()}.`);
  console.log(`Rounds ${SETTINGS.rounds} (BENCH_ROUNDS), ${SETTINGS.seconds} s per load round (BENCH_SECONDS), scale ${SETTINGS.scale} (BENCH_SCALE).`);
  const rows: Row[] = [];
  const failures: string[] = [];
  for (const group of groups) {
    const groupStarted = Date.now();
    console.log(`\n## ${group}\n`);
    try {
      const mod = (await import(path.join(__dirname, `${group}.bench.js`))) as BenchModule;
      rows.push(...(await mod.run()));
    } catch (error) {
      failures.push(group);
      console.error(`${group} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    console.log(`\n(${group}: ${((Date.now() - groupStarted) / 1000).toFixed(0)} s, load average ${loadAverage()})`);
  }
  rows.sort((a, b) => a.order - b.order);
  console.log('\n## Summary\n');
  for (const line of table(rows)) console.log(line);
  console.log(`\nLoad average at end: ${loadAverage()}. Total ${((Date.now() - started) / 1000).toFixed(0)} s.${PINNED ? '' : ' Not pinned to cores.'}`);
  if (failures.length > 0) {
    console.error(`\nFailed: ${failures.join(', ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
