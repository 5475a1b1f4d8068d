// Baseline for a launch: raw better-sqlite3 inserting, in one transaction with prepared
// statements, exactly the rows the app's launch inserted (read from SOURCE: every row above the
// rowids in THRESHOLDS) into a copy of the database as it was before the launch (TARGET), with
// the app's pragmas (WAL, synchronous=FULL, foreign keys on). Prints { ms, rows }.
import fs from 'node:fs';
import Database from 'better-sqlite3';

const [source, thresholdsFile, target] = process.argv.slice(2) as [string, string, string];
const thresholds = JSON.parse(fs.readFileSync(thresholdsFile, 'utf8')) as Record<string, number>;

const from = new Database(source, { readonly: true });
const batches: { table: string; columns: string[]; rows: unknown[][] }[] = [];
for (const [table, above] of Object.entries(thresholds)) {
  const statement = from.prepare(`select * from "${table}" where rowid > ? order by rowid`).raw(true);
  const rows = statement.all(above) as unknown[][];
  if (rows.length > 0) batches.push({ table, columns: statement.columns().map((c) => c.name), rows });
}
from.close();

const db = new Database(target);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
const started = process.hrtime.bigint();
db.transaction(() => {
  // The app inserts parents before children; the order of tables here is arbitrary.
  db.pragma('defer_foreign_keys = ON');
  for (const batch of batches) {
    const insert = db.prepare(`insert into "${batch.table}" (${batch.columns.map((c) => `"${c}"`).join(', ')}) values (${batch.columns.map(() => '?').join(', ')})`);
    for (const row of batch.rows) insert.run(row);
  }
}).immediate();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
db.close();
console.log(JSON.stringify({ ms, rows: Object.fromEntries(batches.map((b) => [b.table, b.rows.length])) }));
