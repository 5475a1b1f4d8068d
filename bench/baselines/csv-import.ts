// Baseline for the contacts import: csv-parse, then raw better-sqlite3 inserts of each new
// customer and every contact in one transaction (the app's pragmas). Prints { ms, customers, contacts }.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import Database from 'better-sqlite3';

const [csvFile, target] = process.argv.slice(2) as [string, string];
const text = fs.readFileSync(csvFile, 'utf8');

const db = new Database(target);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
const insertCustomer = db.prepare('insert into customer (name, ref, segment, region, language, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
const insertContact = db.prepare('insert into contact (customer_id, email, name, language, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');

const started = process.hrtime.bigint();
const rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
const now = new Date().toISOString();
const customers = new Map<string, number | bigint>();
db.transaction(() => {
  for (const row of rows) {
    let customerId = customers.get(row.customer_ref!);
    if (customerId === undefined) {
      customerId = insertCustomer.run(row.customer, row.customer_ref, row.segment || null, row.region || null, row.language || 'en', now, now).lastInsertRowid;
      customers.set(row.customer_ref!, customerId);
    }
    insertContact.run(customerId, row.email!.toLowerCase(), row.name || null, row.language || null, now, now);
  }
}).immediate();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
db.close();
console.log(JSON.stringify({ ms, customers: customers.size, contacts: rows.length }));
