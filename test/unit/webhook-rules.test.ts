import { loadConfig } from '../../src/config';
import { TICKET_STATUSES } from '../../src/tickets/ticket';
import { addressKind, endpointSecret, isAllowedAddress, retryDelaySeconds, urlFormProblem } from '../../src/webhooks/webhook';
import { TicketStatusChangedPayload, WEBHOOK_EVENTS, webhookEnvelope } from '../../src/webhooks/webhook-events';
import { Webhook } from 'standardwebhooks';

describe('which addresses a webhook may go to', () => {
  it.each([
    ['93.184.215.14', 'public'],
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'private'],
    ['0.0.0.0', 'private'],
    ['224.0.0.1', 'private'],
    ['255.255.255.255', 'private'],
    ['198.18.0.1', 'private'],
    ['::', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1%eth0', 'private'],
    ['ff02::1', 'private'],
    ['2001:db8::1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['not an address', 'private'],
    ['1.2.3', 'private'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it('allows loopback only when told to, never private ranges', () => {
    expect(isAllowedAddress('127.0.0.1', false)).toBe(false);
    expect(isAllowedAddress('127.0.0.1', true)).toBe(true);
    expect(isAllowedAddress('10.0.0.1', true)).toBe(false);
  });

  it('wants https (http only with loopback allowed) and no credentials in the URL', () => {
    expect(urlFormProblem('https://hooks.example.com/x', false)).toBeUndefined();
    expect(urlFormProblem('http://hooks.example.com/x', false)).toMatch(/https/);
    expect(urlFormProblem('http://127.0.0.1:3000/x', true)).toBeUndefined();
    expect(urlFormProblem('ftp://hooks.example.com', true)).toMatch(/https/);
    expect(urlFormProblem('https://a:b@hooks.example.com', false)).toMatch(/user name/);
    expect(urlFormProblem('hooks.example.com', false)).toMatch(/full address/);
  });
});

describe('the loopback setting', () => {
  it('cannot be on in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_LOOPBACK: 'on', DATABASE_URL: ':memory:' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK must be off when NODE_ENV is production/);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: ':memory:' }).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', WEBHOOK_ALLOW_LOOPBACK: 'on', DATABASE_URL: ':memory:' }).webhookAllowLoopback).toBe(true);
    expect(() => loadConfig({ WEBHOOK_ALLOW_LOOPBACK: 'yes', DATABASE_URL: ':memory:' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK/);
  });
});

describe('retries and secrets', () => {
  it('waits twice as long after each failed attempt, up to six hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(30, n))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(30, 20)).toBe(6 * 3600);
  });

  it('derives a Standard Webhooks secret the library accepts, different per salt and per server secret', () => {
    const secret = endpointSecret('server-secret-server-secret-000000', 'salt-1');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpointSecret('server-secret-server-secret-000000', 'salt-2')).not.toBe(secret);
    expect(endpointSecret('another-server-secret-another-0000', 'salt-1')).not.toBe(secret);
    const wh = new Webhook(secret);
    const now = new Date();
    expect(wh.verify('{"a":1}', { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': wh.sign('msg_1', now, '{"a":1}') })).toEqual({ a: 1 });
  });
});

describe('the event payloads', () => {
  it('use the ticket states of the tickets feature', () => {
    expect(TicketStatusChangedPayload.shape.to.options).toEqual([...TICKET_STATUSES]);
  });

  it('refuse any field they do not document, so no link or token can be added by mistake', () => {
    const data = { contactId: 1, customerId: 2, via: 'link', byUserId: null, unsubscribedAt: '2026-05-04T08:00:00.000Z' };
    expect(WEBHOOK_EVENTS['contact.unsubscribed'].parse(data)).toEqual(data);
    expect(() => WEBHOOK_EVENTS['contact.unsubscribed'].parse({ ...data, unsubscribeUrl: 'https://pds.example/u/abc' })).toThrow();
    expect(webhookEnvelope('contact.unsubscribed').parse({ type: 'contact.unsubscribed', timestamp: data.unsubscribedAt, data })).toBeTruthy();
  });
});
