import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { TemporaryStores } from './temporary-stores.ts';
import { countStatements } from '../test-data/statement-counter.ts';
import { dialectOf } from './sql/sql-database.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

function object(connector: number, dn: string, mvId: number | null, hologram: StoredAttributes = {}): Omit<CsObject, 'id'> {
  return {
    connector, dn, anchor: dn, objectType: 'user', state: 'connector.normal', transient: false, mvId, link: null, hologram,
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
  };
}

describe('names of linked objects read ahead for an export batch', () => {
  it('answer nameLinkedIn without a statement per identity, and a write drops only what it may change', () => {
    const s = stores.open();
    const ann = s.cs.insert(object(2, 'CN=Ann,DC=x', 11));
    s.cs.insert(object(2, 'CN=Twin A,DC=x', 13));
    s.cs.insert(object(2, 'CN=Twin B,DC=x', 13));
    const other = s.cs.insert(object(1, 'CN=Other,DC=x', 14));
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
    // Writing another object keeps what it cannot change.
    s.cs.update({ ...s.cs.get(other)!, dn: 'CN=Other Renamed,DC=x' });
    let mark = statements();
    expect(live(11)).toEqual(expected[11]);
    expect(live(12)).toBeNull();
    expect(statements()).toBe(mark);
    // Ann renamed is looked up again and found by her new DN.
    s.cs.update({ ...s.cs.get(ann)!, dn: 'CN=Ann Lee,DC=x' });
    mark = statements();
    expect(live(11)).toMatchObject({ id: ann, dn: 'CN=Ann Lee,DC=x' });
    expect(statements()).toBe(mark + 1);
    // An object newly linked to 12 is found; so is one linked to 14 in this connector.
    const bea = s.cs.insert(object(2, 'CN=Bea,DC=x', 12));
    s.cs.update({ ...s.cs.get(s.cs.insert(object(2, 'CN=Cy,DC=x', null)))!, mvId: 14 });
    expect(live(12)).toMatchObject({ id: bea, dn: 'CN=Bea,DC=x' });
    expect(live(14)).toMatchObject({ dn: 'CN=Cy,DC=x' });
    // A deleted object is gone.
    s.cs.readAheadLinked(2, [12]);
    s.cs.delete(bea);
    expect(live(12)).toBeNull();
    s.cs.readAheadLinked(2, [11]);
    s.cs.forgetReadAhead();
    const forgotten = statements();
    live(11);
    expect(statements()).toBe(forgotten + 1);
  });
});

describe('objects and names read ahead for a synchronization batch', () => {
  function setUp() {
    const s = stores.open();
    const boss = s.cs.insert(object(1, 'CN=Boss,DC=x', 21));
    const target = s.cs.insert(object(2, 'CN=Boss,OU=Out,DC=y', 21));
    const unlinked = s.cs.insert(object(1, 'CN=New Hire,DC=x', null));
    const ann = s.cs.insert(object(1, 'CN=Ann,DC=x', null, { manager: [{ ref: 'cn=boss, dc=x' }], buddy: [{ ref: 'CN=New Hire,DC=x' }, { ref: 'CN=Nobody,DC=x' }] }));
    return { s, boss, target, unlinked, ann };
  }

  it('read the objects, what their references name and what that is linked to, in three statements (one on SQLite)', () => {
    const { s, boss, target, unlinked, ann } = setUp();
    const expected = { ann: s.cs.get(ann), boss: s.cs.nameByKey(1, 'cn=boss,dc=x'), out: s.cs.nameLinkedIn(21, 2) };
    const statements = countStatements(s);
    s.cs.readAheadObjects([ann, 999_999], [1, 2]);
    const read = statements();
    // SQLite reads the objects only: its lookups are function calls, cheaper than reading names ahead.
    const sqlite = dialectOf(s.db) === 'sqlite';
    expect(read).toBe(sqlite ? 1 : 3);
    expect(s.cs.get(ann)).toEqual(expected.ann);
    expect(s.cs.nameByKey(1, 'cn=boss,dc=x')).toEqual(expected.boss);
    expect(s.cs.nameByKey(1, 'cn=boss,dc=x')).toMatchObject({ id: boss, mvId: 21 });
    expect(s.cs.nameByKey(1, 'cn=new hire,dc=x')).toMatchObject({ id: unlinked, mvId: null });
    expect(s.cs.nameByKey(1, 'cn=nobody,dc=x')).toBeNull();
    expect(s.cs.nameLinkedIn(21, 2)).toEqual(expected.out);
    expect(s.cs.nameLinkedIn(21, 2)).toMatchObject({ id: target });
    expect(statements()).toBe(sqlite ? read + 6 : read);
    expect(s.cs.get(ann)).toEqual(expected.ann);
    expect(statements()).toBe(sqlite ? read + 6 : read);
    // Not read ahead: looked up.
    const before = statements();
    expect(s.cs.get(boss)).toMatchObject({ id: boss });
    expect(statements()).toBe(before + 1);
  });

  it('stay what a lookup finds while the batch writes', () => {
    const { s, unlinked, ann } = setUp();
    s.transaction(() => {
      s.cs.readAheadObjects([ann], [1, 2]);
      // The object itself: written, then read again as written.
      s.cs.update({ ...s.cs.get(ann)!, mvId: 30 });
      expect(s.cs.get(ann)).toMatchObject({ mvId: 30 });
      s.cs.markSeen(ann, 7);
      expect(s.cs.get(ann)).toMatchObject({ seen: 7 });
      // A name read as unlinked, then linked; a DN read as absent, then taken; a link read as absent, then made.
      s.cs.update({ ...s.cs.get(unlinked)!, mvId: 31 });
      expect(s.cs.nameByKey(1, 'cn=new hire,dc=x')).toMatchObject({ id: unlinked, mvId: 31 });
      const nobody = s.cs.insert(object(1, 'CN=Nobody,DC=x', null));
      expect(s.cs.nameByKey(1, 'cn=nobody,dc=x')).toMatchObject({ id: nobody });
      s.cs.readAheadObjects([ann], [1, 2]);
      expect(s.cs.nameLinkedIn(31, 2)).toBeNull();
      const out = s.cs.insert(object(2, 'CN=New Hire,OU=Out,DC=y', 31));
      expect(s.cs.nameLinkedIn(31, 2)).toMatchObject({ id: out });
      s.cs.delete(out);
      expect(s.cs.nameLinkedIn(31, 2)).toBeNull();
    });
  });

  it('are forgotten when a transaction rolls back, so nothing it wrote is remembered', () => {
    const { s, ann } = setUp();
    s.transaction(() => {
      expect(() =>
        s.transaction(() => {
          s.cs.insert(object(1, 'CN=Nobody,DC=x', 40));
          s.cs.readAheadObjects([ann], [1, 2]);
          expect(s.cs.nameByKey(1, 'cn=nobody,dc=x')).toMatchObject({ mvId: 40 });
          throw new Error('rolled back');
        }),
      ).toThrow('rolled back');
      expect(s.cs.nameByKey(1, 'cn=nobody,dc=x')).toBeNull();
    });
  });
});
