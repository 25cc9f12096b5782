import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject } from '../model/objects.ts';
import { TemporaryStores } from './temporary-stores.ts';
import { countStatements } from '../test-data/statement-counter.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

function object(connector: number, dn: string, mvId: number | null): Omit<CsObject, 'id'> {
  return {
    connector, dn, anchor: dn, objectType: 'user', state: 'connector.normal', transient: false, mvId, link: null, hologram: {},
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
  };
}

describe('names of linked objects read ahead for an export batch', () => {
  it('answer nameLinkedIn without a statement per identity, and are forgotten when the store writes an object', () => {
    const s = stores.open();
    const ann = s.cs.insert(object(2, 'CN=Ann,DC=x', 11));
    s.cs.insert(object(2, 'CN=Twin A,DC=x', 13));
    s.cs.insert(object(2, 'CN=Twin B,DC=x', 13));
    s.cs.insert(object(1, 'CN=Other,DC=x', 14));
    const live = (mv: number) => s.cs.nameLinkedIn(mv, 2);
    const expected = { 11: live(11), 12: live(12), 13: live(13), 14: live(14) };
    expect(expected[11]).toMatchObject({ id: ann, dn: 'CN=Ann,DC=x', mvId: 11 });
    expect(expected[12]).toBeNull();
    const statements = countStatements(s);
    s.cs.readAheadLinked(2, [11, 12, 13, 14, 11]);
    const read = statements();
    expect(read).toBe(1);
    // Read ahead: Ann, and no object for 12 or for 14 (whose object is in another connector).
    expect(live(11)).toEqual(expected[11]);
    expect(live(12)).toBeNull();
    expect(live(14)).toBeNull();
    expect(statements()).toBe(read);
    // Two objects linked to one identity: the lookup decides, as without reading ahead.
    expect(live(13)).toEqual(expected[13]);
    expect(statements()).toBe(read + 1);
    // A write forgets: Ann renamed is looked up again and found by her new DN.
    s.cs.update({ ...s.cs.get(ann)!, dn: 'CN=Ann Lee,DC=x' });
    const afterWrite = statements();
    expect(live(11)).toMatchObject({ id: ann, dn: 'CN=Ann Lee,DC=x' });
    expect(statements()).toBe(afterWrite + 1);
    s.cs.readAheadLinked(2, [11]);
    s.cs.forgetReadAhead();
    const forgotten = statements();
    live(11);
    expect(statements()).toBe(forgotten + 1);
  });
});
