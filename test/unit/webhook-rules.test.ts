import { loadConfig } from '../../src/config';
import { TICKET_STATUSES } from '../../src/tickets/ticket';
import { addressKind, endpointSecret, isAllowedAddress, retryDelaySeconds, urlFormProblem } from '../../src/webhooks/webhook';
import { TicketStatusChangedPayload, WEBHOOK_EVENTS, webhookEnvelope } from '../../src/webhooks/webhook-events';
import { Webhook } from 'standardwebhooks';
import { DEFAULT_LANGUAGE, translate } from '../../src/shared/languages';

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
    // The problem is a staff catalogue key; what the reader sees is its text (here in English).
    const english = translate(DEFAULT_LANGUAGE, 'staff');
    const problem = (url: string, loopback: boolean) => {
      const key = urlFormProblem(url, loopback);
      return key === undefined ? undefined : english(key);
    };
    expect(problem('https://hooks.example.com/x', false)).toBeUndefined();
    expect(problem('http://hooks.example.com/x', false)).toBe('The address must start with https://');
    expect(problem('http://127.0.0.1:3000/x', true)).toBeUndefined();
    expect(problem('ftp://hooks.example.com', true)).toBe('The address must start with https://');
    expect(problem('https://a:b@hooks.example.com', false)).toMatch(/user name/);
    expect(problem('hooks.example.com', false)).toMatch(/full address/);
  });
});
