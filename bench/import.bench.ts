// The contacts import (POST /api/v1/contacts, text/csv) of 50,000 rows into a new database
// (BENCH_SCALE shrinks it), against csv-parse + raw inserts of the same file; A B A B …, each
// round on a fresh copy of the same prepared database.
import fs from 'node:fs';
import path from 'node:path';
import { Api, prepareDatabase } from './lib/app-client';
import { copyDatabase, makeTempDir, runBaselineJob, startApp } from './lib/processes';
import { contactsCsv } from './lib/seed';
import { SETTINGS, num, range, scaled, summarize, type Row } from './lib/stats';

const ROWS = scaled(50_000, 100);

export async function run(): Promise<Row[]> {
  const dir = makeTempDir('import');
  const template = path.join(dir, 'template.sqlite');
  try {
    const key = await prepareDatabase(template);
    const csv = contactsCsv(ROWS, { perCustomer: 10, prefix: 'import' });
    const csvFile = path.join(dir, 'contacts.csv');
    fs.writeFileSync(csvFile, csv);
    console.log(`${num(ROWS)} rows (${num(ROWS / 10)} customers, 10 contacts each, every column filled), ${num(Buffer.byteLength(csv) / 1e6, 1)} MB of CSV, into an empty database.`);
    const seconds = { app: [] as number[], base: [] as number[] };
    for (let round = 0; round < SETTINGS.rounds; round++) {
      const file = path.join(dir, 'app.sqlite');
      copyDatabase(template, file);
      const app = await startApp(file);
      try {
        const started = performance.now();
        const report = await new Api(app.url, key).post<{ created: number; errors: unknown[] }>('/contacts', csv, 'text/csv');
        seconds.app.push((performance.now() - started) / 1000);
        if (report.created !== ROWS) throw new Error(`the import created ${report.created} of ${ROWS} contacts: ${JSON.stringify(report.errors.slice(0, 3))}`);
      } finally {
        await app.stop();
      }
      const target = path.join(dir, 'baseline.sqlite');
      copyDatabase(template, target);
      const baseline = await runBaselineJob<{ ms: number; contacts: number }>('csv-import', [csvFile, target]);
      if (baseline.contacts !== ROWS) throw new Error(`the baseline inserted ${baseline.contacts} contacts`);
      seconds.base.push(baseline.ms / 1000);
      console.log(`  round ${round + 1}: import ${seconds.app[round]!.toFixed(2)} s, csv-parse + raw inserts ${seconds.base[round]!.toFixed(2)} s`);
    }
    const s = { app: summarize(seconds.app), base: summarize(seconds.base) };
    const ratio = s.app.median / s.base.median;
    return [
      {
        order: 9,
        work: `contact import, ${num(ROWS)} rows, vs csv-parse + raw inserts (s)`,
        app: range(s.app, 2, ' s'),
        baseline: range(s.base, 2, ' s'),
        ratio: `${ratio.toFixed(1)}×`,
        p99: '',
        target: '≤ 2×',
        met: ratio <= 2,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
