import { loadConfig } from '../../src/config';
import { configErrorOf } from '../support/config-error';

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
    expect(configErrorOf({ ...SSO, OIDC_ISSUER: 'http://login.example.com' })).toMatch(/OIDC_ISSUER must be an https:\/\/ URL \(http:\/\/ only on localhost\)/);
    expect(loadConfig({ ...SSO, OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidc?.issuer).toBe('http://127.0.0.1:8080');
    expect(configErrorOf({ ...SSO, OIDC_SCOPES: 'email profile' })).toMatch(/OIDC_SCOPES must include openid/);
    expect(configErrorOf({ ...SSO, OIDC_EMAIL_CLAIM: 'e mail' })).toMatch(/OIDC_EMAIL_CLAIM must be a claim name/);
    expect(configErrorOf({ ...SSO, OIDC_CREATE_USERS: 'yes' })).toMatch(/OIDC_CREATE_USERS must be on or off/);
    expect(configErrorOf({ ...SSO, OIDC_GROUP_CLAIM: 'groups', OIDC_GROUP_ROLES: 'staff=boss' })).toMatch(/OIDC_GROUP_ROLES gives group "staff" the role "boss", which is not one of admin, manager, member, kam/);
    expect(configErrorOf({ ...SSO, OIDC_GROUP_CLAIM: 'groups', OIDC_GROUP_ROLES: 'admin' })).toMatch(/OIDC_GROUP_ROLES has "admin", which is not group=role/);
    expect(configErrorOf({ ...SSO, OIDC_GROUP_CLAIM: 'groups', OIDC_GROUP_ROLES: 'ops=member:' })).toMatch(/OIDC_GROUP_ROLES names an empty team for group "ops"/);
    const withBadSecret = configErrorOf({ ...SSO, OIDC_ISSUER: 'ftp://x', OIDC_CLIENT_SECRET: 'a-secret-nobody-may-see' });
    expect(withBadSecret).not.toContain('a-secret-nobody-may-see');
  });

  it('refuses settings that only make sense together', () => {
    expect(configErrorOf({ OIDC_CLIENT_ID: 'pds-loop' })).toMatch(/OIDC_CLIENT_ID is set but OIDC_ISSUER is not/);
    expect(configErrorOf({ PASSWORD_SIGN_IN: 'off' })).toMatch(/PASSWORD_SIGN_IN is off but OIDC_ISSUER is not set \(nobody could sign in\)/);
    expect(configErrorOf({ OIDC_ISSUER: SSO.OIDC_ISSUER, OIDC_CLIENT_ID: 'pds-loop' })).toMatch(/OIDC_CLIENT_SECRET is required with OIDC_ISSUER/);
    expect(configErrorOf({ ...SSO, OIDC_GROUP_CLAIM: 'groups' })).toMatch(/OIDC_GROUP_ROLES is required with OIDC_GROUP_CLAIM/);
    expect(configErrorOf({ ...SSO, OIDC_GROUP_ROLES: 'a=admin' })).toMatch(/OIDC_GROUP_CLAIM is required with OIDC_GROUP_ROLES/);
    // Creating users with no groups to decide would let every account at the provider in.
    expect(configErrorOf({ ...SSO, OIDC_CREATE_USERS: 'on' })).toMatch(/OIDC_CREATE_USERS=on needs OIDC_GROUP_CLAIM and OIDC_GROUP_ROLES/);
  });
});
