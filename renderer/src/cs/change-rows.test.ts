import { describe, expect, it } from 'vitest';
import { attributeOperation, importRows, stateText } from './change-rows.ts';

describe('importRows', () => {
  it('puts staged changes first with old and new values side by side', () => {
    const rows = importRows({
      hologram: { cn: ['Ann'], title: ['Clerk'], employeeID: [{ int: '7' }] },
      pendingImportDetail: { op: 'update', newDn: null, newObjectType: null, changes: [{ attribute: 'title', oldValues: ['Clerk'], newValues: ['Manager'] }, { attribute: 'mail', oldValues: [], newValues: ['ann@x'] }] },
    });
    expect(rows.map((r) => r.attribute)).toEqual(['mail', 'title', 'cn', 'employeeID']);
    expect(rows[1]).toMatchObject({ oldValues: ['Clerk'], newValues: ['Manager'], changed: true, type: 'string' });
    expect(rows[0]).toMatchObject({ oldValues: [], newValues: ['ann@x'], changed: true });
    expect(rows[3]).toMatchObject({ type: 'integer', changed: false });
  });
  it('takes old values from the hologram when the change does not carry them', () => {
    const [row] = importRows({ hologram: { sn: ['Lee'] }, pendingImportDetail: { op: 'update', newDn: null, newObjectType: null, changes: [{ attribute: 'sn', oldValues: [], newValues: ['Li'] }] } });
    expect(row).toMatchObject({ oldValues: ['Lee'], newValues: ['Li'] });
  });
  it('shows the hologram alone when nothing is pending', () => {
    expect(importRows({ hologram: { a: ['1'] }, pendingImportDetail: null })).toEqual([{ attribute: 'a', type: 'string', oldValues: ['1'], newValues: ['1'], changed: false }]);
  });
});

describe('stateText', () => {
  it('names states plainly and marks transient objects', () => {
    expect(stateText('disconnector.filtered')).toBe('Filtered disconnector');
    expect(stateText('connector.normal', true)).toBe('Connector (transient)');
  });
});

describe('attributeOperation', () => {
  it('names the change of one attribute', () => {
    expect(attributeOperation([], ['a'])).toBe('add');
    expect(attributeOperation(['a'], [])).toBe('delete');
    expect(attributeOperation(['a'], ['b'])).toBe('replace');
  });
});
