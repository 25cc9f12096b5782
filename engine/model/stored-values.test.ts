import { describe, expect, it } from 'vitest';
import { sameValues, valueKey } from './stored-values.ts';

describe('value comparison keys', () => {
  it('folds DN-valued text as a DN, and leaves other text alone', () => {
    expect(valueKey('CN=Smith\\, J,OU=People,DC=x')).toBe(valueKey('cn=smith\\2C j,ou=people,dc=x'));
    expect(valueKey('x  y')).not.toBe(valueKey('x y'));
    expect(valueKey('Hello, World')).toBe(valueKey('hello, world'));
  });

  it('keys metaverse references by the object they point to, and exactly also by their DN text', () => {
    expect(valueKey({ ref: 'cn=a,dc=x', mv: 7 })).toBe(valueKey({ ref: 'cn=renamed,dc=x', mv: 7 }));
    expect(sameValues([{ ref: 'cn=a,dc=x', mv: 7 }], [{ ref: 'cn=renamed,dc=x', mv: 7 }])).toBe(false);
    expect(valueKey({ ref: 'UID=A\\,B,dc=x' })).toBe(valueKey({ ref: 'uid=a\\2cb,DC=x' }));
  });
});
