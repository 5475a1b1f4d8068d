import type { Db } from '../../src/db/database';
import { insertAuditEntry } from '../../src/audit/audit.repository';
import { enqueueMail, enqueueMails } from '../../src/mail/outbox.repository';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('the outbox and audit log lists', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const adminAgent = async () => signedInAgent(createTestApp(db), await createUser(db, { role: 'admin', name: 'Ada Admin' }));

  describe('the outbox', () => {
    beforeEach(async () => {
      const mails = Array.from({ length: 60 }, (_, i) => ({ kind: 'reminder', to: `contact${i + 1}@example.com`, subject: `Reminder number ${i + 1}`, text: 't', html: 'h' }));
      await enqueueMails(db, mails, NOW);
      const failed = await enqueueMail(db, { kind: 'test', to: 'tester@example.org', subject: 'A test mail', text: 't', html: 'h' }, NOW);
      await db.updateTable('outbox').set({ status: 'failed', attempts: 2, last_error: '550 no such user' }).where('id', '=', failed).execute();
    });

    it('shows 50 mails a page, newest first, with links to the other page that keep the filters', async () => {
      const agent = await adminAgent();
      const first = await agent.get('/admin/outbox').expect(200);
      expect(first.text).toContain('Showing 1–50 of 61');
      expect(first.text).toContain('A test mail');
      expect(first.text).toContain('Reminder number 60');
      expect(first.text).not.toContain('Reminder number 10<');
      expect(first.text).toContain('href="/admin/outbox?page=2" rel="next"');

      const second = await agent.get('/admin/outbox?page=2').expect(200);
      expect(second.text).toContain('Showing 51–61 of 61');
      expect(second.text).toContain('Reminder number 10<');
      expect(second.text).not.toContain('Reminder number 60');
      expect(second.text).toContain('rel="prev"');
      expect(second.text).not.toContain('rel="next"');

      const kept = await agent.get('/admin/outbox?kind=reminder&q=number').expect(200);
      expect(kept.text).toContain('href="/admin/outbox?q=number&amp;kind=reminder&amp;page=2" rel="next"');
    });

    it('finds mails by recipient or subject and filters them by status and kind', async () => {
      const agent = await adminAgent();
      const byRecipient = await agent.get('/admin/outbox?q=CONTACT42@').expect(200);
      expect(byRecipient.text).toContain('Showing 1–1 of 1');
      expect(byRecipient.text).toContain('contact42@example.com');
      expect(byRecipient.text).toContain('value="CONTACT42@"');

      const bySubject = await agent.get('/admin/outbox?q=test%20mail').expect(200);
      expect(bySubject.text).toContain('tester@example.org');
      expect(bySubject.text).not.toContain('contact1@example.com');

      // "_" and "%" are searched as themselves, not as wildcards.
      expect((await agent.get('/admin/outbox?q=%25').expect(200)).text).toContain('No mails.');

      const failed = await agent.get('/admin/outbox?status=failed').expect(200);
      expect(failed.text).toContain('tester@example.org');
      expect(failed.text).not.toContain('contact1@example.com');
      expect(failed.text).toMatch(/<option value="failed" selected>failed \(1\)<\/option>/);

      const tests = await agent.get('/admin/outbox?kind=test').expect(200);
      expect(tests.text).toContain('tester@example.org');
      expect(tests.text).toContain('<option value="test" selected>Test mail</option>');
      expect((await agent.get('/admin/outbox?kind=reminder&status=failed').expect(200)).text).toContain('No mails.');
    });

    it('answers a bad parameter with 400 and says which', async () => {
      const agent = await adminAgent();
      const page = await agent.get('/admin/outbox?page=zwei').expect(400);
      expect(page.text).toContain('The page must be a whole number, 1 or more.');
      expect((await agent.get('/admin/outbox?page=0').expect(400)).text).toContain('The page must be a whole number, 1 or more.');
      expect((await agent.get('/admin/outbox?status=lost').expect(400)).text).toContain('Choose a status from the list.');
      expect((await agent.get('/admin/outbox?kind=spam').expect(400)).text).toContain('Choose a kind of mail from the list.');
      expect((await agent.get(`/admin/outbox?q=${'x'.repeat(201)}`).expect(400)).text).toContain('Search for at most 200 characters.');
      // A page past the last shows the last.
      expect((await agent.get('/admin/outbox?page=9').expect(200)).text).toContain('Showing 51–61 of 61');
    });

    it('shows no mail id: each mail is named by its subject', async () => {
      const agent = await adminAgent();
      const { id } = await db.selectFrom('outbox').select('id').where('to_email', '=', 'tester@example.org').executeTakeFirstOrThrow();
      const list = await agent.get('/admin/outbox?status=failed').expect(200);
      expect(list.text).toContain(`<td><a href="/admin/outbox/${id}">A test mail</a></td>`);
      expect(list.text).not.toContain(`>${id}<`);
      expect(list.text).not.toContain('<th scope="col">#</th>');
      const mail = await agent.get(`/admin/outbox/${id}`).expect(200);
      expect(mail.text).toContain('<title>A test mail');
      expect(mail.text).toContain('failed after 2 attempts');
    });
  });

  describe('the audit log', () => {
    beforeEach(async () => {
      for (let i = 0; i < 55; i++) {
        await insertAuditEntry(db, { event: 'sign_in.failed', subject: `guess${i + 1}@example.com`, ip: '203.0.113.9' }, new Date(Date.UTC(2026, 1, 1, 12, i)));
      }
      await insertAuditEntry(db, { event: 'api_key.created', subject: 'CRM sync', detail: { id: 4711, prefix: 'pds_ab12', actsAs: 'crm@example.com' } }, new Date('2026-02-20T10:00:00Z'));
      await insertAuditEntry(db, { event: 'team.created', subject: 'Logistics' }, new Date('2026-02-25T23:30:00Z'));
    });

    it('shows 50 events a page, newest first, and pages on with the filters kept', async () => {
      const agent = await adminAgent();
      const first = await agent.get('/admin/audit').expect(200);
      // The admin's own sign-in is one more.
      expect(first.text).toContain('Showing 1–50 of 58');
      expect(first.text).toContain('Team created');
      expect(first.text).toContain('href="/admin/audit?page=2" rel="next"');
      const second = await agent.get('/admin/audit?page=2').expect(200);
      expect(second.text).toContain('Showing 51–58 of 58');
      expect(second.text).toContain('guess1@example.com');

      const failed = await agent.get('/admin/audit?event=sign_in.failed').expect(200);
      expect(failed.text).toContain('Showing 1–50 of 55');
      expect(failed.text).toContain('href="/admin/audit?event=sign_in.failed&amp;page=2" rel="next"');
      expect(failed.text).not.toContain('Team created</td>');
      expect(failed.text).toContain('<option value="sign_in.failed" selected>Sign-in failed</option>');
    });

    it('finds events by person, event or text, and narrows them to days', async () => {
      const agent = await adminAgent();
      const byText = await agent.get('/admin/audit?q=guess42').expect(200);
      expect(byText.text).toContain('Showing 1–1 of 1');
      expect(byText.text).toContain('guess42@example.com');

      const byActor = await agent.get('/admin/audit?q=ada%20admin').expect(200);
      expect(byActor.text).toContain('Showing 1–1 of 1');
      expect(byActor.text).toContain('Signed in');

      const byDetail = await agent.get('/admin/audit?q=crm@').expect(200);
      expect(byDetail.text).toContain('API key created');

      const days = await agent.get('/admin/audit?from=2026-02-20&to=2026-02-25').expect(200);
      expect(days.text).toContain('Showing 1–2 of 2');
      expect(days.text).toContain('API key created');
      expect(days.text).toContain('Team created');
      expect(days.text).toContain('value="2026-02-20"');
      expect((await agent.get('/admin/audit?to=2026-02-24').expect(200)).text).toContain('Showing 1–50 of 56');
    });

    it('answers a bad parameter with 400 and says which', async () => {
      const agent = await adminAgent();
      expect((await agent.get('/admin/audit?from=2026-02-30').expect(400)).text).toContain('Give the first day as a date, for example 2026-03-01.');
      expect((await agent.get('/admin/audit?to=yesterday').expect(400)).text).toContain('Give the last day as a date, for example 2026-03-31.');
      expect((await agent.get('/admin/audit?from=2026-03-02&to=2026-03-01').expect(400)).text).toContain('The last day comes before the first day.');
      expect((await agent.get('/admin/audit?event=nothing.real').expect(400)).text).toContain('Choose an event from the list.');
      expect((await agent.get('/admin/audit?page=-1').expect(400)).text).toContain('The page must be a whole number, 1 or more.');
    });

    it('shows no internal id and no event code', async () => {
      const agent = await adminAgent();
      const page = await agent.get('/admin/audit?event=api_key.created').expect(200);
      expect(page.text).toContain('prefix: pds_ab12; actsAs: crm@example.com');
      expect(page.text).not.toContain('4711');
      expect(page.text).not.toMatch(/<td>api_key\.created<\/td>/);
    });
  });
});
