import { spawn } from 'node:child_process';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../../src/db/database';
import { linkCsrfToken } from '../../src/shared/link-csrf';
import { tempDatabaseFile } from '../support/test-db';
import { describeSqliteOnly } from '../support/test-database';
import { createCategories, createInvitation, validForm, type InvitationFixture } from '../support/survey-factories';

const ROOT = path.resolve(__dirname, '../..');
const SECRET = 'a fault-test session secret of more than 32 characters';
const RESPONDENTS = 120;
const CONCURRENCY = 20;

function formBody(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return body.toString();
}

describeSqliteOnly('kill -9 under concurrent submissions', () => {
  it('loses no acknowledged answer', async () => {
    const { file, cleanup } = tempDatabaseFile('pds-kill-');
    const setup = openDatabase(file);
    await migrateToLatest(setup);
    await createCategories(setup);
    const invitations: InvitationFixture[] = [];
    for (let i = 0; i < RESPONDENTS; i++) invitations.push(await createInvitation(setup));
    await setup.destroy();

    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'src/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', MAIL_WORKER: 'off', PORT: String(port), DATABASE_URL: file, SESSION_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));
    let stdout = '';
    server.stdout!.on('data', (d) => (stdout += d));
    const acknowledged = new Set<number>();
    let failed = 0;
    try {
      const until = Date.now() + 120_000;
      while (!stdout.includes('is running')) {
        if (Date.now() > until) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      let next = 0;
      let killed = false;
      const respondent = async () => {
        while (!killed && next < invitations.length) {
          const inv = invitations[next++]!;
          const body = formBody({ ...validForm(inv.snapshot), _csrf: linkCsrfToken(SECRET, inv.token), action: 'submit' });
          try {
            const res = await fetch(`http://127.0.0.1:${port}/s/${inv.token}`, {
              method: 'POST',
              body,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              redirect: 'manual',
            });
            if (res.status === 303) acknowledged.add(inv.invitationId);
            else failed++;
          } catch {
            // The connection died with the server: not acknowledged.
          }
        }
      };
      const clients = Array.from({ length: CONCURRENCY }, respondent);
      while (acknowledged.size < RESPONDENTS / 2) await new Promise((r) => setTimeout(r, 5));
      server.kill('SIGKILL');
      killed = true;
      await exited;
      await Promise.all(clients);
    } finally {
      server.kill('SIGKILL');
      await exited;
    }

    const after = openDatabase(file);
    const stored = new Set(
      (await after.selectFrom('response').select('invitation_id').where('status', '=', 'submitted').execute()).map((r) => r.invitation_id),
    );
    const answered = await after.selectFrom('answer_value').select('response_id').distinct().execute();
    await after.destroy();
    cleanup();
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    console.log(`kill -9: acknowledged ${acknowledged.size}, stored ${stored.size}, lost ${lost.length}, refused ${failed}`);
    expect(failed).toBe(0);
    expect(lost).toEqual([]);
    expect(answered.length).toBe(stored.size);
  }, 180_000);
});
