// The change digest of the export journal: the same key a journal written before holds, however it is computed.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ExportChange } from '../contract.ts';
import { changeKey } from './export-journal.ts';
import { valueKey } from './value-codec.ts';

/** The digest as defined: SHA-256 of the JSON text of the change with its values as value keys. */
function expectedKey(change: ExportChange): string {
  const changes = change.changes.map((c) => [c.attribute, c.op, c.values.map(valueKey)]);
  const text = JSON.stringify([change.op, change.objectType, change.dn, change.newDn ?? null, change.anchor, changes]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

describe('changeKey', () => {
  it('digests the JSON text of the change, for every kind of value and a long member list', () => {
    const changes: ExportChange[] = [
      { csId: '1', op: 'add', objectType: 'person', dn: 'cn=a,dc=x', anchor: null, changes: [] },
      {
        csId: '2', op: 'update', objectType: 'p"q', dn: 'cn=a\\,b,dc=x', newDn: 'cn=c,dc=x', anchor: 'A1',
        changes: [
          { attribute: 'member', op: 'replace', values: [{ dn: 'cn=z,dc=x' }, 'x"y', 5n, true, new Uint8Array([1, 2]), new Date(0)] },
          { attribute: 'e', op: 'delete', values: [] },
        ],
      },
      { csId: '3', op: 'add', objectType: 'group', dn: 'cn=ü,dc=x', anchor: 'Ä', changes: [{ attribute: 'member', op: 'add', values: Array.from({ length: 20_000 }, (_, i) => ({ dn: `uid=u${i},dc=x` })) }] },
    ];
    for (const change of changes) expect(changeKey(change), change.dn).toBe(expectedKey(change));
    expect(new Set(changes.map(changeKey)).size).toBe(3);
  });
});
