import { CheckedAddress, parseAddress } from '../../src/mail/mail';

describe('a checked address', () => {
  it('is the address as parseAddress gives it back: trimmed and lower-cased', () => {
    expect(CheckedAddress.parse('  Anna.Berg@Example.COM ')?.value).toBe(parseAddress('  Anna.Berg@Example.COM '));
    expect(CheckedAddress.parse('  Anna.Berg@Example.COM ')?.value).toBe('anna.berg@example.com');
  });

  it.each(['Anna <anna@example.com>', 'a@example.com, b@example.com', 'a@example.com\r\nBcc: b@example.com', 'not an address', ''])('is refused for %j, as parseAddress refuses it', (value) => {
    expect(CheckedAddress.parse(value)).toBeUndefined();
    expect(() => parseAddress(value)).toThrow(/invalid mail address/);
  });
});
