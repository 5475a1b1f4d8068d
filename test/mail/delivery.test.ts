import { simpleParser } from 'mailparser';
import type { Db } from '../../src/db/database';
import { createTestDb } from '../support/test-app';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { BASE_URL, createContact, createCustomer, createDraftCampaign, ctx, testSystem } from '../support/campaign-factories';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { hashToken, storedTokenHash } from '../../src/shared/tokens';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { claimDueMails } from '../../src/mail/delivery.repository';
import { LEASE_SECONDS, TOKEN_MARKER } from '../../src/mail/mail';
import { addSeconds } from '../../src/shared/time';
import { outboxRows, startChild, tempFileDb, workerFor } from './helpers';
import { startFaultSmtpServer } from './fault-smtp-server';

const NOW = new Date('2026-03-02T08:00:00Z');

/** The contact whose invitation the token opens, found as the respondent page finds it: by sha256(token). */
async function emailOfToken(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .select('contact.email')
    .where('invitation.token_hash', '=', storedTokenHash(hashToken(token)))
    .executeTakeFirst();
  return row?.email;
}

async function queueOne(db: Db, to: string) {
  return enqueueMail(db, { kind: 'ticket', to, subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' }, NOW);
}

describe('the outbox worker delivering to a real SMTP server', () => {
  let db: Db;
  let sink: SmtpSink;
  const closers: (() => void)[] = [];
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(async () => {
    closers.splice(0).forEach((c) => c());
    await sink?.close();
    await db.destroy();
  });

  it("mails each language's invitation with text and HTML parts, a Message-ID, one-click unsubscribe headers and a link that resolves to the invitation by hash", async () => {
    sink = await startSmtpSink();
    const languages = ['en', 'sv', 'da'] as const;
    for (const language of languages) {
      const customer = await createCustomer(db, { name: `Kund ${language}`, language });
      await createContact(db, customer, { email: `${language}@example.com`, name: `Person ${language}` });
    }
    const id = await createDraftCampaign(db, NOW);
    await launchCampaign(db, testSystem, id, ctx, NOW);

    // Only the hash of the token is stored; the stored text holds a marker instead of the token,
    // once per language, and each mail only its recipient and the customer's name.
    const texts = await db.selectFrom('outbox_template').selectAll().execute();
    expect(texts).toHaveLength(3);
    for (const text of texts) {
      expect(text.text_body).toContain(TOKEN_MARKER);
      expect(text.headers).toContain(TOKEN_MARKER);
    }
    for (const row of await outboxRows(db)) {
      expect(row).toMatchObject({ subject: '', text_body: '', html_body: '', headers: '{}' });
      expect(texts.map((t) => t.id)).toContain(row.template_id);
      // The contact's name is stored once, as to_name; the worker fills it in as contact_name, and
      // the customer's name from the invitation's customer: nothing else is stored per mail.
      expect(row.to_name).toMatch(/^Person (en|sv|da)$/);
      expect(row.fields).toBeNull();
    }

    const { worker, transport } = workerFor(db, sink.url);
    closers.push(() => transport.close());
    const result = await worker.drain(NOW);
    expect(result.sent).toBe(3);
    expect(sink.accepted).toHaveLength(3);

    const subjects: Record<string, RegExp> = { en: /^How are we doing, Kund en\?/, sv: /^Vad tycker du om oss som leverantör\?/, da: /^Hvad synes du om samarbejdet med os\?/ };
    const greetings: Record<string, string> = { en: 'Dear Person en,', sv: 'Hej Person sv,', da: 'Kære Person da,' };
    for (const language of languages) {
      const raw = sink.accepted.find((m) => m.to[0] === `${language}@example.com`)!.raw;
      const mail = await simpleParser(raw);
      expect(mail.subject).toMatch(subjects[language]!);
      expect(mail.text).toContain(greetings[language]);
      expect(mail.html as string).toContain(`lang="${language}"`);
      expect(mail.messageId).toMatch(/^<outbox-\d+@pds\.example>$/);
      const lines = Object.fromEntries(mail.headerLines.map((h) => [h.key, h.line.replace(/\r?\n[ \t]+/g, ' ')]));
      const token = /\/s\/([A-Za-z0-9_-]+)/.exec(mail.text!)![1]!;
      expect(token.length).toBeGreaterThanOrEqual(22);
      expect(lines['list-unsubscribe']).toBe(`List-Unsubscribe: <${BASE_URL}/u/${token}>`);
      expect(lines['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(mail.html as string).toContain(`href="${BASE_URL}/s/${token}"`);
      expect(raw).not.toContain(TOKEN_MARKER);

      // The respondent page finds the invitation by sha256(token).
      const email = await emailOfToken(db, token);
      expect(email).toBe(`${language}@example.com`);
    }
  });

  it("renders a launched mail at send time with the contact's language and name, the customer's name (cleaned of placeholders as when it was stored) and a working link", async () => {
    sink = await startSmtpSink();
    const plain = await createCustomer(db, { name: 'Nordvik AB', language: 'sv' });
    await createContact(db, plain, { email: 'anna@example.com', name: 'Anna Berg' });
    const odd = await createCustomer(db, { name: 'Odd {{link}} Ltd', language: 'en' });
    await createContact(db, odd, { email: 'odd@example.com', name: 'Olle Odd' });
    const id = await createDraftCampaign(db, NOW);
    await launchCampaign(db, testSystem, id, ctx, NOW);

    const stored = Object.fromEntries((await outboxRows(db)).map((r) => [r.to_email, r.fields]));
    expect(stored['anna@example.com']).toBeNull();
    expect(stored['odd@example.com']).toBeNull();

    const { worker, transport } = workerFor(db, sink.url);
    closers.push(() => transport.close());
    expect((await worker.drain(NOW)).sent).toBe(2);
    const anna = await simpleParser(sink.accepted.find((m) => m.to[0] === 'anna@example.com')!.raw);
    expect(anna.text).toContain('Hej Anna Berg,');
    expect(anna.text).toContain('Nordvik AB');
    expect(anna.html as string).toContain('lang="sv"');
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(anna.text!)![1]!;
    const email = await emailOfToken(db, token);
    expect(email).toBe('anna@example.com');
    const oddMail = await simpleParser(sink.accepted.find((m) => m.to[0] === 'odd@example.com')!.raw);
    expect(oddMail.subject).toMatch(/^How are we doing, Odd link Ltd\?/);
  });

  it('answers a 451 by retrying after the backoff delay, then delivers exactly once', async () => {
    sink = await startSmtpSink((_to, attempt) => (attempt === 1 ? 451 : 'accept'));
    const id = await queueOne(db, 'busy@example.com');
    const { worker, transport } = workerFor(db, sink.url);
    closers.push(() => transport.close());

    expect((await worker.drain(NOW)).retried).toBe(1);
    let row = (await outboxRows(db)).find((r) => r.id === id)!;
    expect(row.status).toBe('pending');
    expect(row.last_error).toMatch(/451/);
    expect(row.next_attempt_at).toBe(addSeconds(NOW, 60).toISOString());

    expect((await worker.drain(addSeconds(NOW, 30))).claimed).toBe(0);
    expect((await worker.drain(addSeconds(NOW, 61))).sent).toBe(1);
    expect((await worker.drain(addSeconds(NOW, 3600))).claimed).toBe(0);

    row = (await outboxRows(db)).find((r) => r.id === id)!;
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(sink.accepted.filter((m) => m.to[0] === 'busy@example.com')).toHaveLength(1);
  });

  it('doubles the delay after each temporary failure', async () => {
    sink = await startSmtpSink(() => 451);
    const id = await queueOne(db, 'down@example.com');
    const { worker, transport } = workerFor(db, sink.url);
    closers.push(() => transport.close());
    await worker.drain(NOW);
    await worker.drain(addSeconds(NOW, 60));
    const row = (await outboxRows(db)).find((r) => r.id === id)!;
    expect(row.attempts).toBe(2);
    expect(row.next_attempt_at).toBe(addSeconds(NOW, 60 + 120).toISOString());
  });

  it('answers a 550 to RCPT TO by suppressing the address and never retrying', async () => {
    const server = await startFaultSmtpServer(({ stage }) => (stage === 'rcpt' ? { code: 550, text: 'Mailbox unavailable' } : undefined));
    closers.push(() => void server.close());
    const id = await queueOne(db, 'gone@example.com');
    const { worker, transport } = workerFor(db, server.url);
    closers.push(() => transport.close());

    expect((await worker.drain(NOW)).failed).toBe(1);
    expect((await worker.drain(addSeconds(NOW, 86400))).claimed).toBe(0);
    const row = (await outboxRows(db)).find((r) => r.id === id)!;
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(server.offers('rcpt', 'gone@example.com')).toBe(1);
    const suppressed = await db.selectFrom('suppression').selectAll().where('email', '=', 'gone@example.com').executeTakeFirst();
    expect(suppressed?.reason).toMatch(/550/);

    // A later mail to the suppressed address is not sent at all.
    await queueOne(db, 'gone@example.com');
    expect((await worker.drain(addSeconds(NOW, 86400))).cancelled).toBe(1);
    expect(server.offers('rcpt', 'gone@example.com')).toBe(1);
  });

  it('pauses sending when the connection drops in the middle of sending, then delivers the mail once', async () => {
    sink = await startSmtpSink((_to, attempt) => (attempt === 1 ? 'drop' : 'accept'));
    const id = await queueOne(db, 'flaky@example.com');
    const { worker, transport } = workerFor(db, sink.url);
    closers.push(() => transport.close());

    expect((await worker.drain(NOW)).paused).toBe(1);
    expect((await worker.drain(addSeconds(NOW, 59))).claimed).toBe(0);
    expect((await worker.drain(addSeconds(NOW, 61))).sent).toBe(1);
    const row = (await outboxRows(db)).find((r) => r.id === id)!;
    expect(row.status).toBe('sent');
    expect(sink.accepted.filter((m) => m.to[0] === 'flaky@example.com')).toHaveLength(1);
  });

  it('sends a mail claimed by a worker that crashed once its lease has expired', async () => {
    sink = await startSmtpSink();
    const id = await queueOne(db, 'lease@example.com');
    const claimed = await claimDueMails(db, 'crashed-worker', NOW, addSeconds(NOW, LEASE_SECONDS), 10);
    expect(claimed.map((m) => m.id)).toEqual([id]);

    const { worker, transport } = workerFor(db, sink.url);
    closers.push(() => transport.close());
    expect((await worker.drain(addSeconds(NOW, LEASE_SECONDS - 1))).claimed).toBe(0);
    expect((await worker.drain(addSeconds(NOW, LEASE_SECONDS + 1))).sent).toBe(1);
    expect(sink.accepted).toHaveLength(1);
  });

  it('never sends more than the configured mails per second', async () => {
    sink = await startSmtpSink();
    for (let i = 0; i < 6; i++) await queueOne(db, `rate${i}@example.com`);
    const { worker, transport } = workerFor(db, sink.url, { rate: 10 });
    closers.push(() => transport.close());
    const started = Date.now();
    await worker.drain(NOW);
    // Six sends at 10/s start at 0, 100 … 500 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
    expect(sink.accepted).toHaveLength(6);
  });

  it('delivers each mail once when two worker processes run at the same time', async () => {
    sink = await startSmtpSink();
    const shared = await tempFileDb();
    const db2 = shared.open();
    try {
      for (let i = 0; i < 60; i++) await queueOne(db2, `both${i}@example.com`);
      const children = [startChild(['worker', shared.file, sink.url, NOW.toISOString()]), startChild(['worker', shared.file, sink.url, NOW.toISOString()])];
      await Promise.all(children.map((c) => c.ready));
      children.forEach((c) => c.go());
      const results = await Promise.all(children.map((c) => c.result));
      expect(results.reduce((sum, r) => sum + Number(r.sent), 0)).toBe(60);
      expect(sink.accepted).toHaveLength(60);
      expect(new Set(sink.accepted.map((m) => m.to[0])).size).toBe(60);
      const rows = await outboxRows(db2);
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await db2.destroy();
      await shared.cleanup();
    }
  }, 90_000);
});
