import { ConfigError, loadConfig } from '../../src/config';

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

const SSO = { OIDC_ISSUER: 'https://login.example.com/realms/staff', OIDC_CLIENT_ID: 'pds-loop', OIDC_CLIENT_SECRET: 'a-secret-nobody-may-see' };

describe('single sign-on configuration', () => {
  it('is off with nothing set, and password sign-in on', () => {
    const config = loadConfig({});
    expect(config.oidc).toBeUndefined();
    expect(config.passwordSignIn).toBe(true);
  });

  it('reads the provider, defaults and a group mapping', () => {
    const config = loadConfig({
      ...SSO,
      OIDC_PROVIDER_NAME: 'Contoso ID',
      OIDC_GROUP_CLAIM: 'groups',
      OIDC_GROUP_ROLES: 'pds-admins=admin; cn=billing,ou=groups=member:Billing; ops=member:Logistics: North;',
      OIDC_CREATE_USERS: 'on',
      PASSWORD_SIGN_IN: 'off',
    });
    expect(config.passwordSignIn).toBe(false);
    expect(config.oidc).toEqual({
      issuer: SSO.OIDC_ISSUER,
      clientId: 'pds-loop',
      clientSecret: SSO.OIDC_CLIENT_SECRET,
      providerName: 'Contoso ID',
      emailClaim: 'email',
      scopes: 'openid email profile',
      groupClaim: 'groups',
      groupRoles: [
        { group: 'pds-admins', role: 'admin', team: undefined },
        { group: 'cn=billing,ou=groups', role: 'member', team: 'Billing' },
        { group: 'ops', role: 'member', team: 'Logistics: North' },
      ],
      createUsers: true,
    });
  });

  it('names the variable of each bad value, and never shows the secret', () => {
    expect(errorOf({ ...SSO, OIDC_ISSUER: 'http://login.example.com' })).toMatch(/OIDC_ISSUER must be an https:\/\/ URL \(http:\/\/ only on localhost\)/);
    expect(loadConfig({ ...SSO, OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidc?.issuer).toBe('http://127.0.0.1:8080');
    expect(errorOf({ ...SSO, OIDC_SCOPES: 'email profile' })).toMatch(/OIDC_SCOPES must include openid/);
    expect(errorOf({ ...SSO, OIDC_EMAIL_CLAIM: 'e mail' })).toMatch(/OIDC_EMAIL_CLAIM must be a claim name/);
    expect(errorOf({ ...SSO, OIDC_CREATE_USERS: 'yes' })).toMatch(/OIDC_CREATE_USERS must be on or off/);
    expect(errorOf({ ...SSO, OIDC_GROUP_CLAIM: 'groups', OIDC_GROUP_ROLES: 'staff=boss' })).toMatch(/OIDC_GROUP_ROLES gives group "staff" the role "boss", which is not one of admin, manager, member, kam/);
    expect(errorOf({ ...SSO, OIDC_GROUP_CLAIM: 'groups', OIDC_GROUP_ROLES: 'admin' })).toMatch(/OIDC_GROUP_ROLES has "admin", which is not group=role/);
    expect(errorOf({ ...SSO, OIDC_GROUP_CLAIM: 'groups', OIDC_GROUP_ROLES: 'ops=member:' })).toMatch(/OIDC_GROUP_ROLES names an empty team for group "ops"/);
    const withBadSecret = errorOf({ ...SSO, OIDC_ISSUER: 'ftp://x', OIDC_CLIENT_SECRET: 'a-secret-nobody-may-see' });
    expect(withBadSecret).not.toContain('a-secret-nobody-may-see');
  });

  it('refuses settings that only make sense together', () => {
    expect(errorOf({ OIDC_CLIENT_ID: 'pds-loop' })).toMatch(/OIDC_CLIENT_ID is set but OIDC_ISSUER is not/);
    expect(errorOf({ PASSWORD_SIGN_IN: 'off' })).toMatch(/PASSWORD_SIGN_IN is off but OIDC_ISSUER is not set \(nobody could sign in\)/);
    expect(errorOf({ OIDC_ISSUER: SSO.OIDC_ISSUER, OIDC_CLIENT_ID: 'pds-loop' })).toMatch(/OIDC_CLIENT_SECRET is required with OIDC_ISSUER/);
    expect(errorOf({ ...SSO, OIDC_GROUP_CLAIM: 'groups' })).toMatch(/OIDC_GROUP_ROLES is required with OIDC_GROUP_CLAIM/);
    expect(errorOf({ ...SSO, OIDC_GROUP_ROLES: 'a=admin' })).toMatch(/OIDC_GROUP_CLAIM is required with OIDC_GROUP_ROLES/);
    // Creating users with no groups to decide would let every account at the provider in.
    expect(errorOf({ ...SSO, OIDC_CREATE_USERS: 'on' })).toMatch(/OIDC_CREATE_USERS=on needs OIDC_GROUP_CLAIM and OIDC_GROUP_ROLES/);
  });
});
