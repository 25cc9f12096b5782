import { describe, expect, it } from 'vitest';
import { buildDn, escapeDnValue, isWithin, normalizeDn, parentOf, rdnOf, splitDn, unescapeDnValue } from './dn.ts';

describe('DN escaping (RFC 4514)', () => {
  it('escapes the special characters and leading/trailing blanks', () => {
    expect(escapeDnValue('Smith, John')).toBe('Smith\\, John');
    expect(escapeDnValue('a+b"c\\d<e>f;g')).toBe('a\\+b\\"c\\\\d\\<e\\>f\\;g');
    expect(escapeDnValue(' #lead')).toBe('\\ #lead');
    expect(escapeDnValue('#x')).toBe('\\#x');
    expect(escapeDnValue('trail ')).toBe('trail\\ ');
    expect(escapeDnValue('nul\0')).toBe('nul\\00');
    expect(escapeDnValue('Zoë')).toBe('Zoë');
  });

  it('builds a DN whose value cannot add RDNs', () => {
    const dn = buildDn('cn', 'x,ou=admins', 'ou=people,dc=example,dc=com');
    expect(dn).toBe('cn=x\\,ou\\=admins,ou=people,dc=example,dc=com'.replace('\\=', '='));
    expect(splitDn(dn)).toHaveLength(4);
    expect(parentOf(dn)).toBe('ou=people,dc=example,dc=com');
  });

  it('splits, unescapes and compares DNs', () => {
    expect(splitDn('cn=a\\,b, ou=x,dc=y')).toEqual(['cn=a\\,b', 'ou=x', 'dc=y']);
    expect(rdnOf('cn=a\\,b,ou=x')).toBe('cn=a\\,b');
    expect(unescapeDnValue('a\\2Cb\\c3\\a9')).toBe('a,bé');
    expect(normalizeDn('CN=Ann , OU=People,DC=Example')).toBe(normalizeDn('cn=ann,ou=people,dc=example'));
    expect(normalizeDn('cn=a\\2cb,dc=x')).toBe(normalizeDn('cn=a\\,b,dc=x'));
    // Plain DNs take a shortcut; it must agree with the full decoding.
    expect(normalizeDn('CN=A B,DC=X')).toBe(normalizeDn('cn=a\\20b,dc=x'));
    expect(normalizeDn('cn=a\\3cb,dc=x')).toBe(normalizeDn('cn=a\\<b,dc=x'));
  });

  it('tests containment case-insensitively and not by suffix text alone', () => {
    expect(isWithin('uid=a,ou=People,dc=example,dc=com', 'ou=people,dc=example,dc=com')).toBe(true);
    expect(isWithin('ou=people,dc=example,dc=com', 'ou=people,dc=example,dc=com')).toBe(true);
    expect(isWithin('uid=a,ou=otherpeople,dc=example,dc=com', 'ou=people,dc=example,dc=com')).toBe(false);
  });
});
