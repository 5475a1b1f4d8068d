import request from 'supertest';
import { simpleParser } from 'mailparser';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import type { SmtpSink } from '../support/smtp-sink';
import { createContact, createCustomer, createDraftCampaign, submitResponse } from '../support/campaign-factories';
import { runCampaignSchedule } from '../../src/campaigns/campaign-schedule.service';
import { campaignContext } from '../../src/campaigns/campaign-context';
import { testConfig } from '../../src/config';
import { loadSurveyTemplates } from '../../src/surveys/template-loader';
import { SURVEYS_DIR } from '../../src/paths';
import { addDays } from '../../src/shared/time';
import { deliverOutbox } from './helpers';
import { eachTestGets } from '../support/per-test';

const START = new Date('2026-03-02T08:00:00Z');
const ctx = campaignContext(testConfig(), testConfig().sessionSecret!, loadSurveyTemplates(SURVEYS_DIR));

describe('campaign control', () => {
  let db: Db;
  let sink: SmtpSink;
  let now: Date;
  let app: Express;
  let manager: request.Agent;
  eachTestGets({ sink: true }, (w) => ({ db, sink } = w));
  beforeEach(async () => {
    now = START;
    app = createTestApp(db, { clock: () => now });
    manager = await signedInAgent(app, await createUser(db, { role: 'manager' }));
  });

  /** Delivers what the outbox holds through the SMTP sink; returns the new mails as recipient and personal link. */
  async function deliver(): Promise<{ to: string; subject: string; link: string | undefined }[]> {
    return Promise.all(
      (await deliverOutbox(db, sink, now)).map(async (m) => {
        const mail = await simpleParser(m.raw);
        return { to: m.to[0]!, subject: mail.subject ?? '', link: /(\/s\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] };
      }),
    );
  }

  async function post(path: string, body: Record<string, string> = {}, page = path.replace(/\/[a-z-]+$/, '')) {
    const csrf = await csrfOf(manager, page);
    return manager.post(path).type('form').send({ _csrf: csrf, ...body });
  }

  /** A launched campaign with three delivered invitations; the first contact has answered. */
  async function runningCampaign() {
    const customer = await createCustomer(db);
    const contacts = [await createContact(db, customer, { email: 'ann@example.com' }), await createContact(db, customer, { email: 'bo@example.com' }), await createContact(db, customer, { email: 'cy@example.com' })];
    const id = await createDraftCampaign(db, now, { closesAt: addDays(START, 30), reminderAfterDays: 7, reminderMax: 2 });
    await (await post(`/campaigns/${id}/launch`)).ok;
    const invitations = await deliver();
    const ann = await db.selectFrom('invitation').innerJoin('contact', 'contact.id', 'invitation.contact_id').select('invitation.id').where('contact.email', '=', 'ann@example.com').executeTakeFirstOrThrow();
    await submitResponse(db, ann.id, now);
    return { id, contacts, invitations };
  }

  it('shows before a launch how many contacts get an invitation, by language and segment, and who is left out and why', async () => {
    const retail = await createCustomer(db, { segment: 'Retail', language: 'sv' });
    const industry = await createCustomer(db, { segment: 'Industry', language: 'en' });
    await createContact(db, retail, { email: 'a@retail.example' });
    await createContact(db, retail, { email: 'b@retail.example', language: 'da' });
    await createContact(db, industry, { email: 'c@industry.example' });
    await createContact(db, industry, { email: 'out@industry.example', optedOut: true });
    await createContact(db, industry, { email: 'gone@industry.example' });
    await db.insertInto('suppression').values({ email: 'gone@industry.example', reason: '550', created_at: START.toISOString() }).execute();
    await createContact(db, industry, { email: 'no-at-sign' });
    const id = await createDraftCampaign(db, now);

    const page = await manager.get(`/campaigns/${id}/launch`).expect(200);
    const count = (attr: string) => new RegExp(`data-${attr}"?>\\s*<th[^>]*>[^<]*</th><td>(\\d+)</td>`).exec(page.text)?.[1];
    expect(page.text).toMatch(/mails <strong>3<\/strong> contacts/);
    expect([count('language="sv'), count('language="da'), count('language="en')]).toEqual(['1', '1', '1']);
    expect([count('segment="Retail'), count('segment="Industry')]).toEqual(['2', '1']);
    expect([count('skip="opted_out'), count('skip="suppressed'), count('skip="no_address'), count('skip="frequency_window')]).toEqual(['1', '1', '1', '0']);
    // Looking changed nothing.
    expect(await db.selectFrom('invitation').selectAll().execute()).toEqual([]);

    await (await post(`/campaigns/${id}/launch`)).ok;
    expect((await deliver()).map((m) => m.to).sort()).toEqual(['a@retail.example', 'b@retail.example', 'c@industry.example']);
  });

  it('shows before closing how many answered, how many cannot finish and how many queued mails are cancelled', async () => {
    const customer = await createCustomer(db);
    for (const email of ['x@example.com', 'y@example.com', 'z@example.com']) await createContact(db, customer, { email });
    const id = await createDraftCampaign(db, now);
    await (await post(`/campaigns/${id}/launch`)).ok;
    const [first] = await db.selectFrom('invitation').select('id').where('campaign_id', '=', id).orderBy('id').execute();
    await submitResponse(db, first!.id, now);

    const page = await manager.get(`/campaigns/${id}/close`).expect(200);
    expect(page.text).toMatch(/<strong>1<\/strong> of 3 invited contacts have answered/);
    expect(page.text).toMatch(/<strong>3<\/strong> mails not sent yet/);
    await post(`/campaigns/${id}/close`);
    expect(await deliver()).toEqual([]);
    await manager.get(`/campaigns/${id}/close`).expect(409);
  });

  it('extends a running campaign and changes its reminders without mailing anyone, and the old close date no longer closes it', async () => {
    const { id } = await runningCampaign();
    await (await post(`/campaigns/${id}/schedule`, { closesAt: '2026-05-01', reminderAfterDays: '3', reminderMax: '1' }, `/campaigns/${id}`)).ok;
    const saved = await db.selectFrom('campaign').select(['closes_at', 'reminder_after_days', 'reminder_max', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ closes_at: '2026-05-01T23:59:59.999Z', reminder_after_days: 3, reminder_max: 1, status: 'running' });
    expect(await deliver()).toEqual([]);

    // The new reminder setting: one reminder, after three days, to the two who have not answered.
    expect((await manager.get(`/campaigns/${id}`)).text).toMatch(/data-next-reminder>on [^<]*, to about 2 contacts/);
    now = addDays(START, 3);
    await runCampaignSchedule(db, ctx, now);
    expect((await deliver()).map((m) => m.to).sort()).toEqual(['bo@example.com', 'cy@example.com']);
    now = addDays(START, 31);
    await runCampaignSchedule(db, ctx, now);
    expect(await deliver()).toEqual([]);
    expect((await db.selectFrom('campaign').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('running');

    const past = await post(`/campaigns/${id}/schedule`, { closesAt: '2026-01-01', reminderAfterDays: '3', reminderMax: '1' }, `/campaigns/${id}`);
    expect(past.status).toBe(422);
    expect(past.text).toContain('Choose a close date after today');
  });

  it('reopens a closed campaign until a date without mailing anyone, and its links work again', async () => {
    const { id, invitations } = await runningCampaign();
    await post(`/campaigns/${id}/close`);
    const link = invitations.find((m) => m.to === 'bo@example.com')!.link!;
    expect((await request(app).get(link)).text).not.toContain('name="action" value="submit"');

    await (await post(`/campaigns/${id}/reopen`, { reopenClosesAt: '2026-04-15' }, `/campaigns/${id}`)).ok;
    expect(await deliver()).toEqual([]);
    const saved = await db.selectFrom('campaign').select(['status', 'closes_at', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ status: 'running', closes_at: '2026-04-15T23:59:59.999Z', closed_at: null });
    expect((await request(app).get(link).expect(200)).text).toContain('name="action" value="submit"');

    expect((await post(`/campaigns/${id}/reopen`, { reopenClosesAt: '2026-04-20' }, `/campaigns/${id}`)).status).toBe(409);
  });

  it('reads close dates as the end of that day in the organisation\'s time zone, on both sides of the change to summer time', async () => {
    // The admin sets the zone on the organisation page, as a person would.
    const admin = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    await admin
      .post('/admin/organisation')
      .field('_csrf', await csrfOf(admin, '/admin/organisation'))
      .field('name', 'Nordvik Logistics AB')
      .field('brandColour', '#c8102e')
      .field('timeZone', 'Europe/Stockholm')
      .field('senderAddress', 'survey@nordvik.example')
      .field('postalAddress', 'Hamngatan 1, Göteborg')
      .expect(303);
    const { id, invitations } = await runningCampaign();
    // 2 March is winter time (UTC+1): the end of 20 March is 22:59:59.999 UTC.
    await (await post(`/campaigns/${id}/schedule`, { closesAt: '2026-03-20', reminderAfterDays: '7', reminderMax: '2' }, `/campaigns/${id}`)).ok;
    expect((await db.selectFrom('campaign').select('closes_at').where('id', '=', id).executeTakeFirstOrThrow()).closes_at).toBe('2026-03-20T22:59:59.999Z');
    // 15 April is summer time (UTC+2): the end of that day is 21:59:59.999 UTC.
    await (await post(`/campaigns/${id}/schedule`, { closesAt: '2026-04-15', reminderAfterDays: '7', reminderMax: '2' }, `/campaigns/${id}`)).ok;
    expect((await db.selectFrom('campaign').select('closes_at').where('id', '=', id).executeTakeFirstOrThrow()).closes_at).toBe('2026-04-15T21:59:59.999Z');
    const page = (await manager.get(`/campaigns/${id}`).expect(200)).text;
    expect(page).toContain('end of 15 April 2026');
    expect(page).toMatch(/name="closesAt"[^>]*value="2026-04-15"/);
    expect(page).toContain('23:59 Europe/Stockholm time');

    // The link works through the last local minute of 15 April and not after it.
    const link = invitations.find((m) => m.to === 'bo@example.com')!.link!;
    now = new Date('2026-04-15T21:59:00Z');
    expect((await request(app).get(link).expect(200)).text).toContain('name="action" value="submit"');
    now = new Date('2026-04-15T22:00:00Z');
    expect((await request(app).get(link)).text).not.toContain('name="action" value="submit"');

    // Reopened until 29 March, the day the clocks go forward: that day ends at 22:00 UTC+2.
    now = START;
    await post(`/campaigns/${id}/close`);
    await (await post(`/campaigns/${id}/reopen`, { reopenClosesAt: '2026-03-29' }, `/campaigns/${id}`)).ok;
    expect((await db.selectFrom('campaign').select('closes_at').where('id', '=', id).executeTakeFirstOrThrow()).closes_at).toBe('2026-03-29T21:59:59.999Z');
    expect((await manager.get(`/campaigns/${id}`).expect(200)).text).toContain('end of 29 March 2026');
  });

  it('reminds every non-responder once when asked, whatever the schedule, and a second click mails nobody', async () => {
    const { id } = await runningCampaign();
    // Two days after the launch: the schedule's first reminder is five days away.
    now = addDays(START, 2);
    const first = await post(`/campaigns/${id}/remind-now`, {}, `/campaigns/${id}`);
    expect(first.status).toBe(303);
    const reminders = await deliver();
    expect(reminders.map((m) => m.to).sort()).toEqual(['bo@example.com', 'cy@example.com']);
    expect(reminders.every((m) => m.subject.startsWith('Reminder: '))).toBe(true);

    await post(`/campaigns/${id}/remind-now`, {}, `/campaigns/${id}`);
    expect(await deliver()).toEqual([]);

    await post(`/campaigns/${id}/pause`, {}, `/campaigns/${id}`);
    expect((await post(`/campaigns/${id}/remind-now`, {}, `/campaigns/${id}`)).status).toBe(409);
  });

  it("sends one contact's invitation again with the same personal link, and nobody else", async () => {
    const { id, invitations } = await runningCampaign();
    await (await post(`/campaigns/${id}/resend`, { email: 'CY@example.com' }, `/campaigns/${id}`)).ok;
    const resent = await deliver();
    expect(resent.map((m) => m.to)).toEqual(['cy@example.com']);
    expect(resent[0]!.link).toBe(invitations.find((m) => m.to === 'cy@example.com')!.link);

    const unknown = await post(`/campaigns/${id}/resend`, { email: 'stranger@example.com' }, `/campaigns/${id}`);
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Nobody with this address was invited to this campaign.');
    await post(`/campaigns/${id}/close`);
    expect((await post(`/campaigns/${id}/resend`, { email: 'cy@example.com' }, `/campaigns/${id}`)).status).toBe(409);
    expect(await deliver()).toEqual([]);
  });

  it("opens the sample link of a launched campaign's test mail in preview mode, recording nothing; a changed or expired link is refused", async () => {
    const { id } = await runningCampaign();
    await post(`/campaigns/${id}/test-mail`, { language: 'sv' }, `/campaigns/${id}`);
    const [test] = await Promise.all((await deliverOutbox(db, sink, now)).map((m) => simpleParser(m.raw)));
    const link = /http:\/\/localhost:3000(\/preview\/[^\s]+)/.exec(test!.text ?? '')![1]!;
    const tables = ['invitation', 'response', 'answer_value', 'problem_mention', 'outbox'] as const;
    const counts = async () => Promise.all(tables.map(async (t) => (await db.selectFrom(t).selectAll().execute()).length));
    const before = await counts();

    const page = await request(app).get(link).expect(200);
    expect(page.text).toContain('Förhandsvisning');
    expect(page.text).toContain('data-preview');
    await request(app).post(link).type('form').send({ action: 'submit' }).expect(403);
    expect(await counts()).toEqual(before);
    await request(app).get(link.replace(/.(\?lang=sv)$/, (c, q: string) => (c[0] === 'A' ? 'B' : 'A') + q)).expect(404);
    now = addDays(START, 31);
    await request(app).get(link).expect(404);
  });
});
