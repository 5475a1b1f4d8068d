import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { campaignForm, createContact, createCustomer } from '../support/campaign-factories';
import { newApiKey } from '../../src/api/api-key';
import { DEFAULT_MAIL } from '../../src/campaigns/campaign';
import { upsertSetting } from '../../src/settings/setting.repository';
import { eachTestGets } from '../support/per-test';

function campaignRow(db: Db, id: number) {
  return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function frequencySetting(db: Db) {
  return (await db.selectFrom('setting').select('value').where('key', '=', 'contact_frequency_days').executeTakeFirst())?.value;
}

describe('campaign pages', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('creates a campaign through the form, launches it and shows its progress', async () => {
    const customer = await createCustomer(db, { segment: 'Industry' });
    await createContact(db, customer);
    await createContact(db, customer);
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), manager);

    const created = await agent.post('/campaigns/new').type('form').send({ _csrf: await csrfOf(agent, '/campaigns/new'), ...campaignForm('Annual 2026') });
    expect(created.status).toBe(303);
    const campaign = await db.selectFrom('campaign').selectAll().executeTakeFirstOrThrow();
    expect(created.headers.location).toBe(`/campaigns/${campaign.id}`);
    expect(campaign).toMatchObject({ name: 'Annual 2026', status: 'draft', template: 'annual-pds' });

    await agent.post(`/campaigns/${campaign.id}/launch`).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${campaign.id}`) }).expect(303);
    const page = await agent.get(`/campaigns/${campaign.id}`).expect(200);
    expect(page.text).toContain('Campaign launched: 2 invitations queued');
    expect(page.text).toMatch(/data-figure="invited">2</);
    expect(page.text).toContain('<th scope="row">Industry</th>');
    expect(page.text).toContain('data-chart="{&#34;labels&#34;:[&#34;Industry&#34;]');

    const launched = await campaignRow(db, campaign.id);
    const again = await agent.post(`/campaigns/${campaign.id}/launch`).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${campaign.id}`) });
    expect(again.status).toBe(409);
    expect(await db.selectFrom('invitation').select('id').execute()).toHaveLength(2);
    expect(await db.selectFrom('outbox').select('id').execute()).toHaveLength(2);
    expect(await campaignRow(db, campaign.id)).toEqual(launched);
  });

  it('re-renders invalid input with 422, the message beside the field and every typed value kept', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), manager);
    const res = await agent
      .post('/campaigns/new')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/campaigns/new'), ...campaignForm('', { body_sv: 'Hej <b>utan länk</b>', reminderMax: 'many' }) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="name-error"');
    expect(res.text).toContain('The text must contain {{link}}');
    expect(res.text).toContain('Hej &lt;b&gt;utan länk&lt;/b&gt;');
    expect(res.text).toContain('value="many"');
    expect(await db.selectFrom('campaign').select('id').execute()).toHaveLength(0);
  });

  it('previews the mail in each language and queues a test mail to the signed-in user', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), manager);
    await agent.post('/campaigns/new').type('form').send({ _csrf: await csrfOf(agent, '/campaigns/new'), ...campaignForm('Preview me') }).expect(303);
    const { id } = await db.selectFrom('campaign').select('id').executeTakeFirstOrThrow();
    expect((await agent.get(`/campaigns/${id}/preview?lang=da`).expect(200)).text).toContain('Kære Alex Example');
    expect((await agent.get(`/campaigns/${id}/preview?lang=sv`).expect(200)).text).toContain('Hej Alex Example');

    await agent.post(`/campaigns/${id}/test-mail`).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${id}`), language: 'sv' }).expect(303);
    const mail = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ kind: 'test', to_email: manager.email, status: 'pending' });
    expect(mail.subject).toMatch(/^\[Test\] Vad tycker du om oss som leverantör/);
  });

  it('refuses campaign management to a key account manager', async () => {
    const kam = await createUser(db, { role: 'kam' });
    const agent = await signedInAgent(createTestApp(db), kam);
    await agent.get('/campaigns/new').expect(403);
    const token = await csrfOf(agent, '/');
    await agent.post('/campaigns/new').type('form').send({ _csrf: token, ...campaignForm('Not mine') }).expect(403);
    await agent.post('/campaigns/new').type('form').send({ _csrf: token, ...campaignForm('') }).expect(403);
    expect(await db.selectFrom('campaign').select('id').execute()).toHaveLength(0);
  });

  it('refuses a key account manager every status move and the test mail, and leaves the campaign as it was', async () => {
    const customer = await createCustomer(db);
    await createContact(db, customer);
    const manager = await createUser(db, { role: 'manager' });
    const managerAgent = await signedInAgent(createTestApp(db), manager);
    await managerAgent.post('/campaigns/new').type('form').send({ _csrf: await csrfOf(managerAgent, '/campaigns/new'), ...campaignForm('Draft name') }).expect(303);
    const { id } = await db.selectFrom('campaign').select('id').executeTakeFirstOrThrow();
    const before = await campaignRow(db, id);

    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'kam' }));
    const page = await agent.get(`/campaigns/${id}`).expect(200);
    expect(page.text).not.toContain(`action="/campaigns/${id}/launch"`);
    for (const move of ['launch', 'pause', 'resume', 'close', 'test-mail']) {
      await agent.post(`/campaigns/${id}/${move}`).type('form').send({ _csrf: csrfFrom(page.text), language: 'en' }).expect(403);
    }
    expect(await campaignRow(db, id)).toEqual(before);
    expect(await db.selectFrom('invitation').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('edits a draft through the same form, keeps typed values on a 422, and refuses once it is launched', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const agent = await signedInAgent(createTestApp(db), manager);
    await agent.post('/campaigns/new').type('form').send({ _csrf: await csrfOf(agent, '/campaigns/new'), ...campaignForm('Draft name') }).expect(303);
    const { id } = await db.selectFrom('campaign').select('id').executeTakeFirstOrThrow();
    const editUrl = `/campaigns/${id}/edit`;

    expect((await agent.get(`/campaigns/${id}`).expect(200)).text).toContain(`href="${editUrl}"`);
    const page = await agent.get(editUrl).expect(200);
    expect(page.text).toContain(`action="${editUrl}"`);
    expect(page.text).toContain('value="Draft name"');
    expect(page.text).toContain('value="2099-01-31"');

    const draft = await campaignRow(db, id);
    const bad = await agent.post(editUrl).type('form').send({ _csrf: csrfFrom(page.text), ...campaignForm('Renamed', { reminderMax: 'many' }) });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="Renamed"');
    expect(bad.text).toContain('value="many"');
    const closesBeforeStart = await agent.post(editUrl).type('form').send({ _csrf: csrfFrom(page.text), ...campaignForm('Renamed', { startMode: 'later', startsAt: '2099-02-01T09:00', closesAt: '2099-01-31' }) });
    expect(closesBeforeStart.status).toBe(422);
    expect(closesBeforeStart.text).toContain('The close date must be after the start');
    expect(await campaignRow(db, id)).toEqual(draft);

    const saved = await agent
      .post(editUrl)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...campaignForm('Renamed', { reminderMax: '1', segment: 'Retail', subject_en: 'New subject for {{customer_name}}' }) });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/campaigns/${id}`);
    const row = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Renamed', status: 'draft', reminder_max: 1 });
    expect(JSON.parse(row.audience)).toMatchObject({ segment: 'Retail' });
    expect(JSON.parse(row.mail).en.subject).toBe('New subject for {{customer_name}}');

    await agent.post(`/campaigns/${id}/launch`).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${id}`) }).expect(303);
    expect((await agent.get(`/campaigns/${id}`).expect(200)).text).not.toContain(`href="${editUrl}"`);
    const launched = await campaignRow(db, id);
    expect(launched).toMatchObject({ name: 'Renamed', status: 'running' });
    await agent.get(editUrl).expect(409);
    await agent.post(editUrl).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${id}`), ...campaignForm('Too late') }).expect(409);
    await agent.post(editUrl).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${id}`), ...campaignForm('') }).expect(409);
    expect(await campaignRow(db, id)).toEqual(launched);
  });

  it('reads the start time and close date in the organisation\'s time zone across the change to summer time, and shows them back the same', async () => {
    await upsertSetting(db, 'organisation_time_zone', 'Europe/Stockholm');
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));
    const form = await agent.get('/campaigns/new').expect(200);
    expect(form.text).toContain('Start (Europe/Stockholm time)');
    expect(form.text).toContain('until the end of this day, 23:59 Europe/Stockholm time');
    // 27 March 2027 is still winter time (UTC+1); the clocks go forward on the 28th (UTC+2).
    await agent
      .post('/campaigns/new')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...campaignForm('Spring wave', { startMode: 'later', startsAt: '2027-03-27T09:00', closesAt: '2027-03-28' }) })
      .expect(303);
    const row = await db.selectFrom('campaign').select(['id', 'starts_at', 'closes_at']).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ starts_at: '2027-03-27T08:00:00.000Z', closes_at: '2027-03-28T21:59:59.999Z' });

    const edit = (await agent.get(`/campaigns/${row.id}/edit`).expect(200)).text;
    expect(edit).toContain('value="2027-03-27T09:00"');
    expect(edit).toMatch(/name="closesAt" type="date" value="2027-03-28"/);
    const show = (await agent.get(`/campaigns/${row.id}`).expect(200)).text;
    expect(show).toContain('end of 28 March 2027');
  });

  it('refuses the edit page to a key account manager', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const managerAgent = await signedInAgent(createTestApp(db), manager);
    await managerAgent.post('/campaigns/new').type('form').send({ _csrf: await csrfOf(managerAgent, '/campaigns/new'), ...campaignForm('Draft name') }).expect(303);
    const { id } = await db.selectFrom('campaign').select('id').executeTakeFirstOrThrow();
    const kam = await createUser(db, { role: 'kam' });
    const agent = await signedInAgent(createTestApp(db), kam);
    const before = await campaignRow(db, id);
    await agent.get(`/campaigns/${id}/edit`).expect(403);
    await agent.post(`/campaigns/${id}/edit`).type('form').send({ _csrf: await csrfOf(agent, '/'), ...campaignForm('Hijacked') }).expect(403);
    await agent.post(`/campaigns/${id}/edit`).type('form').send({ _csrf: await csrfOf(agent, '/'), ...campaignForm('Hijacked', { reminderMax: 'many' }) }).expect(403);
    expect(await campaignRow(db, id)).toEqual(before);
  });

  it('lets an admin change the contact-frequency window on the settings page', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const agent = await signedInAgent(createTestApp(db), admin);
    const bad = await agent.post('/admin/settings').type('form').send({ _csrf: await csrfOf(agent, '/admin/settings'), contactFrequencyDays: '-3' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="-3"');
    expect(await frequencySetting(db)).toBeUndefined();
    await agent.post('/admin/settings').type('form').send({ _csrf: await csrfOf(agent, '/admin/settings'), contactFrequencyDays: '30' }).expect(303);
    expect(await frequencySetting(db)).toBe('30');
    expect((await agent.get('/admin/settings').expect(200)).text).toContain('value="30"');
  });

  it('refuses the settings page to a quality manager and keeps the window', async () => {
    const admin = await signedInAgent(createTestApp(db), await createUser(db, { role: 'admin' }));
    await admin.post('/admin/settings').type('form').send({ _csrf: await csrfOf(admin, '/admin/settings'), contactFrequencyDays: '30' }).expect(303);
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));
    await agent.get('/admin/settings').expect(403);
    await agent.post('/admin/settings').type('form').send({ _csrf: await csrfOf(agent, '/'), contactFrequencyDays: '5' }).expect(403);
    expect(await frequencySetting(db)).toBe('30');
  });
});

describe('campaign API', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function apiKeyFor(role: 'manager' | 'kam') {
    const user = await createUser(db, { role });
    const key = newApiKey();
    await db.insertInto('api_key').values({ name: 'test', prefix: key.prefix, key_hash: key.hash, user_id: user.id, created_at: new Date().toISOString() }).execute();
    return key.key;
  }

  it('creates a campaign with defaults, launches it and reports its progress figures', async () => {
    const customer = await createCustomer(db);
    await createContact(db, customer);
    const key = await apiKeyFor('manager');
    const app = createTestApp(db);
    const auth = { Authorization: `Bearer ${key}` };

    const created = await request(app).post('/api/v1/campaigns').set(auth).send({ name: 'API wave', template: 'annual-pds' }).expect(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), name: 'API wave', status: 'draft', reminderAfterDays: 7, reminderMax: 2, invited: 0 });
    expect(created.body.mail.sv.subject).toBe(DEFAULT_MAIL.sv!.subject);

    await request(app).post(`/api/v1/campaigns/${created.body.id}/launch`).set(auth).expect(200);
    const got = await request(app).get(`/api/v1/campaigns/${created.body.id}`).set(auth).expect(200);
    expect(got.body).toMatchObject({ status: 'running', invited: 1, sent: 0, failed: 0, opened: 0, started: 0, submitted: 0, skipped: 0 });
    await request(app).post(`/api/v1/campaigns/${created.body.id}/launch`).set(auth).expect(409);
  });

  it('answers 422 for an unknown template and 401 without a key', async () => {
    const key = await apiKeyFor('manager');
    const app = createTestApp(db);
    const res = await request(app).post('/api/v1/campaigns').set({ Authorization: `Bearer ${key}` }).send({ name: 'x', template: 'nope' }).expect(422);
    expect(res.body.error).toMatchObject({ code: 'invalid', fields: { template: ['Choose one of the survey templates'] } });
    const bad = await request(app).post('/api/v1/campaigns').set({ Authorization: `Bearer ${key}` }).send({ name: '', template: 'annual-pds', reminderMax: 99 }).expect(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['name', 'reminderMax']);
    expect(await db.selectFrom('campaign').select('id').execute()).toHaveLength(0);
    await request(app).post('/api/v1/campaigns').send({ name: 'x', template: 'annual-pds' }).expect(401);
  });

  it('refuses a key whose user may not manage campaigns, and creates or launches nothing', async () => {
    const customer = await createCustomer(db);
    await createContact(db, customer);
    const app = createTestApp(db);
    const managerKey = await apiKeyFor('manager');
    const created = await request(app).post('/api/v1/campaigns').set({ Authorization: `Bearer ${managerKey}` }).send({ name: 'Mine', template: 'annual-pds' }).expect(201);
    const before = await campaignRow(db, created.body.id);

    const auth = { Authorization: `Bearer ${await apiKeyFor('kam')}` };
    const refused = await request(app).post('/api/v1/campaigns').set(auth).send({ name: 'x', template: 'annual-pds' }).expect(403);
    expect(refused.body.error.code).toBe('forbidden');
    await request(app).post(`/api/v1/campaigns/${created.body.id}/launch`).set(auth).expect(403);
    expect(await db.selectFrom('campaign').select('id').execute()).toHaveLength(1);
    expect(await campaignRow(db, created.body.id)).toEqual(before);
    expect(await db.selectFrom('invitation').select('id').execute()).toEqual([]);
  });
});
