import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileConnectorType } from './index.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

describe('file connector type', () => {
  it('validates its configuration with readable reasons', () => {
    const bad = fileConnectorType.configSchema.safeParse({ format: 'csv', path: 'x.csv' });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining(['anchor: a csv file needs an anchor attribute', 'objectType: set objectType or objectTypeAttribute']));
    const ok = fileConnectorType.configSchema.parse({ format: 'ldif', path: 'x.ldif' });
    expect(ok).toMatchObject({ multiValueSeparator: ';', batchSize: 500, encoding: 'utf-8', dnAttribute: 'dn' });
    expect(fileConnectorType.capabilities).toMatchObject({ deltaImport: true, export: true, exportsWholeSet: false });
  });

  it('refuses unknown configuration keys, naming each and the key it was probably meant to be', () => {
    const typo = fileConnectorType.configSchema.safeParse({ format: 'csv', path: 'x.csv', anchor: 'id', objectType: 'p', delimeter: ';', colour: 'red' });
    expect(typo.success).toBe(false);
    expect(typo.error!.issues.map((i) => i.message)).toEqual(['unknown key "delimeter" (did you mean "delimiter"?); unknown key "colour"']);
    const nested = fileConnectorType.configSchema.safeParse({ format: 'ldif', path: 'x.ldif', attributes: { n: { type: 'integer', multivalued: true } } });
    expect(nested.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['attributes.n: unknown key "multivalued" (did you mean "multiValued"?)']);
  });

  it('tests the connection: readable file and writable export directory', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, 'id\n1\n');
    expect(await connectorFor({ format: 'csv', path, anchor: 'id', objectType: 'p' }).testConnection(testContext())).toMatchObject({ ok: true });
    const missingDir = await connectorFor({ format: 'csv', path, exportPath: join(dir, 'no', 'such', 'out.csv'), anchor: 'id', objectType: 'p' }).testConnection(testContext());
    expect(missingDir.ok).toBe(false);
    expect(missingDir.message).toContain('not writable');
    const dirAsFile = await connectorFor({ format: 'csv', path: dir, anchor: 'id', objectType: 'p' }).testConnection(testContext());
    expect(dirAsFile).toMatchObject({ ok: false, message: `${dir} is not a file` });
  });

  it('discovers one partition and the schema with declared types', async () => {
    const csvPath = join(dir, 'a.csv');
    await writeFile(csvPath, 'dn,id,n,tags,empty\nCN=x,1,5,a;b,\n');
    const csv = connectorFor({ format: 'csv', path: csvPath, anchor: 'id', objectType: 'person', attributes: { n: { type: 'integer' }, tags: { multiValued: true } } });
    expect(await csv.discoverPartitions(testContext())).toEqual([{ id: 'default', name: 'default' }]);
    expect(await csv.discoverSchema(testContext())).toEqual({
      objectTypes: [
        {
          name: 'person',
          attributes: [
            { name: 'empty', type: 'string', multiValued: false },
            { name: 'id', type: 'string', multiValued: false },
            { name: 'n', type: 'integer', multiValued: false },
            { name: 'tags', type: 'string', multiValued: true },
          ],
        },
      ],
    });
    const ldifPath = join(dir, 'a.ldif');
    await writeFile(ldifPath, 'dn: cn=a,dc=x\nobjectClass: person\ncn: a\nmail: 1\nmail: 2\nphoto:: /wA=\n\ndn: cn=g,dc=x\nobjectClass: groupOfNames\nmember: cn=a,dc=x\n');
    const schema = await connectorFor({ format: 'ldif', path: ldifPath }).discoverSchema(testContext());
    expect(schema.objectTypes.map((t) => t.name)).toEqual(['person', 'groupOfNames']);
    expect(schema.objectTypes[0].attributes).toEqual(
      expect.arrayContaining([
        { name: 'mail', type: 'string', multiValued: true },
        { name: 'photo', type: 'binary', multiValued: false },
      ]),
    );
    expect(schema.objectTypes[1].attributes).toContainEqual({ name: 'member', type: 'reference', multiValued: true });
  });

  it('imports nothing for a partition it does not have, and rejects overlong and multi-valued anchors', async () => {
    const path = join(dir, 'a.json');
    await writeFile(path, JSON.stringify([{ id: '1' }, { id: 'x'.repeat(399) }, { id: ['a', 'b'] }]));
    const c = connectorFor({ format: 'json', path, anchor: 'id', objectType: 'p' });
    expect((await drain(c.importFull({ partitions: ['other'] }, testContext()))).changes).toEqual([]);
    const r = await drain(c.importFull({}, testContext()));
    expect(r.changes).toHaveLength(1);
    expect(r.problems.map((p) => p.code)).toEqual(['anchor-too-long', 'multi-valued-anchor-component']);
  });
});
