import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { hashToken, newToken } from '../../src/shared/tokens';
import { UNKNOWN_LINK_THROTTLE } from '../../src/throttle/throttle.service';
import { insertFollowupIfNew, updateFollowupSent } from '../../src/tickets/followup.repository';
import { createTestApp, createTestDb } from '../support/test-app';
import { createTeam } from '../support/factories';
import { createInvitation } from '../support/survey-factories';
import { createCampaign, createCategory, createReporter, createTicket } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

/** A follow-up whose mail went out with this token. */
async function createSentFollowup(db: Db): Promise<string> {
  const team = await createTeam(db);
  const campaign = await createCampaign(db);
  const category = await createCategory(db, { en: 'Invoicing', teamId: team.id });
  const reporter = await createReporter(db, campaign.id, { mentions: [{ categoryId: category.id, rank: 1 }] });
  const ticket = await createTicket(db, { teamId: team.id, campaignId: campaign.id, categoryId: category.id, status: 'resolved' });
  const token = newToken();
  const id = await insertFollowupIfNew(db, { ticketId: ticket.id, contactId: reporter.contactId, language: 'en', tokenHash: hashToken(newToken()) }, new Date());
  await updateFollowupSent(db, id!, { tokenHash: hashToken(token) }, new Date());
  return token;
}

const guess = (i: number) => `guess${String(i).padStart(24, '0')}`;
const LIMIT = UNKNOWN_LINK_THROTTLE.limit;

describe('unknown personal links', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: { config: { trustProxy: 'loopback' } } }, (w) => ({ db, app } = w));

  const from = (address: string) => ({
    get: (url: string) => request(app).get(url).set('X-Forwarded-For', address),
  });

  it.each(['/f', '/u', '/s'])('are throttled on %s after the limit, counted together with the other kinds', async (prefix) => {
    const guesser = from('198.51.100.9');
    const kinds = ['/s', '/f', '/u'];
    for (let i = 0; i < LIMIT; i++) await guesser.get(`${kinds[i % 3]}/${guess(i)}`).expect(404);
    const res = await guesser.get(`${prefix}/${guess(99)}`).expect(429);
    expect(res.text).toContain('Too many attempts');
    expect(res.headers['cache-control']).toBe('no-store');
    // Another address is not concerned.
    await from('203.0.113.5').get(`${prefix}/${guess(99)}`).expect(404);
  });

  it('count a token of the wrong shape as a guess', async () => {
    const guesser = from('198.51.100.9');
    for (let i = 0; i < LIMIT; i++) await guesser.get(`/f/${i}`).expect(404);
    await guesser.get('/f/x').expect(429);
  });

  it('never stop a respondent’s valid links from opening at an address where others guessed', async () => {
    const inv = await createInvitation(db);
    const followupToken = await createSentFollowup(db);
    const office = from('192.0.2.10');
    for (let i = 0; i < LIMIT + 5; i++) await office.get(`/s/${guess(i)}`);
    await office.get(`/s/${guess(200)}`).expect(429);
    await office.get(`/s/${inv.token}`).expect(200);
    await office.get(`/u/${inv.token}`).expect(200);
    await office.get(`/f/${followupToken}`).expect(200);
  });

  it('are counted in the database, so every instance of the app agrees', async () => {
    const second = createTestApp(db, { config: { trustProxy: 'loopback' } });
    for (let i = 0; i < LIMIT; i++) await request(i % 2 ? app : second).get(`/u/${guess(i)}`).set('X-Forwarded-For', '198.51.100.9').expect(404);
    await request(second).get(`/s/${guess(99)}`).set('X-Forwarded-For', '198.51.100.9').expect(429);
    expect(await db.selectFrom('rate_limit').select(['bucket', 'hits']).execute()).toEqual([{ bucket: 'link:198.51.100.9', hits: LIMIT }]);
  });
});

describe('personal link pages', () => {
  it('are never indexed, cached or sent as a referrer: /s, /f and /u', async () => {
    const db = await createTestDb();
    const app = createTestApp(db);
    const inv = await createInvitation(db);
    const followupToken = await createSentFollowup(db);
    for (const url of [`/s/${inv.token}`, `/u/${inv.token}`, `/f/${followupToken}`, `/f/${guess(1)}`, `/u/${guess(1)}`]) {
      const res = await request(app).get(url);
      expect([url, res.headers['x-robots-tag']]).toEqual([url, 'noindex, nofollow']);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    await db.destroy();
  });
});
