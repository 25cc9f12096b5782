import { describe, expect, it } from 'vitest';
import { containsAll, sameStoredValues } from './value-equality.ts';

describe('values as a connected system holds them', () => {
  it('compares references as DNs, whichever way they are spelled or typed', () => {
    expect(sameStoredValues([{ ref: 'uid=smith\\,j,ou=People,dc=x' }], [{ ref: 'UID=smith\\2Cj,ou=people,dc=x' }])).toBe(true);
    expect(sameStoredValues([{ ref: 'cn=a,dc=x' }], ['CN=A, DC=X'])).toBe(true);
    expect(sameStoredValues([{ ref: 'cn=a,dc=x' }], [{ ref: 'cn=b,dc=x' }])).toBe(false);
  });

  it('compares integers, booleans and dates by value, strings exactly, multi-values in any order', () => {
    expect(sameStoredValues([{ int: '1001' }], ['1001'])).toBe(true);
    expect(sameStoredValues([{ int: '1001' }], ['1002'])).toBe(false);
    expect(sameStoredValues([true], ['TRUE'])).toBe(true);
    expect(sameStoredValues([{ date: '2026-01-02T03:04:05.000Z' }], ['20260102030405Z'])).toBe(true);
    expect(sameStoredValues(['Ann'], ['ann'])).toBe(false);
    expect(sameStoredValues(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameStoredValues(['a', 'a'], ['a', 'b'])).toBe(false);
    expect(sameStoredValues([], undefined)).toBe(true);
  });

  it('finds wanted object classes among those a directory completed', () => {
    expect(containsAll(['top', 'person', 'organizationalPerson', 'inetOrgPerson'], ['inetOrgPerson'])).toBe(true);
    expect(containsAll(['top', 'person'], ['inetOrgPerson'])).toBe(false);
  });
});
