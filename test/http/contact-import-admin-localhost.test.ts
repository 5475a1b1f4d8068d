import type { Db } from '../../src/db/database';
import { ensureFirstAdmin } from '../../src/accounts/account.service';
import { isEmailAddress } from '../../src/shared/email';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createDraftCampaign } from '../support/campaign-factories';
import type { SmtpSink } from '../support/smtp-sink';
import { deliverOutbox } from '../mail/helpers';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('the default first admin, admin@localhost', () => {
  let db: Db;
  let sink: SmtpSink;
  eachTestGets({ sink: true }, (w) => ({ db, sink } = w));

  async function firstAdmin() {
    const created = await ensureFirstAdmin(db, { password: 'first admin password' }, NOW);
    expect(created?.email).toBe('admin@localhost');
    return signedInAgent(createTestApp(db, { clock: () => NOW }), { email: 'admin@localhost', password: 'first admin password' });
  }

  it('is accepted as the KAM of an imported customer', async () => {
    const agent = await firstAdmin();
    const preview = await agent
      .post('/customers/import')
      .field('_csrf', await csrfOf(agent, '/customers/import'))
      .attach('file', Buffer.from('customer,email,kam_email\nAcme AB,anna@acme.example,admin@localhost\n'), 'contacts.csv');
    expect(preview.text).toContain('<dd id="rejected">0</dd>');
    const upload = /name="upload" value="([^"]+)"/.exec(preview.text)![1];
    await agent.post('/customers/import/confirm').type('form').send({ _csrf: csrfFrom(preview.text), upload }).expect(200);
    const admin = await db.selectFrom('user').select('id').where('email', '=', 'admin@localhost').executeTakeFirstOrThrow();
    expect(await db.selectFrom('customer').select(['name', 'kam_user_id']).execute()).toEqual([{ name: 'Acme AB', kam_user_id: admin.id }]);
  });

  it('receives the campaign\'s test mail', async () => {
    const agent = await firstAdmin();
    const campaign = await createDraftCampaign(db, NOW);
    await agent.post(`/campaigns/${campaign}/test-mail`).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${campaign}`), language: 'en' }).expect(303);

    await deliverOutbox(db, sink, NOW);
    expect(sink.accepted.map((m) => m.to)).toEqual([['admin@localhost']]);
    expect(await db.selectFrom('outbox').select(['to_email', 'status']).execute()).toEqual([{ to_email: 'admin@localhost', status: 'sent' }]);
  });
});

describe('the app\'s one email rule', () => {
  it('accepts plain addresses, also on a single-name domain, and refuses anything that could carry more', () => {
    for (const good of ['admin@localhost', 'Anna.Berg+crm@Acme.example', 'ops@intranet', "o'brien@example.ie"]) expect(isEmailAddress(good)).toBe(true);
    for (const bad of ['admin', 'a@', '@localhost', 'a b@example.com', 'a@b@example.com', '"a"@example.com', 'Anna <a@example.com>', 'a@example.com,b@example.com', 'a@-bad.example', 'a..b@example.com', 'a@exa_mple.com', `a@example.com\r\nBcc: x@example.com`]) {
      expect(isEmailAddress(bad)).toBe(false);
    }
  });
});
