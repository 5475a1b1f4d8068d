import type { Db } from '../../src/db/database';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { TOKEN_MARKER } from '../../src/mail/mail';
import { clearSendingPause, pauseSending } from '../../src/mail/sending-pause.service';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createContact, createCustomer, createDraftCampaign, ctx, testSystem } from '../support/campaign-factories';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('admin mail pages', () => {
  let db: Db;
  let pendingId: number;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    pendingId = await enqueueMail(
      db,
      { kind: 'invitation', to: 'pending@example.com', subject: 'Your <survey>', text: `Open ${TOKEN_MARKER}`, html: `<a href="${TOKEN_MARKER}">x</a>`, headers: { 'List-Unsubscribe': `<u/${TOKEN_MARKER}>` } },
      NOW,
    );
    const failedId = await enqueueMail(db, { kind: 'test', to: 'bounced@example.com', subject: 'Bounced one', text: 't', html: 'h' }, NOW);
    await db.updateTable('outbox').set({ status: 'failed', attempts: 1, last_error: '550 no such user' }).where('id', '=', failedId).execute();
    await db.insertInto('suppression').values({ email: 'bounced@example.com', reason: '550 no such user', created_at: NOW.toISOString() }).execute();
  });

  it('shows an admin the outbox with counts, filters it by status, and shows a mail without its personal token', async () => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'admin' }));

    const all = await agent.get('/admin/outbox').expect(200);
    expect(all.text).toContain('pending@example.com');
    expect(all.text).toContain('Your &lt;survey&gt;');
    expect(all.text).toContain('bounced@example.com');
    expect(all.text).toContain('550 no such user');
    expect(all.text).toContain('failed (1)</option>');

    const failed = await agent.get('/admin/outbox?status=failed').expect(200);
    expect(failed.text).toContain('bounced@example.com');
    expect(failed.text).not.toContain('pending@example.com');

    const mail = await agent.get(`/admin/outbox/${pendingId}`).expect(200);
    expect(mail.text).toContain('Open &lt;personal-token&gt;');
    expect(mail.text).toContain('&lt;u/&lt;personal-token&gt;&gt;');
    expect(mail.text).not.toContain(TOKEN_MARKER);
    await agent.get('/admin/outbox/9999').expect(404);
  });

  it('shows an admin the suppressed addresses and lets them remove one', async () => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'admin' }));
    const page = await agent.get('/admin/suppressions').expect(200);
    expect(page.text).toContain('<td>bounced@example.com</td><td>550 no such user</td>');

    const removed = await agent.post('/admin/suppressions/delete').type('form').send({ _csrf: await csrfOf(agent, '/admin/suppressions'), email: 'Bounced@example.com' });
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe('/admin/suppressions');
    expect(await db.selectFrom('suppression').selectAll().execute()).toEqual([]);
    const after = await agent.get('/admin/suppressions').expect(200);
    expect(after.text).toContain('bounced@example.com may be mailed again.');
    expect(after.text).toContain('No suppressed addresses.');
  });

  it("shows a launched invitation as it goes out, from its campaign's shared text and the contact's names", async () => {
    const customer = await createCustomer(db, { name: 'Acme <Nordic>' });
    await createContact(db, customer, { email: 'kim@example.com', name: 'Kim' });
    await launchCampaign(db, testSystem, await createDraftCampaign(db, NOW), ctx, NOW);
    const { id } = await db.selectFrom('outbox').select('id').where('to_email', '=', 'kim@example.com').executeTakeFirstOrThrow();
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'admin' }));

    expect((await agent.get('/admin/outbox').expect(200)).text).toContain('How are we doing, Acme &lt;Nordic&gt;?');
    const mail = await agent.get(`/admin/outbox/${id}`).expect(200);
    expect(mail.text).toContain('Dear Kim,');
    expect(mail.text).toContain('/s/&lt;personal-token&gt;');
    expect(mail.text).toContain('Acme &amp;lt;Nordic&amp;gt;');
    expect(mail.text).not.toContain(TOKEN_MARKER);
    expect(mail.text).not.toContain('[[pds:');
  });

  it('shows an admin that sending is paused, until when and the server answer why, only while it is', async () => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'admin' }));
    expect((await agent.get('/admin/outbox').expect(200)).text).not.toContain('Sending paused');

    const pause = await pauseSending(db, '554 5.7.1 <survey@pds.example>: Relaying temporarily denied', new Date(), 600);
    const page = await agent.get('/admin/outbox').expect(200);
    expect(page.text).toContain(`Sending paused until <time datetime="${pause.until}">`);
    expect(page.text).toContain('because: 554 5.7.1 &lt;survey@pds.example&gt;: Relaying temporarily denied');

    await clearSendingPause(db);
    expect((await agent.get('/admin/outbox').expect(200)).text).not.toContain('Sending paused');
  });

  it('refuses a manager the outbox and the suppressions, and removes nothing', async () => {
    const agent = await signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));
    await agent.get('/admin/outbox').expect(403);
    await agent.get(`/admin/outbox/${pendingId}`).expect(403);
    await agent.get('/admin/suppressions').expect(403);
    await agent.post('/admin/suppressions/delete').type('form').send({ _csrf: await csrfOf(agent, '/'), email: 'bounced@example.com' }).expect(403);
    expect(await db.selectFrom('suppression').select('email').execute()).toEqual([{ email: 'bounced@example.com' }]);
  });
});
