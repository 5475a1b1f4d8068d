import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createContact, createCustomer, createResponse } from '../support/customer-factories';
import { eachTestGets } from '../support/per-test';

const names = (html: string) => [...html.matchAll(/<td><a href="\/customers\/\d+">([^<]*)<\/a><\/td>/g)].map((m) => m[1]);

describe('customer pages', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('search by name or contact email and filter by segment, region, KAM, relationship and opt-out', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const kam = await createUser(db, { role: 'kam', name: 'Kim Kam' });
    const acme = await createCustomer(db, { name: 'Acme AB', segment: 'Industry', region: 'North', kamUserId: kam.id, relationship: 'strategic' });
    const beta = await createCustomer(db, { name: 'Beta A/S', segment: 'Retail', region: 'South', relationship: 'support' });
    await createCustomer(db, { name: 'Gamma Ltd', segment: 'Retail', region: 'North' });
    await createContact(db, acme.id, { email: 'anna@acme.example' });
    const bo = await createContact(db, beta.id, { email: 'bo@beta.example' });
    await db.updateTable('contact').set({ opted_out_at: new Date().toISOString() }).where('id', '=', bo.id).execute();
    const agent = await signedInAgent(createTestApp(db), manager);

    expect(names((await agent.get('/customers').expect(200)).text)).toEqual(['Acme AB', 'Beta A/S', 'Gamma Ltd']);
    expect(names((await agent.get('/customers?q=GAM')).text)).toEqual(['Gamma Ltd']);
    expect(names((await agent.get('/customers?q=anna@acme')).text)).toEqual(['Acme AB']);
    expect(names((await agent.get('/customers?segment=Retail&region=North')).text)).toEqual(['Gamma Ltd']);
    expect(names((await agent.get(`/customers?kam=${kam.id}`)).text)).toEqual(['Acme AB']);
    expect(names((await agent.get('/customers?kam=none')).text)).toEqual(['Beta A/S', 'Gamma Ltd']);
    expect(names((await agent.get('/customers?relationship=support')).text)).toEqual(['Beta A/S']);
    expect(names((await agent.get('/customers?optedOut=yes')).text)).toEqual(['Beta A/S']);
    // Repeated keys arrive as arrays: the first one counts, nothing breaks.
    expect(names((await agent.get('/customers?segment=Industry&segment=Retail').expect(200)).text)).toEqual(['Acme AB']);
  });

  it('split a long list into pages of 50 that keep the filters', async () => {
    const manager = await createUser(db, { role: 'admin' });
    for (let i = 1; i <= 55; i++) await createCustomer(db, { name: `Customer ${String(i).padStart(3, '0')}`, segment: 'Retail' });
    const agent = await signedInAgent(createTestApp(db), manager);
    const first = await agent.get('/customers?segment=Retail');
    expect(names(first.text)).toHaveLength(50);
    expect(first.text).toContain('55 customers, page 1 of 2');
    expect(first.text).toContain('href="/customers?segment=Retail&amp;page=2"');
    const second = await agent.get('/customers?segment=Retail&page=2');
    expect(names(second.text)).toEqual(['Customer 051', 'Customer 052', 'Customer 053', 'Customer 054', 'Customer 055']);
  });

  it('show a KAM and a team member nothing here', async () => {
    const customer = await createCustomer(db);
    for (const role of ['kam', 'member'] as const) {
      const agent = await signedInAgent(createTestApp(db), await createUser(db, { role }));
      for (const url of ['/customers', `/customers/${customer.id}`, '/customers/coverage', '/customers/import']) {
        await agent.get(url).expect(403);
      }
      const token = await csrfOf(agent, '/');
      await agent.post(`/customers/${customer.id}`).type('form').send({ _csrf: token, name: 'Hacked', language: 'en' }).expect(403);
      expect((await agent.get('/')).text).not.toContain('href="/customers"');
    }
    expect((await db.selectFrom('customer').select('name').executeTakeFirstOrThrow()).name).toBe(customer.name);
  });

  it('save customer details, and re-render with the message beside the field and the typed values kept', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const kam = await createUser(db, { role: 'kam' });
    await createCustomer(db, { name: 'Taken', ref: 'R-1' });
    const customer = await createCustomer(db, { name: 'Acme' });
    const agent = await signedInAgent(createTestApp(db), manager);
    const url = `/customers/${customer.id}`;

    const bad = await agent.post(url).type('form').send({ _csrf: await csrfOf(agent, url), name: 'Acme <AB>', ref: 'R-1', segment: 'Industry', language: 'en' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="ref-error"');
    expect(bad.text).toContain('This reference belongs to Taken');
    expect(bad.text).toContain('value="Acme &lt;AB&gt;"');
    expect(bad.text).toContain('value="Industry"');

    const blank = await agent.post(url).type('form').send({ _csrf: await csrfOf(agent, url), name: '', language: 'fi' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Enter the customer name');
    expect(blank.text).toContain('Choose English, Swedish or Danish');

    const ok = await agent
      .post(url)
      .type('form')
      .send({ _csrf: await csrfOf(agent, url), name: 'Acme AB', ref: 'R-2', segment: 'Industry', region: 'North', kamUserId: String(kam.id), relationship: 'trusted', language: 'sv' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(url);
    expect((await agent.get(url)).text).toContain('Customer Acme AB saved.');
    const saved = await db.selectFrom('customer').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ name: 'Acme AB', ref: 'R-2', segment: 'Industry', region: 'North', kam_user_id: kam.id, relationship: 'trusted', language: 'sv' });
  });

  it('add and edit a contact, refusing an email another contact has', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const other = await createCustomer(db, { name: 'Other Co' });
    await createContact(db, other.id, { email: 'taken@example.com' });
    const customer = await createCustomer(db, { name: 'Acme' });
    const agent = await signedInAgent(createTestApp(db), manager);
    const newUrl = `/customers/${customer.id}/contacts/new`;

    const taken = await agent.post(newUrl).type('form').send({ _csrf: await csrfOf(agent, newUrl), email: 'TAKEN@example.com', name: 'Tess' });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('A contact with this email already exists at Other Co');
    expect(taken.text).toContain('value="Tess"');

    const added = await agent.post(newUrl).type('form').send({ _csrf: await csrfOf(agent, newUrl), email: 'Nina@Acme.example', name: 'Nina', language: 'da' });
    expect(added.status).toBe(303);
    const nina = await db.selectFrom('contact').selectAll().where('email', '=', 'nina@acme.example').executeTakeFirstOrThrow();
    expect(nina).toMatchObject({ customer_id: customer.id, name: 'Nina', language: 'da' });

    const editUrl = `/customers/${customer.id}/contacts/${nina.id}`;
    const invalid = await agent.post(editUrl).type('form').send({ _csrf: await csrfOf(agent, editUrl), email: 'nina at acme', name: 'Nina N' });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('id="email-error"');
    expect(invalid.text).toContain('value="nina at acme"');
    await agent.post(editUrl).type('form').send({ _csrf: await csrfOf(agent, editUrl), email: 'nina@acme.example', name: 'Nina Nilsson', language: '' }).expect(303);
    expect(await db.selectFrom('contact').select(['name', 'language']).where('id', '=', nina.id).executeTakeFirstOrThrow()).toEqual({ name: 'Nina Nilsson', language: null });

    // A contact is only reachable under its own customer.
    await agent.get(`/customers/${other.id}/contacts/${nina.id}`).expect(404);
  });

  it('opt a contact out and back in', async () => {
    const manager = await createUser(db, { role: 'manager' });
    const customer = await createCustomer(db);
    const contact = await createContact(db, customer.id, { email: 'olle@example.com' });
    const agent = await signedInAgent(createTestApp(db), manager);
    const page = `/customers/${customer.id}`;

    await agent.post(`${page}/contacts/${contact.id}/opt-out`).type('form').send({ _csrf: await csrfOf(agent, page) }).expect(303);
    const optedOut = await db.selectFrom('contact').select('opted_out_at').executeTakeFirstOrThrow();
    expect(optedOut.opted_out_at).not.toBeNull();
    const shown = await agent.get(page);
    expect(shown.text).toContain('olle@example.com is opted out');
    expect(shown.text).toContain('Opt back in');

    await agent.post(`${page}/contacts/${contact.id}/opt-in`).type('form').send({ _csrf: await csrfOf(agent, page) }).expect(303);
    expect((await db.selectFrom('contact').select('opted_out_at').executeTakeFirstOrThrow()).opted_out_at).toBeNull();
  });
});

describe('coverage page', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('lists customers without a submitted response in the last 12 months, grouped by KAM, with counts', async () => {
    const now = new Date('2026-06-15T12:00:00.000Z');
    const manager = await createUser(db, { role: 'manager' });
    const kim = await createUser(db, { role: 'kam', name: 'Kim Kam' });
    const recent = await createCustomer(db, { name: 'Recent Answer', kamUserId: kim.id });
    const old = await createCustomer(db, { name: 'Old Answer', kamUserId: kim.id });
    const partial = await createCustomer(db, { name: 'Only Partial', kamUserId: kim.id });
    await createCustomer(db, { name: 'Never Asked' });
    await createResponse(db, await createContact(db, recent.id), new Date('2025-09-01T00:00:00.000Z'));
    await createResponse(db, await createContact(db, old.id), new Date('2025-06-01T00:00:00.000Z'));
    await createResponse(db, await createContact(db, partial.id), null);
    const agent = await signedInAgent(createTestApp(db, { clock: () => now }), manager);

    const res = await agent.get('/customers/coverage').expect(200);

    expect(res.text).toContain('3 of 4 customers have no submitted response since 15 June 2025');
    expect(res.text).toContain('Kim Kam: 2 of 3 not evaluated');
    expect(res.text).toContain('No KAM: 1 of 1 not evaluated');
    expect(names(res.text)).toEqual(['Old Answer', 'Only Partial', 'Never Asked']);
    expect(res.text).not.toContain('Recent Answer');
    expect(res.text).toContain('1 June 2025');
  });
});
