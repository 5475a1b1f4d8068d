import { Writable } from 'node:stream';
import SqliteDatabase from 'better-sqlite3';
import request from 'supertest';
import { sqliteHandle, type Db } from '../../src/db/database';
import { createLogger } from '../../src/shared/logger';
import { fieldName } from '../../src/surveys/answer';
import { createTestApp, csrfFrom } from '../support/test-app';
import { eachTestGetsSqliteFile } from '../support/per-test';
import { describeSqliteOnly } from '../support/test-database';
import { createCategories, createInvitation, validForm } from '../support/survey-factories';

// A full disk without root tricks: SQLite's max_page_count stops the file from growing, so every
// write that needs a new page fails with SQLITE_FULL, as on a full disk. Small pages make every
// submission need new pages.
function logSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), text: () => lines.join('') };
}

describeSqliteOnly('a full disk', () => {
  let db: Db;
  const smallPages = (file: string) => {
    const fresh = new SqliteDatabase(file);
    fresh.pragma('page_size = 1024');
    fresh.exec('vacuum');
    fresh.close();
  };
  eachTestGetsSqliteFile({ prefix: 'pds-full-', prepare: smallPages }, (w) => ({ db } = w));
  beforeEach(() => createCategories(db));

  const fillDisk = () => sqliteHandle(db)!.pragma('max_page_count = 1', { simple: true });
  const freeSpace = () => sqliteHandle(db)!.pragma('max_page_count = 1000000', { simple: true });

  it('keeps the form and the real cause, makes /healthz fail, and recovers when space returns', async () => {
    const log = logSink();
    const app = createTestApp(db, { deps: { logger: log.logger } });
    const inv = await createInvitation(db);
    const agent = request.agent(app);
    const page = await agent.get(`/s/${inv.token}`).expect(200);
    const comment = 'The new portal logs me out every few minutes. '.repeat(40);
    const form = { ...validForm(inv.snapshot, { overrides: { [fieldName('comments')]: comment } }), _csrf: csrfFrom(page.text), action: 'submit' };
    await request(app).get('/healthz').expect(200);

    fillDisk();
    const health = await request(app).get('/healthz');
    expect(health.status).toBe(503);
    const refused = await agent.post(`/s/${inv.token}`).type('form').send(form);
    expect(refused.status).toBe(503);
    expect(refused.text).toContain('please try again in a moment');
    expect(refused.text).toContain(comment.slice(0, 200));
    expect(log.text()).toContain('database or disk is full');
    expect(log.text()).not.toContain('cannot rollback');
    expect(await db.selectFrom('response').selectAll().execute()).toHaveLength(0);

    freeSpace();
    await request(app).get('/healthz').expect(200);
    await agent.post(`/s/${inv.token}`).type('form').send(form).expect(303);
    expect(await db.selectFrom('response').select('status').executeTakeFirstOrThrow()).toEqual({ status: 'submitted' });
  });

  it('still opens a survey link when its first write (opened_at) cannot be stored', async () => {
    const log = logSink();
    const app = createTestApp(db, { deps: { logger: log.logger } });
    const inv = await createInvitation(db);
    // Every write refused: the full-disk case where even an in-place update cannot reach the journal.
    sqliteHandle(db)!.pragma('query_only = 1');
    const res = await request(app).get(`/s/${inv.token}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Annual customer survey');
    expect(log.text()).toContain('could not record the opening');
    await request(app).get('/healthz').expect(503);

    sqliteHandle(db)!.pragma('query_only = 0');
    await request(app).get('/healthz').expect(200);
    await request(app).get(`/s/${inv.token}`).expect(200);
    const opened = await db.selectFrom('invitation').select('opened_at').where('id', '=', inv.invitationId).executeTakeFirstOrThrow();
    expect(opened.opened_at).not.toBeNull();
  });
});
