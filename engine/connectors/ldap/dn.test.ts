import { describe, expect, it } from 'vitest';
import { parentDn, parseDn, sameDn } from '../../model/dn.ts';
import { buildDn, modifyDnTarget, rdnDisplayName, rdnParts } from './dn.ts';

describe('LDAP DN helpers (on the model DN type)', () => {
  it('builds a DN whose value cannot add RDNs', () => {
    const dn = buildDn('cn', 'x,ou=admins', 'ou=people,dc=example,dc=com');
    expect(dn).toBe('cn=x\\,ou=admins,ou=people,dc=example,dc=com');
    expect(parseDn(dn)).toHaveLength(4);
    expect(parentDn(dn)).toBe('ou=people,dc=example,dc=com');
    expect(buildDn('cn', ' #lead', '')).toBe('cn=\\ #lead');
  });

  it('reads the decoded pairs of the first RDN', () => {
    expect(rdnParts('cn=Smith\\2C John+uid=js,ou=x')).toEqual([{ type: 'cn', value: 'Smith, John' }, { type: 'uid', value: 'js' }]);
    expect(rdnDisplayName('OU=Sales\\, EMEA,DC=x')).toBe('Sales, EMEA');
    expect(rdnParts('not a dn')).toEqual([]);
  });

  it('writes a modifyDN target ldapts splits at the right comma', () => {
    // ldapts splits at the first "," not preceded by "\": a value ending in an escaped backslash would defeat it.
    const target = modifyDnTarget('cn=back\\\\,ou=people,dc=x');
    expect(target).toBe('cn=back\\5C,ou=people,dc=x');
    expect(sameDn(target, 'cn=back\\\\,ou=people,dc=x')).toBe(true);
    const split = target.search(/[^\\],/);
    expect(target.slice(split + 2)).toBe('ou=people,dc=x');
    expect(modifyDnTarget('cn=a\\,b,dc=x')).toBe('cn=a\\,b,dc=x');
  });
});
