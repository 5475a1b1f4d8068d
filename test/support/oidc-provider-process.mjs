// A real OpenID provider (oidc-provider) on loopback for the single sign-on tests, run as a
// child process because the package is ESM only. It reads its set-up as JSON from
// OIDC_TEST_PROVIDER (clients, accounts), listens on a free port and prints
// {"issuer": "http://127.0.0.1:<port>"} on one line. Its login page is the library's
// development one: the "login" field names an account (any password), consent is implied.
import http from 'node:http';
import Provider from 'oidc-provider';

const setup = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? '{}');
const accounts = setup.accounts ?? {};

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: setup.clients ?? [],
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  // Claims in the ID token too (as most company providers do), unless the set-up asks for userinfo only.
  conformIdTokenClaims: setup.claimsInUserinfoOnly === true,
  cookies: { keys: ['test-only-cookie-key-0123456789abcdef'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  // No consent page: the test client is trusted for every scope it asks for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
});
// The library warns about its development settings on every start; the tests know.
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider server error: ${error.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
