import request from 'supertest';
import type { Express } from 'express';
import { simpleParser } from 'mailparser';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { TEST_SECRET } from '../support/campaign-factories';
import { buildTwoKamsWorld, KAM_WORLD_NOW } from '../support/kam-world';
import type { SmtpSink } from '../support/smtp-sink';
import { updateContactOptedOut } from '../../src/campaigns/invitation.repository';
import { MailWorker } from '../../src/jobs/mail-worker';
import { smtpTransport } from '../../src/mail/transport';
import { eachTestGets } from '../support/per-test';

const NOW = KAM_WORLD_NOW;

async function twoKamsWorld(db: Db) {
  const world = await buildTwoKamsWorld(db);
  return { ...world, app: createTestApp(db, { clock: () => NOW, config: { baseUrl: 'http://localhost:3000' } }) };
}

function workerFor(db: Db, sink: SmtpSink) {
  const transport = smtpTransport(sink.url, { timeoutMs: 5000 });
  const worker = new MailWorker({ db, transport, secret: TEST_SECRET, from: { name: 'PDS Loop', address: 'pds@localhost.example' }, rate: 1000, retrySeconds: 60 });
  return { worker, close: () => transport.close() };
}

const remindPath = (campaignId: number, contactId: number) => `/kam/campaigns/${campaignId}/contacts/${contactId}/remind`;

async function reminderRows(db: Db) {
  return db.selectFrom('outbox').select(['to_email']).where('kind', '=', 'reminder').orderBy('id').execute();
}

async function post(agent: request.Agent, path: string) {
  const csrf = await csrfOf(agent, '/kam');
  return agent.post(path).type('form').send({ _csrf: csrf });
}

describe('the key account manager pages', () => {
  let db: Db;
  let sink: SmtpSink;
  let world: Awaited<ReturnType<typeof twoKamsWorld>>;
  let app: Express;
  eachTestGets({ sink: { keepRaw: true } }, (w) => ({ db, sink } = w));
  beforeEach(async () => {
    world = await twoKamsWorld(db);
    app = world.app;
    // The invitations go out first: a reminder only follows a delivered invitation.
    const { worker, close } = workerFor(db, sink);
    expect((await worker.drain(NOW)).sent).toBe(5);
    close();
  });

  it('shows a KAM their accounts: contacts and who answered, satisfaction and NPS against last year, ranked problems and tickets; never the other KAM\'s', async () => {
    const agent = await signedInAgent(app, world.kam);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('href="/kam"');

    const page = await agent.get('/kam').expect(200);
    expect(page.text).toContain('My accounts');
    expect(page.text).toContain('Acme Oy');
    expect(page.text).toMatch(/Annual 2026<\/strong> \(running\): 1 of 4 invited contacts have answered/);
    expect(page.text).toMatch(/Anna Andersson[\s\S]*?Answered/);
    expect(page.text).toMatch(/Cecilia Carlsson[\s\S]*?Not answered[\s\S]*?Send my reminder/);
    // Overall satisfaction 4 now against 3 in Annual 2025; NPS +100 (a 9) against −100 (a 6).
    expect(page.text).toContain('<strong>4.0</strong>');
    expect(page.text).toContain('Annual 2025: 3.0 (change +1.0)');
    expect(page.text).toContain('<strong>+100</strong>');
    expect(page.text).toContain('Annual 2025: −100 (change +200)');
    expect(page.text).toMatch(/Top problems in Annual 2026[\s\S]*?Delivery times/);
    expect(page.text).toMatch(/Invoices sent late[\s\S]*?Resolved[\s\S]*?1 sent[\s\S]*?1 said it helped/);
    for (const foreign of ['Beta A/S', 'bo@beta.example', 'Bo Beta', 'Beta secret', 'Smudged pallet labels', 'Pallet labels', 'Kai Other']) expect(page.text).not.toContain(foreign);
    // Asking for the other KAM changes nothing: a KAM's page is always their own.
    const asked = await agent.get(`/kam?kam=${world.kam2.id}`).expect(200);
    expect(asked.text).toContain('Acme Oy');
    expect(asked.text).not.toContain('Beta A/S');
  });

  it('shows the other KAM only their own account, and the first KAM\'s account page is missing for them', async () => {
    const agent = await signedInAgent(app, world.kam2);
    const page = await agent.get('/kam').expect(200);
    expect(page.text).toContain('Beta A/S');
    expect(page.text).toContain('Smudged pallet labels');
    for (const foreign of ['Acme Oy', 'anna@acme.example', 'Cecilia', 'Invoices arrive late', 'Deliveries come a day late', 'Karin Kam']) expect(page.text).not.toContain(foreign);
    await agent.get(`/kam/accounts/${world.acme}`).expect(404);
    const own = await agent.get(`/kam/accounts/${world.beta}`).expect(200);
    expect(own.text).toContain('Beta secret invoice complaint');
    expect(own.text).not.toContain('Invoices arrive late');
    expect(own.text).not.toContain('Much better now');
  });

  it('shows the account history across waves: answers, the problems in their words and what was done, with the report slot', async () => {
    const agent = await signedInAgent(app, world.kam);
    const page = await agent.get(`/kam/accounts/${world.acme}`).expect(200);
    const waves = page.text.indexOf('Annual 2026');
    const lastYear = page.text.indexOf('Annual 2025 <span');
    expect(waves).toBeGreaterThan(0);
    expect(lastYear).toBeGreaterThan(waves);
    expect(page.text).toContain('data-slot="account-report"');
    expect(page.text).toContain('“Deliveries come a day late”');
    expect(page.text).toContain('“Invoices arrive late every month”');
    expect(page.text).toMatch(/Invoices arrive late every month[\s\S]*?Invoices sent late[\s\S]*?Resolved[\s\S]*?Invoices now go out on the 1st\.[\s\S]*?did this help\? <strong>Yes<\/strong>[\s\S]*?Much better now/);
    // Anna's answers per wave: 4 and 9 now, 3 and 6 last year.
    expect(page.text).toMatch(/Anna Andersson<\/strong> <span class="hint">[^<]+<\/span> · Satisfaction <strong>4<\/strong> · NPS answer <strong>9<\/strong>/);
    expect(page.text).toMatch(/Anna Andersson<\/strong> <span class="hint">[^<]+<\/span> · Satisfaction <strong>3<\/strong> · NPS answer <strong>6<\/strong>/);
    for (const foreign of ['Beta', 'Pallet', 'bo@beta.example']) expect(page.text).not.toContain(foreign);
    await agent.get(`/kam/accounts/${world.beta}`).expect(404);
    await agent.get('/kam/accounts/999999').expect(404);
  });

  it('lets managers choose any KAM, without the reminder button; refuses team members', async () => {
    const manager = await signedInAgent(app, world.manager);
    const chooser = await manager.get('/kam').expect(200);
    expect(chooser.text).toContain('Choose a key account manager');
    expect(chooser.text).not.toContain('Acme Oy');
    const kai = await manager.get(`/kam?kam=${world.kam2.id}`).expect(200);
    expect(kai.text).toContain('Accounts of Kai Other');
    expect(kai.text).toContain('Beta A/S');
    expect(kai.text).not.toContain('Acme Oy');
    const karin = await manager.get(`/kam?kam=${world.kam.id}`).expect(200);
    expect(karin.text).toContain('Cecilia Carlsson');
    expect(karin.text).not.toContain('Send my reminder');
    await manager.get(`/kam/accounts/${world.acme}`).expect(200);
    await manager.post(remindPath(world.current, world.cecilia.id)).type('form').send({ _csrf: await csrfOf(manager, '/kam') }).expect(403);

    const member = await signedInAgent(app, world.member);
    await member.get('/kam').expect(403);
    await member.get(`/kam/accounts/${world.acme}`).expect(403);
    expect((await member.get('/').expect(200)).text).not.toContain('href="/kam"');
    expect(await reminderRows(db)).toEqual([]);
  });

  it('sends the KAM\'s reminder once, in the contact\'s language, from the KAM by name with the KAM as Reply-To and the same personal link', async () => {
    const agent = await signedInAgent(app, world.kam);
    // Without the form's token nothing is sent.
    await agent.post(remindPath(world.current, world.cecilia.id)).type('form').send({}).expect(403);
    expect(await reminderRows(db)).toEqual([]);

    const first = await post(agent, remindPath(world.current, world.cecilia.id));
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/kam');
    const after = await agent.get('/kam').expect(200);
    expect(after.text).toContain('Your reminder to Cecilia Carlsson is on its way');
    expect(after.text).toMatch(/Cecilia Carlsson[\s\S]*?Reminded by Karin Kam on/);
    expect(after.text).not.toContain(`action="${remindPath(world.current, world.cecilia.id)}"`);

    const second = await post(agent, remindPath(world.current, world.cecilia.id));
    expect(second.status).toBe(303);
    const again = await agent.get('/kam').expect(200);
    expect(again.text).toContain('Already sent: Karin Kam reminded Cecilia Carlsson on');
    expect(await reminderRows(db)).toEqual([{ to_email: 'cecilia@acme.example' }]);
    const stored = await db.selectFrom('kam_reminder').selectAll().execute();
    expect(stored).toEqual([expect.objectContaining({ sent_by: world.kam.id, sent_at: NOW.toISOString() })]);

    const { worker, close } = workerFor(db, sink);
    expect((await worker.drain(NOW)).sent).toBe(1);
    close();
    const [invitationRaw, reminderRaw] = sink.accepted.filter((m) => m.to.includes('cecilia@acme.example')).map((m) => m.raw);
    expect(sink.accepted.filter((m) => m.to.includes('cecilia@acme.example'))).toHaveLength(2);
    const invitation = await simpleParser(invitationRaw!);
    const reminder = await simpleParser(reminderRaw!);
    expect(reminder.from?.value).toEqual([{ name: 'Karin Kam', address: 'survey@nordvik.example' }]);
    expect(reminder.replyTo?.value.map((a) => a.address)).toEqual(['karin.kam@nordvik.example']);
    expect(reminder.subject).toMatch(/^Påminnelse: /);
    const linkOf = (text: string | undefined) => /http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]+/.exec(text ?? '')?.[0];
    expect(linkOf(reminder.text)).toBeDefined();
    expect(linkOf(reminder.text)).toBe(linkOf(invitation.text));
    expect(reminder.html).toBeTruthy();
  });

  it('refuses the reminder for another KAM\'s contact, an answered, opted-out or suppressed contact, and in a closed campaign', async () => {
    await updateContactOptedOut(db, world.olle.id, NOW);
    await db.insertInto('suppression').values({ email: 'sune@acme.example', reason: '550 mailbox unavailable', created_at: NOW.toISOString() }).execute();
    const kam2 = await signedInAgent(app, world.kam2);
    await post(kam2, remindPath(world.current, world.cecilia.id)).then((r) => expect(r.status).toBe(404));
    const kam = await signedInAgent(app, world.kam);
    await post(kam, remindPath(world.current, world.bo.id)).then((r) => expect(r.status).toBe(404));

    const page = await kam.get('/kam').expect(200);
    expect(page.text).toMatch(/Olle Optout[\s\S]*?This contact opted out/);
    expect(page.text).toMatch(/Sune Suppressed[\s\S]*?This address is suppressed/);
    for (const contact of [world.olle, world.sune, world.anna]) expect(page.text).not.toContain(`action="${remindPath(world.current, contact.id)}"`);

    const optedOut = await post(kam, remindPath(world.current, world.olle.id));
    expect(optedOut.status).toBe(409);
    expect(optedOut.text).toContain('This contact opted out');
    const suppressed = await post(kam, remindPath(world.current, world.sune.id));
    expect(suppressed.status).toBe(409);
    expect(suppressed.text).toContain('suppressed');
    const answered = await post(kam, remindPath(world.current, world.anna.id));
    expect(answered.status).toBe(409);
    expect(answered.text).toContain('already answered');

    await db.updateTable('campaign').set({ status: 'closed', closed_at: NOW.toISOString() }).where('id', '=', world.current).execute();
    const closed = await post(kam, remindPath(world.current, world.cecilia.id));
    expect(closed.status).toBe(409);
    expect(closed.text).toContain('The campaign is closed');
    expect(await reminderRows(db)).toEqual([]);
    expect(await db.selectFrom('kam_reminder').selectAll().execute()).toEqual([]);
  });
});
