/**
 * `npm run demo`: recreates db/demo.sqlite (never the real database), fills it with the demo
 * company and serves it exactly like `npm start` (PORT, BASE_URL… are honoured; DATABASE_URL is not).
 */
import fs from 'node:fs';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../db/database';
import { resolveSessionSecret } from '../settings/session-secret.service';
import { DB_DIR } from '../paths';
import { loadConfigOrExit, loadTemplatesOrExit, startServer } from '../server';
import { DEMO_SIGN_INS, seedDemo } from './seed';
import { ROLE_LABELS } from '../auth/user';

export const DEMO_DATABASE = path.join(DB_DIR, 'demo.sqlite');

async function main(): Promise<void> {
  const started = Date.now();
  const config = { ...loadConfigOrExit({ ...process.env, DATABASE_URL: DEMO_DATABASE }) };
  const templates = loadTemplatesOrExit(config);
  fs.mkdirSync(path.dirname(DEMO_DATABASE), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(DEMO_DATABASE + suffix, { force: true });

  console.log(`Creating the demo company in ${path.relative(process.cwd(), DEMO_DATABASE) || DEMO_DATABASE} …`);
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const secret = await resolveSessionSecret(db, config);
  const summary = await seedDemo(db, { templates, secret, baseUrl: config.baseUrl, now: new Date() });
  console.log(
    `Demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.customers} customers, ${summary.contacts} contacts, campaigns ${summary.campaigns.map((c) => `"${c.name}"`).join(' and ')}.`,
  );

  await startServer(config, {
    db,
    templates,
    onListening: () => {
      console.log('\nSign in with (password for every user: ' + DEMO_SIGN_INS[0]!.password + '):');
      for (const s of DEMO_SIGN_INS) console.log(`  ${ROLE_LABELS[s.role].padEnd(20)} ${s.email}`);
      console.log('\nThe demo database is recreated on every run; nothing is mailed (mails go to files in MAIL_DIR unless SMTP_URL is set).');
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
