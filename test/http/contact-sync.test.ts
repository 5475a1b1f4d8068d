import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createApiKey } from '../../src/api/api-key.service';
import { systemActor } from '../../src/auth/user';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { createTestApp } from '../support/test-app';
import { createUser } from '../support/factories';
import { createContact, createCustomer, createDraftCampaign, ctx, testSystem } from '../support/campaign-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('PUT /api/v1/contacts/sync', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function keyFor(role: 'admin' | 'manager' | 'member' | 'kam') {
    const user = await createUser(db, { role });
    return (await createApiKey(db, systemActor('test'), { name: `${role} key`, userId: user.id }, NOW)).key;
  }
  const put = (key: string, query: string, body: unknown, contentType = 'application/json') =>
    request(createTestApp(db, { clock: () => NOW }))
      .put(`/api/v1/contacts/sync${query}`)
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', contentType)
      .send(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  const everything = async () => ({
    contacts: await db.selectFrom('contact').selectAll().orderBy('id').execute(),
    customers: await db.selectFrom('customer').selectAll().orderBy('id').execute(),
  });

  /** Yesterday's state: two hubspot contacts (one of them to leave), one added by hand, one of another source. */
  async function seed() {
    const acme = await createCustomer(db, { name: 'Acme AB' });
    const stays = (await createContact(db, acme, { email: 'anna@acme.example', name: 'Anna' })).id;
    const leaves = (await createContact(db, acme, { email: 'leif@acme.example', name: 'Leif' })).id;
    const byHand = (await createContact(db, acme, { email: 'hand@acme.example', name: 'Hanna' })).id;
    const other = (await createContact(db, acme, { email: 'olle@acme.example', name: 'Olle' })).id;
    await db.updateTable('contact').set({ source: 'hubspot' }).where('id', 'in', [stays, leaves]).execute();
    await db.updateTable('contact').set({ source: 'salesforce' }).where('id', '=', other).execute();
    // Leif answered last year's survey: his answers stay when he leaves the list.
    const lastYear = await createDraftCampaign(db, NOW, { name: 'Last year' });
    const invitation = await db
      .insertInto('invitation')
      .values({ campaign_id: lastYear, contact_id: leaves, token_hash: 'hash-leif', created_at: NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stamp = NOW.toISOString();
    await db
      .insertInto('response')
      .values({ invitation_id: invitation.id, campaign_id: lastYear, customer_id: acme, contact_id: leaves, language: 'en', answers: '{}', status: 'submitted', started_at: stamp, updated_at: stamp, submitted_at: stamp })
      .execute();
    return { acme, stays, leaves, byHand, other };
  }

  const list = {
    source: 'hubspot',
    contacts: [
      { customer: 'Acme AB', email: 'anna@acme.example', name: 'Anna Andersson', language: 'sv' },
      { customer: 'Acme AB', email: 'HAND@acme.example' },
      { customer: 'Beta A/S', customer_ref: 4711, email: 'bo@beta.example', name: 'Bo', language: 'da' },
      { customer: 'Acme AB', email: 'olle@acme.example' },
      { customer: 'Acme AB', email: 'bad@acme.example', language: 'fi' },
      { customer: 'Acme AB', email: 'not-an-email' },
    ],
  };

  it('reports in a dry run exactly what the real run then does, and changes nothing', async () => {
    const { leaves } = await seed();
    const key = await keyFor('manager');
    const before = await everything();

    const dry = await put(key, '?dryRun=true', list).expect(200);
    expect(await everything()).toEqual(before);
    expect(dry.body).toEqual({
      source: 'hubspot',
      dryRun: true,
      created: 1,
      // Anna's name and language; Hanna is taken over from the file import.
      updated: 2,
      reactivated: 0,
      deactivated: 1,
      unchanged: 0,
      customersCreated: 1,
      customersUpdated: 0,
      rejected: [
        { line: 4, message: 'olle@acme.example is kept in step by another source, "salesforce"' },
        { line: 5, message: expect.stringContaining('unknown language "fi"') },
        { line: 6, message: 'invalid email "not-an-email"' },
      ],
      deactivatedEmails: ['leif@acme.example'],
    });

    const real = await put(key, '', list).expect(200);
    expect({ ...real.body, dryRun: true }).toEqual(dry.body);
    const after = await everything();
    const contact = (email: string) => after.contacts.find((c) => c.email === email)!;
    expect(after.contacts).toHaveLength(before.contacts.length + dry.body.created);
    expect(after.customers).toHaveLength(before.customers.length + dry.body.customersCreated);
    expect(contact('anna@acme.example')).toMatchObject({ name: 'Anna Andersson', language: 'sv', source: 'hubspot', inactive_at: null });
    expect(contact('hand@acme.example')).toMatchObject({ source: 'hubspot', inactive_at: null });
    expect(contact('bo@beta.example')).toMatchObject({ source: 'hubspot', inactive_at: null });
    expect(contact('olle@acme.example')).toMatchObject({ source: 'salesforce', inactive_at: null });
    // Never deleted, answers kept.
    expect(contact('leif@acme.example')).toMatchObject({ id: leaves, source: 'hubspot', inactive_at: NOW.toISOString() });
    expect(await db.selectFrom('response').select('contact_id').execute()).toEqual([{ contact_id: leaves }]);

    // The same list again changes nothing; Leif back on the list is active again.
    const again = await put(key, '?dryRun=false', list).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, deactivated: 0, reactivated: 0 });
    const back = await put(key, '', { ...list, contacts: [...list.contacts, { customer: 'Acme AB', email: 'leif@acme.example' }] }).expect(200);
    expect(back.body).toMatchObject({ updated: 1, reactivated: 1, deactivated: 0 });
    expect((await everything()).contacts.find((c) => c.id === leaves)?.inactive_at).toBeNull();
  });

  it('takes the list as text/csv with the source in the query, in any encoding the upload reads', async () => {
    await seed();
    const key = await keyFor('admin');
    const csv = Buffer.from('customer;email;name\r\nAcme AB;anna@acme.example;Anna Åkesson\r\nBæk A/S;soren@baek.example;Søren Bæk\r\n', 'latin1');
    const dry = await put(key, '?source=hubspot&dryRun=true', csv, 'text/csv');
    expect(dry.body.error).toBeUndefined();
    expect(dry.body).toMatchObject({ dryRun: true, created: 1, updated: 1, deactivated: 1, deactivatedEmails: ['leif@acme.example'], rejected: [] });
    const real = await put(key, '?source=hubspot', csv, 'text/csv').expect(200);
    expect({ ...real.body, dryRun: true }).toEqual(dry.body);
    expect((await db.selectFrom('contact').select('name').where('email', '=', 'soren@baek.example').executeTakeFirstOrThrow()).name).toBe('Søren Bæk');

    const noSource = await put(key, '', csv, 'text/csv').expect(400);
    expect(noSource.body.error.message).toContain('Name the source');
  });

  it('never invites an inactive contact', async () => {
    const { stays, leaves } = await seed();
    const key = await keyFor('manager');
    await put(key, '', { source: 'hubspot', contacts: [{ customer: 'Acme AB', email: 'anna@acme.example' }] }).expect(200);

    const campaign = await createDraftCampaign(db, NOW, { name: 'Annual 2026', audience: { notEvaluatedDays: 0 } });
    await launchCampaign(db, testSystem, campaign, ctx, NOW);
    const invited = await db.selectFrom('invitation').select('contact_id').where('campaign_id', '=', campaign).execute();
    const invitedIds = invited.map((i) => i.contact_id);
    expect(invitedIds).toContain(stays);
    expect(invitedIds).not.toContain(leaves);
    expect(await db.selectFrom('outbox').select('to_email').where('to_email', '=', 'leif@acme.example').execute()).toEqual([]);
  });

  it('refuses an empty list unless allowEmpty, a source that is no name, and a key of a member or KAM', async () => {
    await seed();
    const key = await keyFor('manager');
    const empty = await put(key, '', { source: 'hubspot', contacts: [] }).expect(422);
    expect(empty.body.error.message).toContain('allowEmpty=true');
    expect((await db.selectFrom('contact').select('inactive_at').where('source', '=', 'hubspot').execute()).every((c) => c.inactive_at === null)).toBe(true);
    const all = await put(key, '?allowEmpty=true', { source: 'hubspot', contacts: [] }).expect(200);
    expect(all.body).toMatchObject({ deactivated: 2 });

    await put(key, '?source=a%20b', { contacts: [{ customer: 'A', email: 'a@a.example' }] }).expect(400);
    await put(key, '?source=one', { source: 'two', contacts: [] }).expect(400);
    await put(key, '', { source: 'hubspot', contacts: 'nope' }).expect(422);
    for (const role of ['member', 'kam'] as const) await put(await keyFor(role), '', list).expect(403);
    await request(createTestApp(db)).put('/api/v1/contacts/sync').send(list).expect(401);
    expect(await db.selectFrom('contact').select('email').where('email', '=', 'bo@beta.example').execute()).toEqual([]);
  });
});
