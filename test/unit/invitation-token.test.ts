import crypto from 'node:crypto';

// The token hashes use crypto.hash where Node has it (20.12+) and createHash where it does not:
// both must store exactly sha256 as createHash computes it.
type Tokens = typeof import('../../src/shared/tokens');
type InvitationTokens = typeof import('../../src/campaigns/invitation-token');

const TOKENS = ['', 'abc', 'Zm9vYmFyLWJhei1xdXV4LTEyMzQ1Njc4OTA', 'ünïcødé ✓ token'];
const SECRET = 'test-secret-test-secret-test-secret-0123';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest();

function loadTokens(withoutOneShotHash: boolean): { tokens: Tokens; invitation: InvitationTokens } {
  let loaded!: { tokens: Tokens; invitation: InvitationTokens };
  jest.isolateModules(() => {
    if (withoutOneShotHash) jest.doMock('node:crypto', () => ({ ...jest.requireActual<typeof crypto>('node:crypto'), hash: undefined }));
    loaded = { tokens: jest.requireActual('../../src/shared/tokens'), invitation: jest.requireActual('../../src/campaigns/invitation-token') };
  });
  jest.dontMock('node:crypto');
  return loaded;
}

describe.each([
  ['with crypto.hash', false],
  ['on a Node without crypto.hash', true],
])('token hashes %s', (_name, withoutOneShotHash) => {
  const { tokens, invitation } = loadTokens(withoutOneShotHash);

  it('hashToken is the hex sha256 of the token', () => {
    for (const token of TOKENS) expect(tokens.hashToken(token)).toBe(sha256(token).toString('hex'));
  });

  it('storedHashOfToken is the first 16 bytes of the sha256, as storedTokenHash keeps of hashToken', () => {
    for (const token of TOKENS) {
      expect(tokens.storedHashOfToken(token).toString('hex')).toBe(sha256(token).subarray(0, 16).toString('hex'));
      expect(tokens.storedHashOfToken(token).equals(tokens.storedTokenHash(tokens.hashToken(token)))).toBe(true);
    }
  });

  it('new launch credentials store the hash of the HMAC token of each salt', () => {
    const credentials = invitation.newStoredCredentials(SECRET, 3);
    expect(new Set(credentials.map((c) => c.salt.toString('hex'))).size).toBe(3);
    for (const { salt, tokenHash } of credentials) {
      const token = crypto.createHmac('sha256', SECRET).update(`invitation:${salt.toString('base64url')}`).digest('base64url');
      expect(tokenHash.toString('hex')).toBe(sha256(token).subarray(0, 16).toString('hex'));
    }
  });
});
