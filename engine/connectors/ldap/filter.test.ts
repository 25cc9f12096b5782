import { describe, expect, it } from 'vitest';
import { and, eq, escapeFilterValue, gte, or, parseConfiguredFilter } from './filter.ts';

describe('filters (RFC 4515)', () => {
  it('escapes the filter metacharacters', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\0')).toBe('a\\5cb\\00');
    expect(escapeFilterValue('plain é')).toBe('plain é');
  });

  it('keeps a hostile value an assertion value inside an equality filter', () => {
    const f = and(eq('objectClass', 'inetOrgPerson'), eq('uid', '*)(uid=*'));
    expect(f.toString()).toBe('(&(objectClass=inetOrgPerson)(uid=\\2a\\29\\28uid=\\2a))');
  });

  it('sends binary values as bytes', () => {
    const bytes = Buffer.from([0xc6, 0x11, 0xe5, 0x00, 0x2a]);
    const f = eq('objectGUID', bytes);
    expect(Buffer.isBuffer((f as unknown as { value: Buffer }).value)).toBe(true);
    expect((f as unknown as { value: Buffer }).value.equals(bytes)).toBe(true);
  });

  it('composes and/or and >=', () => {
    expect(or(eq('a', '1'), gte('b', '2')).toString()).toBe('(|(a=1)(b>=2))');
    expect(and(eq('a', '1')).toString()).toBe('(a=1)');
  });

  it('names the configuration item of a bad administrator filter', () => {
    expect(() => parseConfiguredFilter('(objectCategory=person', 'object type user')).toThrow(/object type user: invalid LDAP filter/);
  });
});
