import type { GroupRole } from '../../src/config';
import { accessFromGroups, emailFromClaims, groupsFromClaims, isEmailUnverified, nameFromClaims, teamIdsAfterSignIn, teamsManagedByMapping } from '../../src/accounts/oidc';

const MAPPING: GroupRole[] = [
  { group: 'qa', role: 'manager', team: undefined },
  { group: 'billing', role: 'member', team: 'Billing' },
  { group: 'ops', role: 'member', team: 'Logistics' },
  { group: 'ops-leads', role: 'member', team: 'Logistics' },
];

describe('what the provider\'s claims say', () => {
  it('reads the email from the configured claim, lower-cased, and nothing that is not an address', () => {
    expect(emailFromClaims({ email: ' Anna@Example.COM ' }, 'email')).toBe('anna@example.com');
    expect(emailFromClaims({ upn: 'bo@example.com', email: 'other@example.com' }, 'upn')).toBe('bo@example.com');
    expect(emailFromClaims({ email: 'not an address' }, 'email')).toBeUndefined();
    expect(emailFromClaims({ email: ['a@example.com'] }, 'email')).toBeUndefined();
    expect(emailFromClaims({}, 'email')).toBeUndefined();
  });

  it('counts an address as unverified only when the provider says so', () => {
    expect(isEmailUnverified({ email_verified: false })).toBe(true);
    expect(isEmailUnverified({ email_verified: 'false' })).toBe(true);
    expect(isEmailUnverified({ email_verified: true })).toBe(false);
    expect(isEmailUnverified({})).toBe(false);
  });

  it('reads groups as a list or a single name, and ignores anything else', () => {
    expect(groupsFromClaims({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsFromClaims({ roles: 'a' }, 'roles')).toEqual(['a']);
    expect(groupsFromClaims({ groups: { a: true } }, 'groups')).toEqual([]);
    expect(groupsFromClaims({}, 'groups')).toEqual([]);
  });

  it('names a new user from the name claims, else from the address', () => {
    expect(nameFromClaims({ name: ' Anna Admin ' }, 'a@example.com')).toBe('Anna Admin');
    expect(nameFromClaims({ given_name: 'Bo', family_name: 'Berg' }, 'b@example.com')).toBe('Bo Berg');
    expect(nameFromClaims({}, 'cy.quality@example.com')).toBe('cy.quality');
  });
});

describe('the role and teams groups give', () => {
  it('takes the role of the first matching entry in the mapping, whatever the order of the groups', () => {
    expect(accessFromGroups(['billing', 'qa'], MAPPING)).toEqual({ role: 'manager', teams: ['Billing'] });
  });

  it('gathers the teams of every matching entry, each once', () => {
    expect(accessFromGroups(['ops-leads', 'ops', 'billing'], MAPPING)).toEqual({ role: 'member', teams: ['Billing', 'Logistics'] });
  });

  it('gives nothing to someone in none of the groups (group names compared exactly)', () => {
    expect(accessFromGroups(['QA', 'canteen'], MAPPING)).toBeUndefined();
    expect(accessFromGroups([], MAPPING)).toBeUndefined();
  });

  it('keeps memberships of teams the mapping does not name, and sets the ones it names', () => {
    expect(teamsManagedByMapping(MAPPING)).toEqual(['Billing', 'Logistics']);
    // Teams 1 and 2 are managed by the mapping, 7 is not; the groups now give team 2.
    expect(teamIdsAfterSignIn([1, 7], [1, 2], [2])).toEqual([2, 7]);
    expect(teamIdsAfterSignIn([7], [1, 2], [])).toEqual([7]);
  });
});
