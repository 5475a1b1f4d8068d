// Issue 11, item 2: a copy of the database opens nothing. After a whole loop (launch, a
// respondent's answers, a routed and resolved ticket, its follow-up sent, people signed in, an
// API key) every value stored in every table is tried as a personal link, a session cookie
// (signed with every stored value as the secret, and with the real one) and an API key.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { MailWorker } from '../../src/jobs/mail-worker';
import type { MailTransport, OutgoingMail } from '../../src/mail/transport';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { campaignContext } from '../../src/campaigns/campaign-context';
import { testConfig } from '../../src/config';
import { resolveSessionSecret } from '../../src/settings/session-secret.service';
import { upsertSetting } from '../../src/settings/setting.repository';
import { createTestApp, csrfFrom, signedInAgent } from '../support/test-app';
import { eachTestGets } from '../support/per-test';
import { createTeam, createUser } from '../support/factories';
import { createContact, createCustomer, createDraftCampaign, templates, testSystem } from '../support/campaign-factories';
import { createApiKey, createCampaign, createCategory, createReporter, createTicket } from '../support/ticket-factories';

const BASE_URL = 'http://loop.example.com';
const NOW = new Date();

/** An express-session cookie for this session id, signed as cookie-signature signs it. */
function sessionCookie(sid: string, secret: string): string {
  const signature = crypto.createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `pds.sid=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

/** Every string stored in every table, with the strings inside JSON values and every token-like piece of text. */
async function storedStrings(db: Db): Promise<Set<string>> {
  const found = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'number' || typeof value === 'bigint') return void found.add(String(value));
    if (Array.isArray(value)) return value.forEach(add);
    if (value && typeof value === 'object') return Object.entries(value).forEach(([k, v]) => (add(k), add(v)));
    if (typeof value !== 'string' || value === '') return;
    found.add(value);
    for (const piece of value.match(/[A-Za-z0-9_~.:+/=-]{12,}/g) ?? []) {
      found.add(piece);
      for (const part of piece.split(/[/.:=?]/)) if (part.length >= 12) found.add(part);
    }
    try {
      add(JSON.parse(value));
    } catch {
      // not JSON
    }
  };
  const tables = await db.introspection.getTables();
  for (const table of tables) {
    const rows = await db.selectFrom(table.name as never).selectAll().execute();
    for (const row of rows) add(row);
  }
  return found;
}

describe('a copy of the database', () => {
  let db: Db;
  let dir: string;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-key-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens no survey, unsubscribe or follow-up link, signs nobody in and is no API key', async () => {
    // An installation without SESSION_SECRET, as `npm start` runs it.
    const secret = await resolveSessionSecret(db, { sessionSecret: undefined, secretKeyFile: path.join(dir, 'secret.key') });
    const app: Express = createTestApp(db, { config: { baseUrl: BASE_URL, trustProxy: 'loopback' }, deps: { sessionSecret: secret } });
    const sent: OutgoingMail[] = [];
    const transport: MailTransport = { send: async (mail) => void sent.push(mail), close: () => undefined };
    const deliver = () => new MailWorker({ db, transport, secret, from: { name: 'PDS Loop', address: 'loop@example.com' }, rate: 1000, retrySeconds: 60 }).drain(new Date());

    // Launch: three contacts invited, their mails sent.
    const customer = await createCustomer(db);
    for (let i = 0; i < 3; i++) await createContact(db, customer);
    const campaignId = await createDraftCampaign(db, NOW);
    await launchCampaign(db, testSystem, campaignId, campaignContext(testConfig({ baseUrl: BASE_URL }), secret, templates), NOW);
    await deliver();
    const surveyTokens = sent.map((m) => /\/s\/([A-Za-z0-9_-]+)/.exec(m.text)![1]!);
    const unsubscribeTokens = sent.map((m) => /\/u\/([A-Za-z0-9_-]+)/.exec(m.headers['List-Unsubscribe'] ?? m.text)![1]!);
    expect(surveyTokens).toHaveLength(3);

    // A respondent opens the survey and saves a draft.
    const page = await request(app).get(`/s/${surveyTokens[0]}`).expect(200);
    await request(app).post(`/s/${surveyTokens[0]}`).type('form').send({ _csrf: csrfFrom(page.text), action: 'save' }).expect(303);

    // A problem routed to a team, resolved through the API: the follow-up is sent.
    const team = await createTeam(db);
    const member = await createUser(db, { role: 'member', teamId: team.id });
    const admin = await createUser(db, { role: 'admin' });
    const ticketCampaign = await createCampaign(db);
    const category = await createCategory(db, { en: 'Invoicing', teamId: team.id });
    await createReporter(db, ticketCampaign.id, { email: 'anna@kund.se', mentions: [{ categoryId: category.id, rank: 1, text: 'Invoices late' }] });
    const ticket = await createTicket(db, { teamId: team.id, campaignId: ticketCampaign.id, categoryId: category.id, status: 'in_progress' });
    const key = await createApiKey(db, member.id);
    const note = { en: 'We rebuilt the invoice run.', sv: 'Vi byggde om.', da: 'Vi byggede om.' };
    await request(app).patch(`/api/v1/tickets/${ticket.id}`).set('Authorization', key).send({ status: 'resolved', resolutionNote: note }).expect(200);
    sent.length = 0;
    await deliver();
    const followupTokens = sent.filter((m) => m.to.address === 'anna@kund.se').map((m) => /\/f\/([A-Za-z0-9_-]+)/.exec(m.text)![1]!);
    expect(followupTokens).toHaveLength(1);

    // People signed in.
    const adminAgent = await signedInAgent(app, admin);
    const memberAgent = await signedInAgent(app, member);
    await adminAgent.get('/').expect(200);
    await memberAgent.get('/').expect(200);

    // What the admin's outbox pages show is part of what may leak: every link on them is tried too.
    const outboxIds = (await db.selectFrom('outbox').select('id').execute()).map((r) => r.id);
    const outboxPages = await Promise.all(outboxIds.map(async (id) => (await adminAgent.get(`/admin/outbox/${id}`).expect(200)).text));
    expect(outboxPages.join('\n')).not.toContain(followupTokens[0]);
    expect(outboxPages.join('\n')).not.toContain(surveyTokens[0]);

    const candidates = await storedStrings(db);
    for (const text of outboxPages) for (const [, token] of text.matchAll(/\/[suf]\/([^"'\s<?&]+)/g)) candidates.add(decodeURIComponent(token!));
    expect(candidates.size).toBeGreaterThan(100);
    expect(candidates.has(secret)).toBe(false);

    // Positive controls: the real links, cookie and key work, so a refusal below means something.
    let n = 0;
    const fresh = () => `10.${(++n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`; // a new address per guess: no throttle hides a hit
    await request(app).get(`/s/${surveyTokens[1]}`).set('X-Forwarded-For', fresh()).expect(200);
    await request(app).get(`/u/${unsubscribeTokens[1]}`).set('X-Forwarded-For', fresh()).expect(200);
    await request(app).get(`/f/${followupTokens[0]}`).set('X-Forwarded-For', fresh()).expect(200);
    await request(app).get('/api/v1/teams').set('Authorization', key).expect(200);
    const realSid = crypto.randomBytes(8).toString('hex');
    expect((await request(app).get('/').set('Cookie', sessionCookie(realSid, secret))).status).toBe(303);

    const opened: string[] = [];
    const tryValue = async (value: string) => {
      const safe = encodeURIComponent(value);
      for (const prefix of ['/s/', '/u/', '/f/']) {
        const res = await request(app).get(`${prefix}${safe}`).set('X-Forwarded-For', fresh());
        if (res.status !== 404) opened.push(`${prefix}${value} → ${res.status}`);
      }
      // A stored value as the session id, signed with the real secret (the attacker's best case)…
      const asSid = await request(app).get('/').set('Cookie', sessionCookie(value, secret));
      if (asSid.status !== 303) opened.push(`session id ${value} → ${asSid.status}`);
      // …and signed with the stored value as the secret.
      const asSecret = await request(app).get('/').set('Cookie', sessionCookie(value, value));
      if (asSecret.status !== 303) opened.push(`cookie signed with ${value} → ${asSecret.status}`);
      // A header cannot carry spaces, line breaks or non-ASCII text, and no key has any.
      if (/^[\x21-\x7e]+$/.test(value)) {
        const api = await request(app).get('/api/v1/teams').set('Authorization', `Bearer ${value}`);
        if (api.status !== 401) opened.push(`API key ${value} → ${api.status}`);
      }
    };
    const values = [...candidates];
    for (let i = 0; i < values.length; i += 16) await Promise.all(values.slice(i, i + 16).map(tryValue));
    expect(opened).toEqual([]);
  }, 180_000);

  it('moves a secret an older installation kept in the database to the key file, so its links keep working', async () => {
    const legacy = crypto.randomBytes(32).toString('hex');
    await upsertSetting(db, 'session_secret', legacy);
    const file = path.join(dir, 'keys', 'secret.key');
    expect(await resolveSessionSecret(db, { sessionSecret: undefined, secretKeyFile: file })).toBe(legacy);
    expect(await db.selectFrom('setting').selectAll().where('key', '=', 'session_secret').execute()).toEqual([]);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(legacy);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // The next start reads the same secret from the file.
    expect(await resolveSessionSecret(db, { sessionSecret: undefined, secretKeyFile: file })).toBe(legacy);
  });

  it('keeps a new installation’s secret in a key file created once, readable by its owner only', async () => {
    const file = path.join(dir, 'secret.key');
    const first = await resolveSessionSecret(db, { sessionSecret: undefined, secretKeyFile: file });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await resolveSessionSecret(db, { sessionSecret: undefined, secretKeyFile: file })).toBe(first);
    expect(await db.selectFrom('setting').selectAll().execute()).toEqual([]);
    // SESSION_SECRET wins when set.
    expect(await resolveSessionSecret(db, { sessionSecret: 'x'.repeat(40), secretKeyFile: file })).toBe('x'.repeat(40));
  });
});
