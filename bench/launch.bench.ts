// Time to launch a campaign to 100,000 contacts: invitations, salts and queued mails in one transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../src/db/database';
import { loadSurveyTemplates } from '../src/surveys/template-loader';
import { SURVEYS_DIR } from '../src/paths';
import { DEFAULT_MAIL } from '../src/campaigns/campaign';
import { insertCampaign } from '../src/campaigns/campaign.repository';
import { launchCampaign } from '../src/campaigns/campaign.service';
import { systemActor } from '../src/auth/user';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);

export async function run(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-bench-launch-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
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
          .values(Array.from({ length: Math.min(500, customers - c) }, (_, i) => ({ name: `Customer ${c + i}`, ref: `C${c + i}`, segment: `S${(c + i) % 5}`, language: languages[(c + i) % 3]!, created_at: iso, updated_at: iso })))
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
      { name: 'Bench', template: 'annual-pds', status: 'draft', audience: { notEvaluatedDays: 365 }, startsAt: null, closesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(), reminderAfterDays: 7, reminderMax: 2, mail: DEFAULT_MAIL },
      null,
      now,
    );
    const ctx = { templates: loadSurveyTemplates(SURVEYS_DIR), secret: 'bench-secret-bench-secret-bench-secret', baseUrl: 'https://pds.example', isProduction: true };
    const started = performance.now();
    const result = await launchCampaign(db, systemActor('bench'), id, ctx, now);
    const seconds = (performance.now() - started) / 1000;
    const size = fs.statSync(path.join(dir, 'bench.sqlite')).size + (fs.existsSync(path.join(dir, 'bench.sqlite-wal')) ? fs.statSync(path.join(dir, 'bench.sqlite-wal')).size : 0);
    return [
      `Launch to ${CONTACTS.toLocaleString('en')} contacts on a SQLite file (one BEGIN IMMEDIATE transaction, synchronous=FULL):`,
      '',
      '| invitations | seconds | invitations/s | database size |',
      '| ---: | ---: | ---: | ---: |',
      `| ${result.invited.toLocaleString('en')} | ${seconds.toFixed(2)} | ${(result.invited / seconds).toFixed(0)} | ${(size / 1e6).toFixed(0)} MB |`,
    ];
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
