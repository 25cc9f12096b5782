import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonArraySplitter } from './json-source.ts';
import { parseJsonLossless } from './lossless-json.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

function split(text: string, size: number) {
  const splitter = new JsonArraySplitter('f.json');
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...splitter.push(text.slice(i, i + size)));
  return [...out, ...splitter.end()];
}

describe('JSON array splitting', () => {
  it('cuts elements correctly whatever the chunk boundaries, including brackets and quotes inside strings', async () => {
    const text = '[\n {"a":"x]}\\"{"},\n {"b":[1,{"c":2}]} ,{"d":"é"}\n]\n';
    for (const size of [1, 2, 3, 7, 1000]) {
      const out = split(text, size);
      expect(out.map((e) => ('text' in e ? JSON.parse(e.text) : e))).toEqual([{ a: 'x]}"{' }, { b: [1, { c: 2 }] }, { d: 'é' }]);
      expect(out.map((e) => e.line)).toEqual([2, 3, 3]);
    }
  });
});

describe('JSON full import', () => {
  it('reads arrays as multi-valued, JSON numbers and booleans typed, DN from the dn key', async () => {
    const path = join(dir, 'users.json');
    const users = [
      { dn: 'CN=Ann,OU=X', id: 'u1', type: 'user', age: 31, enabled: true, mail: ['a@x.test', 'b@x.test'], manager: { dn: 'CN=Bo,OU=X' }, guid: 'AAECAwQFBgcICQoLDA0ODw==' },
      { id: 'u2', type: 'group', member: ['CN=Ann,OU=X'], note: null },
    ];
    await writeFile(path, JSON.stringify(users, null, 2));
    const c = connectorFor({
      format: 'json',
      path,
      anchor: 'id',
      objectTypeAttribute: 'type',
      attributes: { age: { type: 'integer' }, enabled: { type: 'boolean' }, manager: { type: 'reference' }, member: { type: 'reference', multiValued: true }, guid: { type: 'binary' } },
    });
    const r = await drain(c.importFull({}, testContext()));
    expect(r.problems).toEqual([]);
    const [ann, grp] = r.changes.map((ch) => (ch.kind === 'object' ? ch.object : null));
    expect(ann).toMatchObject({ anchor: 'u1', dn: 'CN=Ann,OU=X', objectType: 'user' });
    expect(ann!.attributes.age).toEqual([31n]);
    expect(ann!.attributes.enabled).toEqual([true]);
    expect(ann!.attributes.mail).toEqual(['a@x.test', 'b@x.test']);
    expect(ann!.attributes.manager).toEqual([{ dn: 'CN=Bo,OU=X' }]);
    expect(ann!.attributes.guid![0]).toEqual(new Uint8Array([...Array(16).keys()]));
    expect(grp).toMatchObject({ anchor: 'u2', dn: 'id=u2', objectType: 'group' });
    expect(grp!.attributes.member).toEqual([{ dn: 'CN=Ann,OU=X' }]);
    expect('note' in grp!.attributes).toBe(false);
  });
});

describe('64-bit integers', () => {
  it('reads integers beyond 2^53 exactly, declared or not, and writes them back as exact JSON numbers', async () => {
    const path = join(dir, 'ad.json');
    await writeFile(path, '[{"id":"1","pwdLastSet":129699324000000001,"uSNChanged":9223372036854775807,"n":-9007199254740993,"small":12,"f":1.5,"s":"12345678901234567890"}]');
    const c = connectorFor({ format: 'json', path, anchor: 'id', objectType: 'user', attributes: { pwdLastSet: { type: 'integer' }, uSNChanged: { type: 'integer' }, small: { type: 'integer' } } });
    const r = await drain(c.importFull({}, testContext()));
    expect(r.problems).toEqual([]);
    const object = r.changes[0].kind === 'object' ? r.changes[0].object : undefined;
    expect(object?.attributes).toEqual({
      id: ['1'],
      pwdLastSet: [129699324000000001n],
      uSNChanged: [9223372036854775807n],
      n: ['-9007199254740993'],
      small: [12n],
      f: ['1.5'],
      s: ['12345678901234567890'],
    });
    await c.export([{ csId: '2', op: 'add', objectType: 'user', dn: 'id=2', anchor: null, changes: [{ attribute: 'id', op: 'replace', values: ['2'] }, { attribute: 'pwdLastSet', op: 'replace', values: [129699324000000001n] }] }], testContext());
    expect(await readFile(path, 'utf8')).toContain('{"dn":"id=2","id":"2","pwdLastSet":129699324000000001}');
  });

  it('parses like JSON.parse otherwise, and names the position of a syntax error', () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\"y"],"__proto__":{"b":{}}}';
    expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
    expect(() => parseJsonLossless('{"a":1,}')).toThrow(/expected a property name at position 7/);
    expect(() => parseJsonLossless('[1] 2')).toThrow(/unexpected text after the JSON value/);
  });
});
