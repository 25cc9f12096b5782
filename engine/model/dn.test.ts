import { describe, expect, it } from 'vitest';
import { DnSyntaxError, dnKey, escapeDnValue, isBelowDn, isWithinDn, parentDn, parseDn, rdnText, rdnValue, rebaseDn, sameDn, sameName } from './dn.ts';

describe('DN identity', () => {
  it('treats escaped forms of one value as the same DN', () => {
    expect(sameDn('uid=smith\\,j,ou=people,dc=x', 'uid=smith\\2Cj,ou=people,dc=x')).toBe(true);
    expect(sameDn('cn=a\\+b,dc=x', 'cn=a\\2bb,dc=x')).toBe(true);
    expect(sameDn('cn=\\"q\\",dc=x', 'cn=\\22q\\22,dc=x')).toBe(true);
    expect(sameDn('cn=smith\\,j,dc=x', 'cn=smith j,dc=x')).toBe(false);
  });

  it('ignores the case of attribute types and of values, with Unicode folding and NFC', () => {
    expect(sameDn('CN=DUPRÉ,OU=People,DC=Example', 'cn=Dupré,ou=people,dc=example')).toBe(true);
    // É as one code point and as E + combining acute accent
    expect(sameDn('cn=Dupr\u00e9,dc=x', 'cn=Dupre\u0301,dc=x')).toBe(true);
    expect(sameDn('cn=Straße,dc=x', 'cn=STRASSE,dc=x')).toBe(true);
    expect(sameDn('cn=Dupr\\C3\\A9,dc=x', 'cn=dupré,dc=x')).toBe(true);
  });

  it('ignores insignificant spaces (RFC 4518)', () => {
    expect(sameDn('cn=Ann Lee , ou=people,  dc=x', 'cn=Ann Lee,ou=people,dc=x')).toBe(true);
    expect(sameDn('cn=Ann  Lee,dc=x', 'cn=Ann Lee,dc=x')).toBe(true);
    // RFC 4518: leading and trailing spaces are insignificant to caseIgnoreMatch, escaped or not.
    expect(dnKey('cn=a\\ ,dc=x')).toBe(dnKey('cn=a,dc=x'));
  });

  it('compares multi-valued RDNs in any order and # values by their bytes', () => {
    expect(sameDn('cn=a+uid=b,dc=x', 'UID=B+CN=A,dc=x')).toBe(true);
    expect(sameDn('cn=#04024869,dc=x', 'CN=#04024869,DC=X')).toBe(true);
    expect(parseDn('cn=#04024869,dc=x')[0][0].hex).toBe('04024869');
  });

  it('reports the position of a syntax error', () => {
    expect(() => parseDn('cn=a,,dc=x')).toThrow(DnSyntaxError);
    expect(() => parseDn('cn=a,dcx')).toThrow(/position 9/);
    expect(() => parseDn('cn=a\\')).toThrow(/position 5/);
  });

  it('splits, contains and rebases', () => {
    expect(rdnText('uid=smith\\,j,ou=people,dc=x')).toBe('uid=smith\\,j');
    expect(parentDn('uid=smith\\,j,ou=people,dc=x')).toBe('ou=people,dc=x');
    expect(isWithinDn('uid=a,OU=People,dc=x', 'ou=people,dc=x')).toBe(true);
    expect(isBelowDn('ou=people,dc=x', 'ou=people,dc=x')).toBe(false);
    expect(isWithinDn('uid=a,ou=peoplex,dc=x', 'ou=people,dc=x')).toBe(false);
    expect(rebaseDn('uid=a,ou=Sales,ou=people,dc=x', 'OU=sales,ou=people,dc=x', 'ou=Revenue,ou=people,dc=x')).toBe('uid=a,ou=Revenue,ou=people,dc=x');
    expect(rebaseDn('uid=a,ou=IT,dc=x', 'ou=sales,dc=x', 'ou=r,dc=x')).toBeNull();
    expect(rdnValue('cn=Smith\\, J,dc=x')).toEqual({ type: 'cn', value: 'Smith, J' });
  });

  it('escapes values so they parse back to themselves', () => {
    for (const v of ['Smith, J', ' lead', 'trail ', '#hash', 'a+b', 'q"uote', 'back\\slash', 'semi;colon', 'x=y', 'Dupré']) {
      const dn = `cn=${escapeDnValue(v)},dc=x`;
      expect(parseDn(dn)[0][0].value).toBe(v);
    }
  });
});

describe('sameName', () => {
  it('accepts escaping and parent spelling differences but not a case change of the own RDN value', () => {
    expect(sameName('uid=smith\\,j,ou=People,dc=x', 'UID=smith\\2Cj,ou=people,DC=x')).toBe(true);
    expect(sameName('cn=Ann Lee,ou=x', 'cn=ann lee,ou=x')).toBe(false);
    expect(sameName('cn=Ann Lee,ou=x', 'cn=Bob,ou=x')).toBe(false);
  });
});
