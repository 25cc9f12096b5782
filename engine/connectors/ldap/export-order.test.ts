import { describe, expect, it } from 'vitest';
import type { ExportChange } from '../contract.ts';
import { orderBatch } from './export-order.ts';

const change = (op: ExportChange['op'], dn: string, newDn?: string): ExportChange => ({ csId: dn, op, objectType: 'x', dn, newDn, anchor: null, changes: [] });

describe('export order', () => {
  it('frees a DN before it is taken, deletes children before their parent, and keeps the batch order otherwise', () => {
    const batch = [
      change('add', 'cn=a,dc=x'),
      change('update', 'cn=b,dc=x', 'CN=C,dc=x'),
      change('update', 'cn=c,dc=x', 'cn=d,dc=x'),
      change('delete', 'cn=A,DC=x'),
      change('delete', 'ou=p,dc=x'),
      change('delete', 'cn=kid,ou=p,dc=x'),
      change('update', 'cn=e,dc=x'),
    ];
    const { order, after } = orderBatch(batch);
    expect(order).toEqual([2, 1, 3, 0, 5, 4, 6]);
    expect(after[0]).toEqual([3]);
    expect(after[4]).toEqual([5]);
  });

  it('keeps the batch order for a cycle (two entries swapping DNs)', () => {
    const { order } = orderBatch([change('update', 'cn=a,dc=x', 'cn=b,dc=x'), change('update', 'cn=b,dc=x', 'cn=a,dc=x')]);
    expect(order).toEqual([0, 1]);
  });
});
