import { describe, expect, it } from 'vitest';
import { stagingRows } from './staging-rows.ts';

describe('staging report rows', () => {
  it('shows renames and attribute changes of each pending export on one line', () => {
    const [row] = stagingRows([
      {
        connector: 'AAD', id: 7, dn: 'CN=a', newDn: 'CN=b', objectType: 'user', omodt: 'Update',
        attributes: [{ attribute: 'title', amodt: 'Update', before: ['Engineer'], after: ['Senior Engineer'] }, { attribute: 'mail', amodt: 'Delete', before: ['a@x'], after: [] }],
      },
    ]);
    expect(row).toEqual({
      key: 'AAD/7', connector: 'AAD', omodt: 'Update', objectType: 'user', dn: 'CN=a → CN=b',
      changes: 'Update title: Engineer → Senior Engineer | Delete mail: a@x → ∅',
    });
  });
});
