import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp, createTestDb } from '../support/test-app';
import { createCategories, createInvitation } from '../support/survey-factories';

// The respondent's link query reads the campaign's launch time, not its definition: the parsed
// snapshot is kept per database, campaign and launch time.

const LAUNCHED = new Date('2026-03-02T09:00:00.000Z');

async function launchedWithTitle(db: Db, title: string) {
  await createCategories(db);
  return createInvitation(db, { now: LAUNCHED, closesAt: new Date('2100-01-01T00:00:00.000Z'), change: (def) => ({ ...def, title: { ...def.title, en: title } }) });
}

describe('the launched snapshot behind a personal link', () => {
  const dbs: Db[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
  });
  const newDb = async () => {
    const db = await createTestDb();
    dbs.push(db);
    return db;
  };

  it('is read from the database once: later requests use the parsed snapshot', async () => {
    const db = await newDb();
    const app = createTestApp(db);
    const link = await launchedWithTitle(db, 'Read once');
    expect((await request(app).get(`/s/${link.token}`).expect(200)).text).toContain('Read once');
    // A definition without its questionnaire would fail any request that read it again.
    await db.updateTable('campaign').set({ definition: '{}' }).where('id', '=', link.campaignId).execute();
    expect((await request(app).get(`/s/${link.token}`).expect(200)).text).toContain('Read once');
  });

  it('is read again for a campaign launched at another time', async () => {
    const db = await newDb();
    const app = createTestApp(db);
    const link = await launchedWithTitle(db, 'First launch');
    expect((await request(app).get(`/s/${link.token}`).expect(200)).text).toContain('First launch');
    const second = JSON.parse((await db.selectFrom('campaign').select('definition').where('id', '=', link.campaignId).executeTakeFirstOrThrow()).definition!);
    second.definition.title.en = 'Second launch';
    await db
      .updateTable('campaign')
      .set({ definition: JSON.stringify(second), launched_at: new Date(LAUNCHED.getTime() + 1000).toISOString() })
      .where('id', '=', link.campaignId)
      .execute();
    expect((await request(app).get(`/s/${link.token}`).expect(200)).text).toContain('Second launch');
  });

  it('is never another database’s, even for the same campaign id and launch time', async () => {
    const [dbA, dbB] = [await newDb(), await newDb()];
    const [linkA, linkB] = [await launchedWithTitle(dbA, 'Database A'), await launchedWithTitle(dbB, 'Database B')];
    expect(linkA.campaignId).toBe(linkB.campaignId);
    expect((await request(createTestApp(dbA)).get(`/s/${linkA.token}`).expect(200)).text).toContain('Database A');
    const pageB = (await request(createTestApp(dbB)).get(`/s/${linkB.token}`).expect(200)).text;
    expect(pageB).toContain('Database B');
    expect(pageB).not.toContain('Database A');
  });
});
