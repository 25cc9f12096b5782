import { describe, expect, it } from 'vitest';
import type { ImportedObject } from '../contract.ts';
import { objectDigest } from './digest.ts';

const base: ImportedObject = {
  anchor: '1',
  dn: 'CN=Ann,OU=HR',
  objectType: 'person',
  attributes: { mail: ['a@x', 'b@x'], n: [5n], on: [true], photo: [new Uint8Array([1, 2])], mgr: [{ dn: 'CN=Bo,OU=HR' }], when: [new Date(0)] },
};
const variant = (change: Partial<ImportedObject> | ((a: ImportedObject['attributes']) => void)): string => {
  if (typeof change === 'function') {
    const attributes = structuredClone(base.attributes);
    change(attributes);
    return objectDigest({ ...base, attributes });
  }
  return objectDigest({ ...base, ...change });
};

describe('object digest', () => {
  const d = objectDigest(base);

  it('is stable and ignores the order of attributes and values', () => {
    expect(d).toMatch(/^[A-Za-z0-9+/]{22}$/);
    expect(objectDigest(base)).toBe(d);
    const reordered = Object.fromEntries(Object.entries(base.attributes).reverse());
    reordered.mail = ['b@x', 'a@x'];
    expect(objectDigest({ ...base, attributes: reordered })).toBe(d);
    expect(variant((a) => (a.empty = []))).toBe(d);
  });

  it('changes with any value, type, attribute name, DN (as written) or object type', () => {
    const others = [
      variant({ dn: 'CN=Ann,OU=IT' }),
      variant({ dn: 'cn=ann, ou=hr' }),
      variant((a) => (a.mgr = [{ dn: 'CN=Bo,OU=hr' }])),
      variant({ objectType: 'contact' }),
      variant((a) => (a.mail = ['a@x'])),
      variant((a) => (a.mail = ['a@x', 'b@x', 'c@x'])),
      variant((a) => (a.n = ['5'])),
      variant((a) => (a.n = [6n])),
      variant((a) => (a.on = [false])),
      variant((a) => (a.photo = [new Uint8Array([1, 3])])),
      variant((a) => (a.mgr = [{ dn: 'CN=Cy,OU=HR' }])),
      variant((a) => (a.when = [new Date(1)])),
      variant((a) => ((a.mail2 = a.mail), delete (a as Record<string, unknown>).mail)),
      variant((a) => ((a.n = [true]), (a.on = [5n]))),
    ];
    expect(new Set([d, ...others]).size).toBe(others.length + 1);
  });
});
