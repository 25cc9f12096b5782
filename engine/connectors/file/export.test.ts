import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportChange } from '../contract.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { readLdif, type LdifRecord } from './ldif-reader.ts';
import { readLines, readTextChunks } from './text-source.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const add = (csId: string, dn: string, attrs: Record<string, ExportChange['changes'][number]['values']>): ExportChange => ({
  csId,
  op: 'add',
  objectType: 'person',
  dn,
  anchor: null,
  changes: Object.entries(attrs).map(([attribute, values]) => ({ attribute, op: 'replace', values })),
});

describe('CSV export', () => {
  it('applies adds, updates, renames and deletes to the file and reports per-object errors without stopping', async () => {
    const path = join(dir, 'out.csv');
    await writeFile(path, 'id,dn,name,tags\n1,CN=Ann,Ann,a;b\n2,CN=Bo,Bo,\n');
    const c = connectorFor({ format: 'csv', path, anchor: 'id', objectType: 'person', attributes: { tags: { multiValued: true }, n: { type: 'integer' } } });
    const results = await c.export(
      [
        add('c3', 'CN=Cy', { id: ['3'], name: ['Cy, Jr.'], n: [5n], tags: ['x;y', 'z'] }),
        add('c4', 'CN=Dup', { id: ['1'], name: ['Dup'] }),
        { csId: 'c1', op: 'update', objectType: 'person', dn: 'CN=Ann', newDn: 'CN=Anna', anchor: '1', changes: [{ attribute: 'tags', op: 'delete', values: ['a'] }, { attribute: 'tags', op: 'add', values: ['c'] }] },
        { csId: 'c9', op: 'update', objectType: 'person', dn: 'CN=Nobody', anchor: '9', changes: [] },
        { csId: 'c2', op: 'delete', objectType: 'person', dn: 'CN=Bo', anchor: null, changes: [] },
        add('c5', 'CN=Two', { id: ['5'], name: ['a', 'b'] }),
      ],
      testContext(),
    );
    expect(results.map((r) => [r.csId, r.ok, r.error?.code, r.anchor])).toEqual([
      ['c3', true, undefined, '3'],
      ['c4', false, 'cd-existing-object', undefined],
      ['c1', true, undefined, '1'],
      ['c9', false, 'cd-missing-object', undefined],
      ['c2', true, undefined, undefined],
      ['c5', false, 'schema-violation', undefined],
    ]);
    expect(await readFile(path, 'utf8')).toBe('id,dn,name,tags,n\n1,CN=Anna,Ann,b;c,\n3,CN=Cy,"Cy, Jr.",x\\;y;z,5\n');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const back = await drain(c.importFull({}, testContext()));
    const cy = back.changes.find((ch) => ch.kind === 'object' && ch.object.anchor === '3');
    expect(cy?.kind === 'object' && cy.object.attributes).toEqual({ id: ['3'], name: ['Cy, Jr.'], tags: ['x;y', 'z'], n: [5n] });
  });

  it('creates the export file when it is missing, computing DNs from the template', async () => {
    const src = join(dir, 'in.csv');
    const out = join(dir, 'sub', 'out.csv');
    await writeFile(src, 'id,name\n');
    const c = connectorFor({ format: 'csv', path: src, exportPath: out, anchor: 'id', objectType: 'person', dnTemplate: 'CN={name},OU=HR' });
    const [r] = await c.export([add('c1', 'CN=ignored', { id: ['7'], name: ['Zoë'] })], testContext());
    expect(r).toEqual({ csId: 'c1', ok: true, anchor: '7', dn: 'CN=Zoë,OU=HR' });
    expect(await readFile(out, 'utf8')).toBe('id,name\n7,Zoë\n');
  });

  it('never leaves the target half-written: a failed write keeps the old file and no temporary file', async () => {
    const path = join(dir, 'out.json');
    const original = '[{"id":"1","name":"Ann"}]';
    await writeFile(path, original);
    await expect(
      writeFileAtomic(path, async (write) => {
        await write('[{"id":"2"');
        await write('x'.repeat(2 << 20));
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(await readFile(path, 'utf8')).toBe(original);
    expect(await readdir(dir)).toEqual(['out.json']);
    await writeFileAtomic(path, async (write) => write('[]'));
    expect(await readFile(path, 'utf8')).toBe('[]');
    expect(await readdir(dir)).toEqual(['out.json']);
  });
});

describe('JSON export', () => {
  it('writes the whole set as a JSON array with typed values and keeps the file re-importable', async () => {
    const path = join(dir, 'out.json');
    await writeFile(path, '[{"dn":"CN=Ann","id":"1","age":30}]');
    const c = connectorFor({ format: 'json', path, anchor: 'id', objectType: 'person', attributes: { age: { type: 'integer' }, on: { type: 'boolean' }, bin: { type: 'binary' }, mgr: { type: 'reference' } } });
    const results = await c.export(
      [
        add('c2', 'CN=Bo', { id: ['2'], age: [41n], on: [true], bin: [new Uint8Array([1, 2])], mgr: [{ dn: 'CN=Ann' }], mail: ['a@x', 'b@x'] }),
        { csId: 'c1', op: 'update', objectType: 'person', dn: 'CN=Ann', anchor: '1', changes: [{ attribute: 'age', op: 'replace', values: [31n] }] },
      ],
      testContext(),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual([
      { dn: 'CN=Ann', id: '1', age: 31 },
      { dn: 'CN=Bo', id: '2', age: 41, on: true, bin: 'AQI=', mgr: 'CN=Ann', mail: ['a@x', 'b@x'] },
    ]);
    const back = await drain(c.importFull({}, testContext()));
    expect(back.problems).toEqual([]);
    expect(back.changes).toHaveLength(2);
  });
});

describe('LDIF export', () => {
  it('appends add, moddn, modify and delete records; a rename comes before the modify of the same entry', async () => {
    const path = join(dir, 'changes.ldif');
    const c = connectorFor({ format: 'ldif', path, exportPath: path });
    const results = await c.export(
      [
        add('a', 'uid=ann,ou=people,dc=x', { uid: ['ann'], cn: ['Ánn'], objectGUID: [new Uint8Array([9, 8])], member: [{ dn: 'uid=bo,dc=x' }] }),
        {
          csId: 'b',
          op: 'update',
          objectType: 'person',
          dn: 'uid=ann,ou=people,dc=x',
          newDn: 'uid=anna,ou=staff,dc=x',
          anchor: 'uid=ann,ou=people,dc=x',
          changes: [{ attribute: 'title', op: 'replace', values: ['Lead'] }, { attribute: 'mail', op: 'delete', values: [] }],
        },
        { csId: 'c', op: 'delete', objectType: 'person', dn: 'uid=old,dc=x', anchor: null, changes: [] },
        { csId: 'd', op: 'delete', objectType: 'person', dn: 'not a dn', anchor: null, changes: [] },
      ],
      testContext(),
    );
    expect(results.map((r) => [r.csId, r.ok, r.anchor ?? r.error?.code])).toEqual([
      ['a', true, 'uid=ann,ou=people,dc=x'],
      ['b', true, 'uid=anna,ou=staff,dc=x'],
      ['c', true, undefined],
      ['d', false, 'invalid-dn'],
    ]);
    await c.export([{ csId: 'e', op: 'delete', objectType: 'person', dn: 'uid=e,dc=x', anchor: null, changes: [] }], testContext());
    const records: LdifRecord[] = [];
    for await (const r of readLdif(readLines(readTextChunks(path, new Set())))) if (r.kind !== 'error') records.push(r);
    expect(records.map((r) => `${r.kind} ${r.dn}`)).toEqual([
      'add uid=ann,ou=people,dc=x',
      'moddn uid=ann,ou=people,dc=x',
      'modify uid=anna,ou=staff,dc=x',
      'delete uid=old,dc=x',
      'delete uid=e,dc=x',
    ]);
    expect(records[0].kind === 'add' && records[0].attributes.map((a) => a.name)).toEqual(['objectClass', 'uid', 'cn', 'objectGUID', 'member']);
    expect(records[1]).toMatchObject({ newRdn: 'uid=anna', deleteOldRdn: true, newSuperior: 'ou=staff,dc=x' });
  });

  it('reports the anchor the next import gives the object, whatever spelling of the DN the engine sent', async () => {
    const path = join(dir, 'people.ldif');
    const c = connectorFor({ format: 'ldif', path, stateDir: join(dir, 'state') });
    await c.export([add('a', 'uid=a,ou=People,dc=x', { uid: ['a'] }), add('s', 'uid=smith\\,j,ou=People,dc=x', { uid: ['smith,j'] })], testContext());
    const results = await c.export(
      [
        // Renamed in place; the engine spells the parent in lower case.
        { csId: 'a', op: 'update', objectType: 'person', dn: 'uid=a,ou=people,dc=x', newDn: 'uid=b,ou=people,dc=x', anchor: 'uid=a,ou=People,dc=x', changes: [] },
        // Not renamed; the engine spells the DN with a hex escape.
        { csId: 's', op: 'update', objectType: 'person', dn: 'UID=smith\\2Cj,ou=people,dc=x', anchor: 'uid=smith\\,j,ou=People,dc=x', changes: [{ attribute: 'title', op: 'replace', values: ['X'] }] },
      ],
      testContext(),
    );
    const imported = await drain(c.importFull({}, testContext()));
    expect(imported.problems).toEqual([]);
    const anchors = imported.changes.map((ch) => ch.kind === 'object' && ch.object.anchor);
    expect(results.map((r) => r.anchor)).toEqual(['uid=b,ou=people,dc=x', 'uid=smith\\,j,ou=People,dc=x']);
    expect(anchors).toEqual(['uid=b,ou=people,dc=x', 'uid=smith\\,j,ou=People,dc=x']);
  });

  it('never makes the modify after a rename remove or re-add the value the entry is named by', async () => {
    const path = join(dir, 'changes.ldif');
    const c = connectorFor({ format: 'ldif', path });
    const rename = (csId: string, changes: ExportChange['changes']): ExportChange => ({ csId, op: 'update', objectType: 'person', dn: 'uid=ann,dc=x', newDn: 'uid=anna,dc=x', anchor: 'uid=ann,dc=x', changes });
    const results = await c.export(
      [
        rename('ok', [{ attribute: 'uid', op: 'delete', values: ['ann'] }, { attribute: 'uid', op: 'add', values: ['anna'] }, { attribute: 'sn', op: 'replace', values: ['A'] }]),
        rename('bad', [{ attribute: 'uid', op: 'replace', values: ['someone'] }]),
        // Escaping and spacing alone are not a rename.
        { csId: 'same', op: 'update', objectType: 'person', dn: 'cn=Smith\\, J,dc=x', newDn: 'CN=Smith\\2C J, dc=x', anchor: null, changes: [] },
      ],
      testContext(),
    );
    expect(results.map((r) => [r.csId, r.ok, r.error?.code])).toEqual([
      ['ok', true, undefined],
      ['bad', false, 'modify-naming-attribute'],
      ['same', true, undefined],
    ]);
    expect(await readFile(path, 'utf8')).toBe('dn: uid=ann,dc=x\nchangetype: moddn\nnewrdn: uid=anna\ndeleteoldrdn: 1\nnewsuperior: dc=x\n\ndn: uid=anna,dc=x\nchangetype: modify\nreplace: sn\nsn: A\n-\n\n');
  });
});
