// A file target confirms its exports: after an export, importing the file returns exactly what was exported
// (so the engine can clear its pending exports), and a delta import right after returns nothing.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, ExportChange, ImportChange } from '../contract.ts';
import type { Attributes } from '../../model/values.ts';
import type { FileConfigInput } from './config.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const add = (csId: string, dn: string, attributes: Attributes): ExportChange => ({
  csId,
  op: 'add',
  objectType: 'inetOrgPerson',
  dn,
  anchor: null,
  changes: Object.entries(attributes).map(([attribute, values]) => ({ attribute, op: 'replace', values })),
});

const summary = (changes: ImportChange[]): string[] =>
  changes.map((c) => (c.kind === 'object' ? `object ${c.object.anchor} | ${c.object.dn} | ${JSON.stringify(c.object.attributes, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}` : `${c.kind} ${c.anchor}`));

/** Exports a batch (all must succeed), then checks that a delta import returns `expected` and the next one nothing. */
async function exportAndConfirm(c: Connector, watermark: string, batch: ExportChange[], expected: string[]): Promise<{ watermark: string; anchors: (string | undefined)[] }> {
  const results = await c.export(batch, testContext());
  expect(results.filter((r) => !r.ok)).toEqual([]);
  const delta = await drain(c.importDelta(watermark, {}, testContext()));
  expect(delta.problems).toEqual([]);
  expect(summary(delta.changes)).toEqual(expected);
  const settled = await drain(c.importDelta(delta.watermark!, {}, testContext()));
  expect(settled.changes).toEqual([]);
  expect(settled.problems).toEqual([]);
  return { watermark: settled.watermark!, anchors: results.map((r) => r.anchor) };
}

const ann = { objectClass: ['inetOrgPerson'], uid: ['ann'], cn: ['Ánn Lee'], title: ['Dev'], objectGUID: [new Uint8Array([0, 159, 146, 150])] };
const group = { objectClass: ['groupOfNames'], cn: ['staff'], member: [{ dn: 'uid=ann,ou=people,dc=x' }, { dn: 'uid=smith\\2Cj,ou=people,dc=x' }] };

describe('an LDIF target confirms its exports', () => {
  it('returns exactly what was exported, follows renames with their new DN anchor, and then settles', async () => {
    const path = join(dir, 'people.ldif');
    const c = connectorFor({ format: 'ldif', path, stateDir: join(dir, 'state') });
    const first = await c.export(
      [add('a', 'uid=ann,ou=people,dc=x', ann), add('s', 'uid=smith\\,j,ou=people,dc=x', { objectClass: ['inetOrgPerson'], uid: ['smith,j'] }), { ...add('g', 'cn=staff,dc=x', group), objectType: 'groupOfNames' }],
      testContext(),
    );
    const full = await drain(c.importFull({}, testContext()));
    expect(full.problems).toEqual([]);
    expect(full.changes).toEqual([
      { kind: 'object', object: { anchor: 'uid=ann,ou=people,dc=x', dn: 'uid=ann,ou=people,dc=x', objectType: 'inetOrgPerson', attributes: ann } },
      { kind: 'object', object: { anchor: 'uid=smith\\,j,ou=people,dc=x', dn: 'uid=smith\\,j,ou=people,dc=x', objectType: 'inetOrgPerson', attributes: { objectClass: ['inetOrgPerson'], uid: ['smith,j'] } } },
      { kind: 'object', object: { anchor: 'cn=staff,dc=x', dn: 'cn=staff,dc=x', objectType: 'groupOfNames', attributes: group } },
    ]);
    expect(first.map((r) => r.anchor)).toEqual(full.changes.map((ch) => ch.kind === 'object' && ch.object.anchor));
    const settled = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(settled.changes).toEqual([]);

    const renamed = await exportAndConfirm(
      c,
      settled.watermark!,
      [
        { csId: 's', op: 'delete', objectType: 'inetOrgPerson', dn: 'uid=smith\\2Cj,ou=people,dc=x', anchor: 'uid=smith\\,j,ou=people,dc=x', changes: [] },
        {
          csId: 'a',
          op: 'update',
          objectType: 'inetOrgPerson',
          dn: 'uid=ann,ou=people,dc=x',
          newDn: 'uid=anna,ou=staff,dc=x',
          anchor: 'uid=ann,ou=people,dc=x',
          changes: [{ attribute: 'uid', op: 'replace', values: ['anna'] }, { attribute: 'title', op: 'replace', values: ['Lead'] }],
        },
        { csId: 'g', op: 'update', objectType: 'groupOfNames', dn: 'cn=staff,dc=x', anchor: 'cn=staff,dc=x', changes: [{ attribute: 'member', op: 'replace', values: [{ dn: 'uid=anna,ou=staff,dc=x' }] }] },
      ],
      [
        `object uid=anna,ou=staff,dc=x | uid=anna,ou=staff,dc=x | ${JSON.stringify({ ...ann, uid: ['anna'], title: ['Lead'] })}`,
        `object cn=staff,dc=x | cn=staff,dc=x | ${JSON.stringify({ ...group, member: [{ dn: 'uid=anna,ou=staff,dc=x' }] })}`,
        'delete uid=ann,ou=people,dc=x',
        'delete uid=smith\\,j,ou=people,dc=x',
      ],
    );
    // The export result names the anchor the import then uses: the engine keeps the object's identity.
    expect(renamed.anchors).toEqual([undefined, 'uid=anna,ou=staff,dc=x', 'cn=staff,dc=x']);
  });
});

describe('CSV and JSON targets confirm their exports', () => {
  const targets: [string, FileConfigInput][] = [
    ['a CSV file anchored by an attribute', { format: 'csv', path: 'out.csv', anchor: 'id', objectType: 'inetOrgPerson', attributes: { member: { type: 'reference', multiValued: true } } }],
    ['a JSON file anchored by the DN', { format: 'json', path: 'out.json', anchor: 'dn', objectType: 'inetOrgPerson', attributes: { member: { type: 'reference', multiValued: true }, n: { type: 'integer' } } }],
  ];
  for (const [name, config] of targets) {
    it(`${name}: the import returns what was written, renames included, and then settles`, async () => {
      const c = connectorFor({ ...config, path: join(dir, config.path), stateDir: join(dir, 'state') });
      const json = config.format === 'json';
      const person = { id: ['1'], cn: ['Smith, J'], ...(json ? { n: [129699324000000000n] } : {}) };
      const first = await c.export([add('p', 'cn=Smith\\, J,dc=x', person), add('g', 'cn=g,dc=x', { id: ['2'], member: [{ dn: 'CN=Smith\\2C J,DC=x' }] })], testContext());
      const full = await drain(c.importFull({}, testContext()));
      expect(full.problems).toEqual([]);
      expect(summary(full.changes)).toEqual([
        `object ${json ? 'cn=Smith\\, J,dc=x' : '1'} | cn=Smith\\, J,dc=x | ${JSON.stringify(person, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`,
        `object ${json ? 'cn=g,dc=x' : '2'} | cn=g,dc=x | {"id":["2"],"member":[{"dn":"CN=Smith\\\\2C J,DC=x"}]}`,
      ]);
      expect(first.map((r) => r.anchor)).toEqual(full.changes.map((ch) => ch.kind === 'object' && ch.object.anchor));
      const renamed = await exportAndConfirm(
        c,
        full.watermark!,
        // Found by its DN alone, written with another escaping: DN identity, not text equality.
        [{ csId: 'p', op: 'update', objectType: 'inetOrgPerson', dn: 'CN=Smith\\2C J, DC=X', newDn: 'cn=Smith\\, John,dc=x', anchor: null, changes: [{ attribute: 'cn', op: 'replace', values: ['Smith, John'] }] }],
        json
          ? ['object cn=Smith\\, John,dc=x | cn=Smith\\, John,dc=x | {"id":["1"],"cn":["Smith, John"],"n":["129699324000000000n"]}', 'delete cn=Smith\\, J,dc=x']
          : ['object 1 | cn=Smith\\, John,dc=x | {"id":["1"],"cn":["Smith, John"]}'],
      );
      expect(renamed.anchors).toEqual([json ? 'cn=Smith\\, John,dc=x' : '1']);
    });
  }
});
