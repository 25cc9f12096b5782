import { afterEach, describe, expect, it } from 'vitest';
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import { TemporaryStores } from './temporary-stores.ts';
import { onPostgres } from '../test-data/store-under-test.ts';
import { AttributeCodec, encodedAs, sameEncoded, type CodecForm, type EncodedMap } from './attribute-codec.ts';
import { CODED_MARK, PACKED_MARK } from './packed-array.ts';

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

/** ASCII parts of either form are found in this text (packed texts are their UTF-8 bytes). */
function textOf(e: EncodedMap): string {
  return typeof e === 'string' ? e : Buffer.from(e).toString('latin1');
}

describe.each<CodecForm>(['packed', 'json'])('attribute encoding (%s)', (form) => {
  const codecOf = (s: ReturnType<typeof open>) => new AttributeCodec(s.names, form);

  it('reads back every attribute map it writes, value for value and in order, in either form', () => {
    const s = open();
    const codec = codecOf(s);
    const other: CodecForm = form === 'packed' ? 'json' : 'packed';
    const next = random(20261206);
    for (let i = 0; i < 3000; i++) {
      const attrs: StoredAttributes = {};
      const count = Math.floor(next() * 8);
      for (let a = 0; a < count; a++) attrs[`attr${Math.floor(next() * 12)}`] = values(next);
      const text = codec.encode(attrs);
      const back = codec.decode(text);
      expect(back).toEqual(attrs);
      expect(Object.keys(back)).toEqual(Object.keys(attrs));
      // A value may have joined the dictionary since: the text may differ, never what it reads back as.
      expect(codec.decode(codec.encode(back))).toEqual(attrs);
      // The other form holds the same map (store copies between SQLite and PostgreSQL, upgrades of older stores).
      const moved = encodedAs(text, other);
      expect(codec.decode(moved)).toEqual(attrs);
      expect(sameEncoded(encodedAs(moved, form), text)).toBe(true);
    }
  });

  it('writes names once in the dictionary, repeated text and shared DN parts once per object', () => {
    const s = open();
    const codec = codecOf(s);
    const members = Array.from({ length: 20 }, (_, i) => ({ ref: `uid=user${i},ou=people,dc=example`, mv: i + 1 }));
    const managers = [{ ref: 'CN=Ann,OU=Users,DC=example' }, { ref: 'CN=Bob,OU=Users,DC=example' }, { ref: 'CN=Cy,OU=Users,DC=example' }];
    const attrs: StoredAttributes = {
      mail: ['ann@example.com'], userPrincipalName: ['ann@example.com'], member: members, objectClass: ['groupOfNames'], managers,
    };
    const encoded = codec.encode(attrs);
    // The structure is read from the JSON form (the packed one may be deflated); the size is the stored one's.
    const text = textOf(encodedAs(encoded, 'json'));
    expect(text).not.toContain('userPrincipalName');
    expect(text.split('ann@example.com')).toHaveLength(2);
    expect(text.split(',ou=people,dc=example')).toHaveLength(2);
    expect(codec.decode(encoded)).toEqual(attrs);
    expect(text.split(',OU=Users,DC=example')).toHaveLength(2);
    expect(codec.referenceDns(encoded)).toEqual([...members, ...managers].map((m) => m.ref));
    expect(text.length).toBeLessThan(JSON.stringify(attrs).length / 2);
    expect(textOf(encoded).length).toBeLessThanOrEqual(text.length);
  });

  it('writes a value many objects share as a dictionary id, but never a value of an identity attribute', () => {
    const s = open();
    const codec = codecOf(s);
    const encoded = Array.from({ length: 20 }, (_, i) => codec.encode({ department: ['Human Resources'], displayName: ['Human Resources'], title: [`T${i}`] }));
    // First as text (then a reference to that text), at last as the dictionary's id, the identity value as text.
    const first = JSON.stringify(JSON.parse(textOf(encodedAs(encoded[0], 'json'))));
    const last = textOf(encodedAs(encoded[encoded.length - 1], 'json'));
    expect(first).toMatch(/^\[\d+,"Human Resources",\d+,0,/);
    expect(last).toMatch(/^\[\d+,-\d+,\d+,"Human Resources",/);
    for (const t of encoded) expect(codec.decode(t)).toEqual({ department: ['Human Resources'], displayName: ['Human Resources'], title: [expect.stringMatching(/^T/)] });
  });

  it('keeps an attribute named like an object property as a plain attribute', () => {
    const codec = codecOf(open());
    const attrs = JSON.parse('{"__proto__":["x"],"constructor":["y"]}') as StoredAttributes;
    const back = codec.decode(codec.encode(attrs));
    expect(Object.keys(back)).toEqual(['__proto__', 'constructor']);
    expect(back.__proto__).toEqual(['x']);
  });

  it('refuses a value the store cannot hold, naming the attribute', () => {
    const codec = codecOf(open());
    expect(() => codec.encode({ age: [42 as unknown as StoredValue] })).toThrow(/age/);
  });
});

describe('the packed form', () => {
  it('is what a SQLite store writes; PostgreSQL keeps JSON text', () => {
    expect(open().codec.form).toBe(onPostgres ? 'json' : 'packed');
  });

  it('is a fifth smaller than the JSON text, and rows written as JSON text by older versions still read', () => {
    const s = open();
    const codec = new AttributeCodec(s.names, 'packed');
    const attrs: StoredAttributes = { givenName: ['Ann'], sn: ['Lee'], mail: ['ann.lee@example.com'], employeeId: ['E0000042'], title: ['Engineer'] };
    const packed = codec.encode(attrs);
    expect(typeof packed).not.toBe('string');
    expect((packed as Uint8Array)[0]).toBe(PACKED_MARK);
    const json = encodedAs(packed, 'json') as string;
    expect((packed as Uint8Array).length).toBeLessThan(json.length * 0.85);
    expect(codec.decode(json)).toEqual(attrs);
    expect(() => codec.decode(Uint8Array.of(PACKED_MARK, 0x0a))).toThrow(/damaged/);
  });

  it('codes the repeats of a longer map, reads it back, and names a damaged one as such', () => {
    const s = open();
    const attrs: StoredAttributes = {
      cn: ['Leo Sørensen E0000909'], displayName: ['Leo Sørensen'], mail: ['leo.sorensen908@example.com'], uid: ['lsorensen908'],
      proxyAddresses: ['SMTP:leo.sorensen908@example.com', 'smtp:lsorensen908@example.com'], manager: [{ ref: 'CN=Felix Martin E0000130,OU=HR' }],
    };
    const codec = new AttributeCodec(s.names, 'packed');
    const packed = codec.encode(attrs) as Uint8Array;
    expect(packed[0]).toBe(CODED_MARK);
    expect(packed.length).toBeLessThan((encodedAs(packed, 'json') as string).length * 0.7);
    expect(codec.decode(packed)).toEqual(attrs);
    expect(codec.referenceDns(packed)).toEqual(['CN=Felix Martin E0000130,OU=HR']);
    const damaged = Uint8Array.from(packed);
    damaged.fill(0xff, 1, 8);
    expect(() => codec.decode(damaged)).toThrow(/damaged/);
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
