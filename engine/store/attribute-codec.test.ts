import { afterEach, describe, expect, it } from 'vitest';
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import { TemporaryStores } from './temporary-stores.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());
const open = () => stores.open();

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

const TEXTS = ['', 'a', 'Ann', 'same value!', 'CN=Ann,OU=HR', 'Ærø 李 😀', '"quoted" \\ back', '\ud800 lone', '0', '12345678'];

function value(next: () => number): StoredValue {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  switch (Math.floor(next() * 7)) {
    case 0: return pick(TEXTS);
    case 1: return next() < 0.5;
    case 2: return { int: String(Math.floor(next() * 1e6) - 500) };
    case 3: return { bin: pick(['', 'AAEC', 'AQAAABBU1ECls/eIHeavCA==']) };
    case 4: return { date: '2026-01-02T03:04:05.678Z' };
    case 5: return { ref: `CN=${pick(TEXTS)}${Math.floor(next() * 5)},OU=Users,DC=example` };
    default: return { ref: `uid=u${Math.floor(next() * 50)},ou=people,dc=example`, mv: Math.floor(next() * 1000) };
  }
}

function sameShape(a: StoredValue, b: StoredValue): boolean {
  return typeof a === typeof b && (typeof a !== 'object' || Object.keys(a).join() === Object.keys(b as object).join());
}

/** Lists of one kind (to reach the per-kind forms) or of mixed values. */
function values(next: () => number): StoredValue[] {
  const n = Math.floor(next() * 6);
  const first = value(next);
  const alike = next() < 0.6;
  const out: StoredValue[] = [];
  for (let i = 0; i < n; i++) {
    let v = value(next);
    if (alike) for (let tries = 0; tries < 50 && !sameShape(v, first); tries++) v = value(next);
    out.push(v);
  }
  return out;
}

describe('attribute encoding', () => {
  it('reads back every attribute map it writes, value for value and in order', () => {
    const s = open();
    const next = random(20261206);
    for (let i = 0; i < 3000; i++) {
      const attrs: StoredAttributes = {};
      const count = Math.floor(next() * 8);
      for (let a = 0; a < count; a++) attrs[`attr${Math.floor(next() * 12)}`] = values(next);
      const text = s.codec.encode(attrs);
      const back = s.codec.decode(text);
      expect(back).toEqual(attrs);
      expect(Object.keys(back)).toEqual(Object.keys(attrs));
      // A value may have joined the dictionary since: the text may differ, never what it reads back as.
      expect(s.codec.decode(s.codec.encode(back))).toEqual(attrs);
    }
  });

  it('writes names once in the dictionary, repeated text and shared DN parts once per object', () => {
    const s = open();
    const members = Array.from({ length: 20 }, (_, i) => ({ ref: `uid=user${i},ou=people,dc=example`, mv: i + 1 }));
    const managers = [{ ref: 'CN=Ann,OU=Users,DC=example' }, { ref: 'CN=Bob,OU=Users,DC=example' }, { ref: 'CN=Cy,OU=Users,DC=example' }];
    const attrs: StoredAttributes = {
      mail: ['ann@example.com'], userPrincipalName: ['ann@example.com'], member: members, objectClass: ['groupOfNames'], managers,
    };
    const text = s.codec.encode(attrs);
    expect(text).not.toContain('userPrincipalName');
    expect(text.split('ann@example.com')).toHaveLength(2);
    expect(text.split(',ou=people,dc=example')).toHaveLength(2);
    expect(s.codec.decode(text)).toEqual(attrs);
    expect(text.split(',OU=Users,DC=example')).toHaveLength(2);
    expect(s.codec.referenceDns(text)).toEqual([...members, ...managers].map((m) => m.ref));
    expect(text.length).toBeLessThan(JSON.stringify(attrs).length / 2);
  });

  it('writes a value many objects share as a dictionary id, but never a value of an identity attribute', () => {
    const s = open();
    const texts = Array.from({ length: 20 }, (_, i) => s.codec.encode({ department: ['Human Resources'], displayName: ['Human Resources'], title: [`T${i}`] }));
    const last = texts[texts.length - 1];
    // First as text (then a reference to that text), at last as the dictionary's id, the identity value as text.
    expect(texts[0]).toMatch(/^\[\d+,"Human Resources",\d+,0,/);
    expect(last).toMatch(/^\[\d+,-\d+,\d+,"Human Resources",/);
    for (const t of texts) expect(s.codec.decode(t)).toEqual({ department: ['Human Resources'], displayName: ['Human Resources'], title: [expect.stringMatching(/^T/)] });
    // The global search's text filter still sees the identity value of every object.
    const ids = texts.map((t) => s.cs.insert({
      connector: 1, dn: `CN=${t.length},OU=x`, anchor: null, objectType: 'group', state: 'connector.normal', transient: false, mvId: null, link: null,
      hologram: s.codec.decode(t), pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
    }));
    const found = s.db.prepare("SELECT count(*) AS n FROM cs_objects WHERE hologram LIKE '%Human Resources%'").get() as { n: number };
    expect(found.n).toBe(ids.length);
  });

  it('keeps an attribute named like an object property as a plain attribute', () => {
    const s = open();
    const attrs = JSON.parse('{"__proto__":["x"],"constructor":["y"]}') as StoredAttributes;
    const back = s.codec.decode(s.codec.encode(attrs));
    expect(Object.keys(back)).toEqual(['__proto__', 'constructor']);
    expect(back.__proto__).toEqual(['x']);
  });

  it('refuses a value the store cannot hold, naming the attribute', () => {
    const s = open();
    expect(() => s.codec.encode({ age: [42 as unknown as StoredValue] })).toThrow(/age/);
  });

  it('forgets a name added in a transaction that rolled back, so no row refers to a missing name', () => {
    const dir = stores.directory();
    const s = stores.open(dir);
    expect(() =>
      s.transaction(() => {
        s.codec.encode({ rolledBack: ['x'] });
        throw new Error('abandoned');
      }),
    ).toThrow('abandoned');
    expect(s.db.prepare("SELECT count(*) AS n FROM names WHERE name = 'rolledBack'").get()).toEqual({ n: 0 });
    const text = s.codec.encode({ rolledBack: ['y'] });
    s.close();
    const again = stores.open(dir);
    expect(again.codec.decode(text)).toEqual({ rolledBack: ['y'] });
  });
});
