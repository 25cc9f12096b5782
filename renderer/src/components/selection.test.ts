import { describe, expect, it } from 'vitest';
import { selectedRows } from './selection.ts';

const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
describe('selectedRows', () => {
  it('keeps display order for an include model', () => {
    expect(selectedRows(rows, { type: 'include', ids: new Set(['c', 'a']) }, (r) => r.id)).toEqual([{ id: 'a' }, { id: 'c' }]);
  });
  it('treats an exclude model as everything but the listed rows', () => {
    expect(selectedRows(rows, { type: 'exclude', ids: new Set(['b']) }, (r) => r.id)).toEqual([{ id: 'a' }, { id: 'c' }]);
  });
});
