// npm run bench [-- name…]: runs every bench/*.bench.js (or those named) and prints their reports.
// Each bench measures the app against a baseline in the same run and reports ratios.
import fs from 'node:fs';
import path from 'node:path';

export interface BenchModule {
  /** Runs the benchmark and returns markdown lines for the report. */
  run(): Promise<string[]>;
}

async function main() {
  const wanted = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark matches ${wanted.join(', ')}`);
    process.exit(2);
  }
  for (const file of files) {
    const started = Date.now();
    console.log(`\n## ${file.replace('.bench.js', '')}\n`);
    const mod = (await import(path.join(__dirname, file))) as BenchModule;
    for (const line of await mod.run()) console.log(line);
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
