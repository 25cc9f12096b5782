// The staging report (§8.3, S-54): rows with attribute diffs, OMODT/AMODT CSV in batches, csexport-shaped XML.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { PendingExportObject, PendingExportSource } from './deletion-threshold.ts';
import { stagingCsvBatches, stagingReport, stagingXml, summarize } from './staging-report.ts';

const objects: PendingExportObject[] = [
  { id: 1, dn: 'CN={41}', objectType: 'user', anchor: null, hologram: {}, pendingExport: { op: 'add', changes: { displayName: ['Ann <Sales>'], accountEnabled: [true] } } },
  {
    id: 2, dn: 'CN={42}', objectType: 'user', anchor: 'a2', hologram: { displayName: ['Bob'], jobTitle: ['Clerk'], mobilePhone: ['+1'] },
    pendingExport: { op: 'update', changes: { displayName: ['Robert'], jobTitle: [], department: ['Sales'] } },
  },
  { id: 3, dn: 'CN={43}', objectType: 'group', anchor: 'a3', hologram: { displayName: ['Old'] }, pendingExport: { op: 'delete', changes: {} } },
  { id: 4, dn: 'CN={44}', objectType: 'user', anchor: 'a4', hologram: {}, pendingExport: null },
];
const source: PendingExportSource = {
  countPendingExport: (_c, op) => objects.filter((o) => o.pendingExport?.op === op).length,
  page: (_c, _f, after, limit) => objects.filter((o) => o.id > after).slice(0, limit),
};
const AAD = { seq: 2, name: 'tenant' };

describe('staging report', () => {
  const rows = stagingReport(source, AAD, 2);

  it('lists adds, updates and deletes with per-attribute modification types and values', () => {
    expect(rows.map((r) => `${r.id} ${r.omodt}`)).toEqual(['1 Add', '2 Update', '3 Delete']);
    expect(rows[1].attributes).toEqual([
      { attribute: 'department', amodt: 'Add', before: [], after: ['Sales'] },
      { attribute: 'displayName', amodt: 'Update', before: ['Bob'], after: ['Robert'] },
      { attribute: 'jobTitle', amodt: 'Delete', before: ['Clerk'], after: [] },
    ]);
    expect(rows[0].attributes.find((a) => a.attribute === 'accountEnabled')?.after).toEqual(['True']);
    expect(summarize(rows)).toEqual([{ connector: 'tenant', adds: 1, updates: 1, deletes: 1 }]);
  });

  it('S-54 writes CSV with OMODT and AMODT columns in batches of the given size', () => {
    const batches = stagingCsvBatches(rows, 2);
    expect(batches.length).toBe(2);
    const first = parse(batches[0], { columns: true }) as Record<string, string>[];
    expect(Object.keys(first[0])).toEqual(['connector', 'dn', 'newDn', 'objectType', 'OMODT', 'attribute', 'AMODT', 'oldValues', 'newValues']);
    expect(first.filter((l) => l.dn === 'CN={42}').map((l) => `${l.attribute}:${l.AMODT}`)).toEqual(['department:Add', 'displayName:Update', 'jobTitle:Delete']);
    expect(parse(batches[1], { columns: true })).toEqual([expect.objectContaining({ dn: 'CN={43}', OMODT: 'Delete', attribute: '' })]);
    expect(stagingCsvBatches([], 1000)).toEqual(['connector,dn,newDn,objectType,OMODT,attribute,AMODT,oldValues,newValues\n']);
  });

  it('S-54 writes the csexport XML shape: cs-object, unapplied-export/delta, unapplied-export-hologram/entry/attr/value', () => {
    const doc = stagingXml(rows, new Map(objects.map((o) => [o.id, o])));
    expect(doc).toContain('<cs-object id="1" object-type="user">');
    expect(doc).toContain('<delta dn="CN={41}" operation="add">');
    expect(doc).toContain('<value>Ann &lt;Sales&gt;</value>');
    expect(doc).toMatch(/<unapplied-export-hologram>\s+<entry dn="CN=\{42\}">[\s\S]*<attr name="mobilePhone">\s+<value>\+1<\/value>/);
    expect(doc).not.toMatch(/<entry dn="CN=\{42\}">[\s\S]*<attr name="jobTitle">[\s\S]*<\/entry>[\s\S]*cs-object id="3"/);
    expect(doc).toContain('<delta dn="CN={43}" operation="delete">');
  });
});
