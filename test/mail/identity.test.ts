import crypto from 'node:crypto';
import type { Db } from '../../src/db/database';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import type { SmtpSink } from '../support/smtp-sink';
import { createContact, createCustomer, createDraftCampaign, ctx, testSystem } from '../support/campaign-factories';
import { createUser } from '../support/factories';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { MailWorker } from '../../src/jobs/mail-worker';
import { smtpTransport } from '../../src/mail/transport';
import { upsertSetting } from '../../src/settings/setting.repository';
import { upsertLogo } from '../../src/organisation/organisation.repository';
import { DEFAULT_MAIL } from '../../src/campaigns/campaign';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_B64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** The one DNS record the verifier asks for, answered locally: no network. */
const resolver = async (name: string, type: string) => {
  if (type === 'TXT' && name === 'mail2026._domainkey.nordvik.example') return [[`v=DKIM1; k=rsa; p=${PUBLIC_B64}`]];
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
};

function header(raw: string, name: string): string | undefined {
  const unfolded = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
}

async function setOrganisation(db: Db) {
  await upsertSetting(db, 'organisation_name', 'Nordvik Logistics AB');
  await upsertSetting(db, 'organisation_sender_address', 'survey@nordvik.example');
  await upsertSetting(db, 'organisation_reply_to', 'quality@nordvik.example');
  await upsertSetting(db, 'organisation_brand_colour', '#c8102e');
  await upsertSetting(db, 'organisation_time_zone', 'Europe/Stockholm');
  await upsertSetting(db, 'organisation_postal_address', 'Hamngatan 1\n411 06 Göteborg');
  await upsertLogo(db, { contentType: 'image/png', data: Buffer.from('89504e470d0a1a0a', 'hex'), version: 'abcdef0123456789', updatedAt: NOW.toISOString() });
}

describe('mails carry the organisation, its sender and a DKIM signature', () => {
  let db: Db;
  let sink: SmtpSink;
  eachTestGets({ sink: { keepRaw: true } }, (w) => ({ db, sink } = w));

  it('sends an invitation from the organisation, replies to the KAM, signed with List-Unsubscribe and List-Unsubscribe-Post', async () => {
    await setOrganisation(db);
    const kam = await createUser(db, { role: 'kam', email: 'karin.kam@nordvik.example' });
    const withKam = await createCustomer(db, { name: 'Acme Oy', kamUserId: kam.id, language: 'sv' });
    const withoutKam = await createCustomer(db, { name: 'Beta A/S' });
    await createContact(db, withKam, { email: 'anna@acme.example', name: 'Anna', language: 'sv' });
    await createContact(db, withoutKam, { email: 'bo@beta.example', name: 'Bo', language: 'en' });
    const id = await createDraftCampaign(db, NOW, { closesAt: new Date('2026-03-31T22:30:00Z'), sender: { name: 'Karin at Nordvik', replyTo: 'kam', replyToAddress: null } });
    await launchCampaign(db, testSystem, id, ctx, NOW);

    const transport = smtpTransport(sink.url, { timeoutMs: 5000, dkim: { domainName: 'nordvik.example', keySelector: 'mail2026', privateKey: PRIVATE_PEM } });
    const worker = new MailWorker({ db, transport, secret: 'test-secret-test-secret-test-secret-0123', from: { name: 'PDS Loop', address: 'pds@localhost.example' }, rate: 1000, retrySeconds: 60 });
    expect((await worker.drain(NOW)).sent).toBe(2);
    transport.close();

    const anna = sink.accepted.find((m) => m.to.includes('anna@acme.example'))!.raw;
    const bo = sink.accepted.find((m) => m.to.includes('bo@beta.example'))!.raw;
    expect(header(anna, 'From')).toBe('Karin at Nordvik <survey@nordvik.example>');
    expect(header(anna, 'Reply-To')).toBe('karin.kam@nordvik.example');
    // Without a KAM the reply reaches the organisation's address.
    expect(header(bo, 'Reply-To')).toBe('quality@nordvik.example');
    expect(header(anna, 'X-PDS-Sender-Name')).toBeUndefined();
    // BASE_URL is http here: the links keep its scheme.
    expect(header(anna, 'List-Unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/u\/[A-Za-z0-9_-]+>$/);

    const verified = await dkimVerify(anna, { resolver });
    const result = verified.results[0]! as typeof verified.results[number] & { signingHeaders: { keys: string } };
    expect(result.status.result).toBe('pass');
    expect(result.signingDomain).toBe('nordvik.example');
    const signed = result.signingHeaders.keys.toLowerCase().split(': ');
    expect(signed).toEqual(expect.arrayContaining(['from', 'reply-to', 'subject', 'list-unsubscribe', 'list-unsubscribe-post']));

    // A changed header breaks the signature: the check is real.
    const tampered = anna.replace(/^Subject: .*$/m, 'Subject: Something else');
    expect((await dkimVerify(tampered, { resolver })).results[0]!.status.result).toBe('fail');
  });

  it("sends the test mail under the campaign's own sender name and reply-to, the signed-in manager standing in for the KAM", async () => {
    await setOrganisation(db);
    const manager = await createUser(db, { role: 'manager', email: 'quinn@nordvik.example' });
    const agent = await signedInAgent(createTestApp(db, { clock: () => NOW }), manager);
    const toKam = await createDraftCampaign(db, NOW, { sender: { name: 'Karin at Nordvik', replyTo: 'kam', replyToAddress: null } });
    const toAddress = await createDraftCampaign(db, NOW, { sender: { name: null, replyTo: 'address', replyToAddress: 'support@nordvik.example' } });
    const toOrganisation = await createDraftCampaign(db, NOW, {});
    for (const id of [toKam, toAddress, toOrganisation]) {
      await agent.post(`/campaigns/${id}/test-mail`).type('form').send({ _csrf: await csrfOf(agent, `/campaigns/${id}`), language: 'en' }).expect(303);
    }
    const transport = smtpTransport(sink.url, { timeoutMs: 5000 });
    const worker = new MailWorker({ db, transport, secret: 'test-secret-test-secret-test-secret-0123', from: { name: 'PDS Loop', address: 'pds@localhost.example' }, rate: 1000, retrySeconds: 60 });
    expect((await worker.drain(NOW)).sent).toBe(3);
    transport.close();

    const { simpleParser } = await import('mailparser');
    const mails = await Promise.all(sink.accepted.map(async (m) => simpleParser(m.raw)));
    const identities = mails
      .map((m) => ({ to: m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : '', from: m.from?.value[0], replyTo: m.replyTo?.value[0]?.address, own: m.headers.get('x-pds-sender-name') }))
      .sort((a, b) => String(a.from?.name).localeCompare(String(b.from?.name)) || String(a.replyTo).localeCompare(String(b.replyTo)));
    expect(identities).toEqual([
      { to: 'quinn@nordvik.example', from: { name: 'Karin at Nordvik', address: 'survey@nordvik.example' }, replyTo: 'quinn@nordvik.example', own: undefined },
      { to: 'quinn@nordvik.example', from: { name: 'Nordvik Logistics AB', address: 'survey@nordvik.example' }, replyTo: 'quality@nordvik.example', own: undefined },
      { to: 'quinn@nordvik.example', from: { name: 'Nordvik Logistics AB', address: 'survey@nordvik.example' }, replyTo: 'support@nordvik.example', own: undefined },
    ]);
  });

  it('writes the company, its logo, a button and the link out in the HTML, and the same words in the text part', async () => {
    await setOrganisation(db);
    const customer = await createCustomer(db, { name: 'Acme Oy' });
    await createContact(db, customer, { email: 'anna@acme.example', name: 'Anna', language: 'sv' });
    const id = await createDraftCampaign(db, NOW, { closesAt: new Date('2026-03-31T22:30:00Z'), mail: DEFAULT_MAIL });
    await launchCampaign(db, testSystem, id, ctx, NOW);
    const transport = smtpTransport(sink.url, { timeoutMs: 5000 });
    const worker = new MailWorker({ db, transport, secret: 'test-secret-test-secret-test-secret-0123', from: { name: 'PDS Loop', address: 'pds@localhost.example' }, rate: 1000, retrySeconds: 60 });
    await worker.drain(NOW);
    transport.close();

    const { simpleParser } = await import('mailparser');
    const mail = await simpleParser(sink.accepted[0]!.raw, { keepCidLinks: true });
    const html = String(mail.html);
    const link = /href="(http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]+)"/.exec(html)![1]!;
    expect(html).toContain('Nordvik Logistics AB');
    // The logo travels inside the mail: an inline image the HTML refers to by its Content-ID, nothing fetched from BASE_URL.
    const cid = /<img src="cid:([^"]+)"/.exec(html)?.[1];
    expect(mail.attachments.map((a) => ({ cid: a.cid, disposition: a.contentDisposition, type: a.contentType, related: a.related, bytes: a.content.toString('hex') }))).toEqual([
      { cid, disposition: 'inline', type: 'image/png', related: true, bytes: '89504e470d0a1a0a' },
    ]);
    expect(html).not.toContain('/organisation/logo/');
    expect(html).toContain('>Öppna enkäten</a>');
    expect(html).toContain(`class="link" href="${link}"`);
    expect(html).toContain('Hamngatan 1 · 411 06 Göteborg');
    expect(html).not.toContain('PDS Loop');
    // The close moment 22:30 UTC on 31 March is 1 April in Stockholm.
    expect(mail.text).toContain('1 april 2026');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('Nordvik Logistics AB, Hamngatan 1, 411 06 Göteborg');
    expect(mail.text).not.toContain('PDS Loop');
    expect(mail.from?.value[0]).toEqual({ name: 'Nordvik Logistics AB', address: 'survey@nordvik.example' });
  });
});
