import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ExportChange, ImportedObject } from '../contract.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const attributes = {
  n: { type: 'integer' as const },
  on: { type: 'boolean' as const },
  guid: { type: 'binary' as const },
  hired: { type: 'datetime' as const },
  boss: { type: 'reference' as const },
  tags: { multiValued: true },
};

const asAdds = (objects: ImportedObject[]): ExportChange[] =>
  objects.map((o, i) => ({
    csId: `c${i}`,
    op: 'add',
    objectType: o.objectType,
    dn: o.dn,
    anchor: null,
    changes: Object.entries(o.attributes).map(([attribute, values]) => ({ attribute, op: 'replace', values })),
  }));

const objectsOf = async (config: Parameters<typeof connectorFor>[0]): Promise<ImportedObject[]> => {
  const r = await drain(connectorFor(config).importFull({}, testContext()));
  expect(r.problems).toEqual([]);
  return r.changes.map((c) => (c.kind === 'object' ? c.object : (undefined as never)));
};

it('carries every value type unchanged from CSV to JSON to LDIF and back through the connector', async () => {
  const csvPath = join(dir, 'in.csv');
  await writeFile(
    csvPath,
    'id,name,n,on,guid,hired,boss,tags\n' +
      '1,Zoë Ünïcode,-42,true,AAECAwQFBgcICQoLDA0ODw==,2024-03-01T08:00:00.000Z,"CN=Boss,OU=HR",a;b\\;c\n' +
      '2,"Smith, Jr.",9007199254740993,false,,,,\n',
  );
  const fromCsv = await objectsOf({ format: 'csv', path: csvPath, anchor: 'id', objectType: 'person', dnTemplate: 'CN={name},OU=HR', attributes });
  expect(fromCsv[0].attributes.tags).toEqual(['a', 'b;c']);
  expect(fromCsv[1].attributes.n).toEqual([9007199254740993n]);

  const jsonPath = join(dir, 'out.json');
  const json = connectorFor({ format: 'json', path: jsonPath, anchor: 'id', objectType: 'person', attributes });
  expect((await json.export(asAdds(fromCsv), testContext())).every((r) => r.ok)).toBe(true);
  const fromJson = await objectsOf({ format: 'json', path: jsonPath, anchor: 'id', objectType: 'person', attributes });
  expect(fromJson).toEqual(fromCsv);

  const ldifPath = join(dir, 'out.ldif');
  const ldif = connectorFor({ format: 'ldif', path: ldifPath, anchor: 'id', objectType: 'person', attributes });
  expect((await ldif.export(asAdds(fromJson), testContext())).map((r) => r.anchor)).toEqual(['1', '2']);
  const fromLdif = await objectsOf({ format: 'ldif', path: ldifPath, anchor: 'id', objectType: 'person', attributes });
  expect(fromLdif).toEqual(fromCsv);
});
