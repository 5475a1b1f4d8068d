// Issue 15: contact import of 50,000 rows against csv-parse + raw better-sqlite3 inserts of the same
// rows in one transaction, on fresh files, interleaved rounds, medians.
// Run: node -r ./test/support/ts-register.js scripts/bench-import.ts [rows] [rounds]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { migrateToLatest, openDatabase } from '../src/db/database';
import { parseContactsCsv } from '../src/customers/contact-import';
import { importContacts } from '../src/customers/contact-import.service';
import { systemActor } from '../src/auth/user';

const ROWS = Number(process.argv[2] ?? 50_000);
const ROUNDS = Number(process.argv[3] ?? 3);

function csvOf(rows: number): string {
  const lines = ['customer,customer_ref,email,name,language,segment'];
  for (let i = 0; i < rows; i++) lines.push(`Customer ${i % 5000},C-${i % 5000},person${i}@example.com,Person ${i},sv,Industry`);
  return lines.join('\n') + '\n';
}

async function freshFile(): Promise<{ file: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-bench-import-'));
  const file = path.join(dir, 'bench.sqlite');
  const db = openDatabase(file);
  await migrateToLatest(db);
  await db.destroy();
  return { file, dir };
}

async function appImport(csv: string): Promise<number> {
  const { file, dir } = await freshFile();
  const db = openDatabase(file);
  const started = performance.now();
  const parsed = parseContactsCsv(csv);
  if (!parsed.ok) throw new Error(parsed.message);
  const report = await importContacts(db, systemActor('bench'), parsed, new Date());
  const ms = performance.now() - started;
  if (report.created !== ROWS) throw new Error(`created ${report.created}`);
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

async function rawImport(csv: string): Promise<number> {
  const { file, dir } = await freshFile();
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  const started = performance.now();
  const records = parse(csv, { columns: true }) as Record<string, string>[];
  const now = new Date().toISOString();
  const insertCustomer = sqlite.prepare('insert into customer (name, ref, segment, language, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
  const insertContact = sqlite.prepare('insert into contact (customer_id, email, name, language, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    const customers = new Map<string, number>();
    for (const r of records) {
      let id = customers.get(r.customer_ref!);
      if (id === undefined) {
        id = Number(insertCustomer.run(r.customer, r.customer_ref, r.segment, 'en', now, now).lastInsertRowid);
        customers.set(r.customer_ref!, id);
      }
      insertContact.run(id, r.email, r.name, r.language, now, now);
    }
  })();
  const ms = performance.now() - started;
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const csv = csvOf(ROWS);
  const app: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    raw.push(await rawImport(csv));
    app.push(await appImport(csv));
  }
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`import ${ROWS} rows: app ${median(app).toFixed(0)} ms (${Math.min(...app).toFixed(0)}–${Math.max(...app).toFixed(0)}), csv-parse + raw inserts ${median(raw).toFixed(0)} ms (${Math.min(...raw).toFixed(0)}–${Math.max(...raw).toFixed(0)}), ratio ${(median(app) / median(raw)).toFixed(2)}× (target ≤ 2×)`);
}

void main();
