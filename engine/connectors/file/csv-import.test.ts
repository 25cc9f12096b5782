import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportedObject } from '../contract.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const hrConfig = (path: string) => ({
  format: 'csv' as const,
  path,
  anchor: 'employeeId',
  objectType: 'person',
  dnTemplate: 'CN={displayName},OU=HR',
  attributes: {
    employeeNumber: { type: 'integer' as const },
    accountEnabled: { type: 'boolean' as const },
    photo: { type: 'binary' as const },
    manager: { type: 'reference' as const },
    hireDate: { type: 'datetime' as const },
    proxyAddresses: { multiValued: true },
  },
});

describe('CSV full import', () => {
  it('types values, splits multi-valued cells, fills the DN template with escaping, keeps unicode', async () => {
    const path = join(dir, 'hr.csv');
    await writeFile(
      path,
      'employeeId,displayName,employeeNumber,accountEnabled,photo,manager,hireDate,proxyAddresses\n' +
        'E1,"Smith, Anna",42,true,AAEC/w==,"CN=Boss,OU=HR",2024-03-01T08:00:00Z,SMTP:anna@x.test;smtp:a@x.test\n' +
        'E2,Łukasz Żółć 王,7,false,,,,\n',
    );
    const result = await drain(connectorFor(hrConfig(path)).importFull({}, testContext()));
    expect(result.problems).toEqual([]);
    const objects = result.changes.map((c) => (c.kind === 'object' ? c.object : undefined)) as ImportedObject[];
    expect(objects).toHaveLength(2);
    const [anna, lukasz] = objects;
    expect(anna.anchor).toBe('E1');
    expect(anna.dn).toBe('CN=Smith\\, Anna,OU=HR');
    expect(anna.objectType).toBe('person');
    expect(anna.attributes.employeeNumber).toEqual([42n]);
    expect(anna.attributes.accountEnabled).toEqual([true]);
    expect(anna.attributes.photo).toEqual([new Uint8Array([0, 1, 2, 255])]);
    expect(anna.attributes.manager).toEqual([{ dn: 'CN=Boss,OU=HR' }]);
    expect(anna.attributes.hireDate).toEqual([new Date('2024-03-01T08:00:00Z')]);
    expect(anna.attributes.proxyAddresses).toEqual(['SMTP:anna@x.test', 'smtp:a@x.test']);
    expect(lukasz.dn).toBe('CN=Łukasz Żółć 王,OU=HR');
    expect(lukasz.attributes.accountEnabled).toEqual([false]);
    expect(lukasz.attributes.photo).toBeUndefined();
    expect(result.watermark).toMatch(/^[0-9a-z]+-[0-9a-f]+$/);
  });

  it('finds the anchor column in any case, the first such column when two differ only in case', async () => {
    const path = join(dir, 'cased.csv');
    await writeFile(path, 'displayName,EMPLOYEEID,EmployeeId\nAnna,E1,X1\nBert,E2,X2\n');
    const result = await drain(connectorFor(hrConfig(path)).importFull({}, testContext()));
    expect(result.problems).toEqual([]);
    expect(result.changes.map((c) => (c.kind === 'object' ? c.object.anchor : c.kind))).toEqual(['E1', 'E2']);
  });

  it('cuts batches of the configured size and reads the object type from a column', async () => {
    const path = join(dir, 'many.csv');
    const rows = Array.from({ length: 1203 }, (_, i) => `${i},${i % 2 ? 'person' : 'contact'}`);
    await writeFile(path, 'id,type\n' + rows.join('\n') + '\n');
    const c = connectorFor({ format: 'csv', path, anchor: 'id', objectTypeAttribute: 'type' });
    const result = await drain(c.importFull({ objectTypes: ['person'] }, testContext()));
    expect(result.changes).toHaveLength(601);
    const all = await drain(c.importFull({}, testContext()));
    expect(all.changes).toHaveLength(1203);
    expect(all.batches).toBe(3);
    const first = all.changes[0];
    expect(first.kind === 'object' && first.object.dn).toBe('id=0');
  });

  it('restricts attributes to the inclusion list', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, 'id,a,b\n1,x,y\n');
    const c = connectorFor({ format: 'csv', path, anchor: 'id', objectType: 'person' });
    const r = await drain(c.importFull({ attributes: ['id', 'b'] }, testContext()));
    const o = r.changes[0];
    expect(o.kind === 'object' && o.object.attributes).toEqual({ id: ['1'], b: ['y'] });
  });
});
