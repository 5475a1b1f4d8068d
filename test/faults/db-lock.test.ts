import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import type { Db } from '../../src/db/database';
import { fieldName } from '../../src/surveys/answer';
import { createTestApp, csrfFrom } from '../support/test-app';
import { eachTestGetsSqliteFile } from '../support/per-test';
import { describeSqliteOnly } from '../support/test-database';
import { createCategories, createInvitation, validForm } from '../support/survey-factories';

const ROOT = path.resolve(__dirname, '../..');
const LOCK_MS = 15_000;

/** Another process that takes the write lock of `file` and holds it for `ms`. */
function holdWriteLock(file: string, ms: number): Promise<{ child: ChildProcess; released: Promise<void> }> {
  const script = `
    const db = require('better-sqlite3')(process.argv[1]);
    db.exec('begin immediate');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('commit'); db.close(); process.exit(0); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => data.toString().includes('locked') && resolve({ child, released }));
    child.on('error', reject);
  });
}

describeSqliteOnly('an outside write lock held for 15 s', () => {
  let db: Db;
  let file: string;
  eachTestGetsSqliteFile({ prefix: 'pds-lock-' }, (w) => ({ db, file } = w));
  beforeEach(() => createCategories(db));

  it('keeps /healthz answering, gives the respondent the form back with every value, and stores it on a retry', async () => {
    const app = createTestApp(db);
    const inv = await createInvitation(db);
    const agent = request.agent(app);
    const page = await agent.get(`/s/${inv.token}`).expect(200);
    const form = { ...validForm(inv.snapshot, { problems: ['Trucks arrive a week late', 'Invoices list the wrong prices'] }), _csrf: csrfFrom(page.text), action: 'submit' };

    const lock = await holdWriteLock(file, LOCK_MS);
    try {
      const lockedAt = Date.now();
      const submit = agent.post(`/s/${inv.token}`).type('form').send(form).then((r) => r);
      // Health checks meanwhile answer while the lock is still held: the waiting write blocks
      // neither the event loop nor reads.
      for (let i = 0; i < 5; i++) {
        const health = await request(app).get('/healthz');
        expect(health.status).toBe(200);
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(Date.now() - lockedAt).toBeLessThan(LOCK_MS);

      const refused = await submit;
      expect(Date.now() - lockedAt).toBeLessThan(LOCK_MS);
      expect(refused.status).toBe(503);
      expect(refused.text).toContain('please try again in a moment');
      // Problem fields are text areas (their limit is long), with what was typed inside.
      expect(refused.text).toMatch(/<textarea[^>]*>Trucks arrive a week late<\/textarea>/);
      expect(refused.text).toMatch(/<textarea[^>]*>Invoices list the wrong prices<\/textarea>/);
      expect(refused.text).toMatch(new RegExp(`name="${fieldName('overall_satisfaction')}" value="4" checked`));
      expect(await db.selectFrom('response').selectAll().execute()).toHaveLength(0);
    } finally {
      await lock.released;
    }

    await agent.post(`/s/${inv.token}`).type('form').send({ ...form, _csrf: csrfFrom((await agent.get(`/s/${inv.token}`)).text) }).expect(303);
    const stored = await db.selectFrom('response').select(['status', 'answers']).executeTakeFirstOrThrow();
    expect(stored.status).toBe('submitted');
    expect(stored.answers).toContain('Trucks arrive a week late');
  }, 60_000);
});
