// Database growth of a launch to N contacts (issue 15: ≤ 40 MB per 100,000 invitations), after a
// WAL checkpoint, with the bytes per table and index (SQLite's dbstat). Not a test; run it with
//   node -r ./test/support/ts-register.js test/mail/measure-db-size.ts [contacts]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database';
import { loadSurveyTemplates } from '../../src/surveys/template-loader';
import { SURVEYS_DIR } from '../../src/paths';
import { DEFAULT_MAIL } from '../../src/campaigns/campaign';
import { insertCampaign } from '../../src/campaigns/campaign.repository';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { systemActor } from '../../src/auth/user';

const CONTACTS = Number(process.argv[2] ?? 100_000);

async function sizeAfterCheckpoint(db: Db, file: string): Promise<number> {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return fs.statSync(file).size;
}

async function bytesPerObject(db: Db): Promise<Map<string, number>> {
  const rows = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat group by name`.execute(db);
  return new Map(rows.rows.map((r) => [r.name, Number(r.bytes)]));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-db-size-'));
  const file = path.join(dir, 'size.sqlite');
  const db = openDatabase(file);
  try {
    await migrateToLatest(db);
    const now = new Date();
    const iso = now.toISOString();
    const languages = ['en', 'sv', 'da'];
    await db.transaction().execute(async (trx) => {
      const customers = Math.ceil(CONTACTS / 100);
      for (let c = 0; c < customers; c += 500) {
        await trx
          .insertInto('customer')
          .values(Array.from({ length: Math.min(500, customers - c) }, (_, i) => ({ name: `Customer ${c + i}`, ref: `C${c + i}`, language: languages[(c + i) % 3]!, created_at: iso, updated_at: iso })))
          .execute();
      }
      for (let k = 0; k < CONTACTS; k += 1000) {
        await trx
          .insertInto('contact')
          .values(Array.from({ length: Math.min(1000, CONTACTS - k) }, (_, i) => ({ customer_id: Math.floor((k + i) / 100) + 1, email: `contact${k + i}@example.com`, name: `Contact ${k + i}`, created_at: iso, updated_at: iso })))
          .execute();
      }
    });
    const id = await insertCampaign(
      db,
      { name: 'Size', template: 'annual-pds', status: 'draft', audience: { notEvaluatedDays: 365 }, startsAt: null, closesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(), reminderAfterDays: 7, reminderMax: 2, mail: DEFAULT_MAIL },
      null,
      now,
    );
    const before = await sizeAfterCheckpoint(db, file);
    const objectsBefore = await bytesPerObject(db);
    const ctx = { templates: loadSurveyTemplates(SURVEYS_DIR), secret: 'size-secret-size-secret-size-secret-00', baseUrl: 'https://pds.example', isProduction: true };
    const started = performance.now();
    const result = await launchCampaign(db, systemActor('size'), id, ctx, now);
    const seconds = (performance.now() - started) / 1000;
    const after = await sizeAfterCheckpoint(db, file);
    const objectsAfter = await bytesPerObject(db);
    const growth = after - before;
    console.log(`launch to ${result.invited} contacts: ${seconds.toFixed(2)} s, database growth ${(growth / 1e6).toFixed(1)} MB (${(growth / result.invited).toFixed(0)} bytes per invitation; ${((growth * 100_000) / result.invited / 1e6).toFixed(1)} MB per 100,000)`);
    const grown = [...objectsAfter].map(([name, bytes]) => ({ name, grown: bytes - (objectsBefore.get(name) ?? 0) })).filter((o) => o.grown > 0).sort((a, b) => b.grown - a.grown);
    for (const o of grown) console.log(`  ${o.name.padEnd(32)} ${(o.grown / 1e6).toFixed(1).padStart(7)} MB`);
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
