import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject } from '../model/objects.ts';
import { TemporaryStores } from './temporary-stores.ts';
import { countStatements } from '../test-data/statement-counter.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

function object(connector: number, dn: string, anchor: string | null, state: CsObject['state'] = 'connector.normal'): Omit<CsObject, 'id'> {
  return {
    connector, dn, anchor, objectType: 'user', state, transient: false, mvId: null, link: null, hologram: { cn: [dn.slice(3, 6)] },
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
  };
}

describe('objects read ahead by anchor and DN for an import batch', () => {
  function setUp() {
    const s = stores.open();
    const ann = s.cs.insert(object(1, 'CN=Ann,DC=x', 'a-1'));
    const held = s.cs.insert(object(1, 'CN=Held,DC=x', null, 'placeholder'));
    const twin = s.cs.insert(object(1, 'CN=Twin,DC=x', 't-1'));
    s.cs.insert(object(1, 'cn=twin,dc=x', null, 'placeholder'));
    s.cs.insert(object(2, 'CN=Ann,DC=x', 'a-1'));
    return { s, ann, held, twin };
  }

  it('answer byAnchor and byDn as a lookup would, in two statements', () => {
    const { s, ann, held, twin } = setUp();
    const changes = [{ anchor: 'a-1', dn: 'CN=Ann,DC=x' }, { anchor: 'new-1', dn: 'CN=Held,DC=x' }, { anchor: 'new-2', dn: 'CN=Twin,DC=x' }, { anchor: 'new-3', dn: 'CN=Nobody,DC=x' }, { anchor: 'gone', dn: null }];
    const lookups = () => [
      s.cs.byAnchor(1, 'a-1'), s.cs.byAnchor(1, 'new-1'), s.cs.byAnchor(1, 'gone'),
      s.cs.byDn(1, 'cn=held, dc=x'), s.cs.byDn(1, 'CN=Twin,DC=x'), s.cs.byDn(1, 'CN=Nobody,DC=x'),
    ];
    const expected = lookups();
    expect(expected.map((o) => o?.id ?? null)).toEqual([ann, null, null, held, twin, null]);
    const statements = countStatements(s);
    s.cs.readAheadStaging(1, changes);
    expect(statements()).toBe(2);
    expect(lookups()).toEqual(expected);
    expect(statements()).toBe(2);
    // Not read ahead: another connector's anchor, a DN whose anchor was found.
    expect(s.cs.byAnchor(2, 'a-1')).not.toBeNull();
    expect(s.cs.byDn(1, 'CN=Ann,DC=x')?.id).toBe(ann);
    expect(statements()).toBe(4);
  });

  it('stay what a lookup finds while the batch writes', () => {
    const { s, ann, held } = setUp();
    s.transaction(() => {
      s.cs.readAheadStaging(1, [{ anchor: 'a-1', dn: null }, { anchor: 'new-1', dn: 'CN=Held,DC=x' }, { anchor: 'new-2', dn: 'CN=Nobody,DC=x' }]);
      // A new object takes an anchor and a DN read as free.
      const fresh = s.cs.insert(object(1, 'CN=Nobody,DC=x', 'new-2'));
      expect(s.cs.byAnchor(1, 'new-2')?.id).toBe(fresh);
      expect(s.cs.byDn(1, 'CN=Nobody,DC=x')?.id).toBe(fresh);
      // The placeholder takes an anchor: found by it, and by its DN with its new state.
      s.cs.update({ ...s.cs.byDn(1, 'CN=Held,DC=x')!, anchor: 'new-1', state: 'disconnector.normal' });
      expect(s.cs.byAnchor(1, 'new-1')).toMatchObject({ id: held, state: 'disconnector.normal' });
      expect(s.cs.byDn(1, 'CN=Held,DC=x')).toMatchObject({ id: held, anchor: 'new-1' });
      // Ann renamed and given another anchor: her old anchor and DN name nothing.
      s.cs.update({ ...s.cs.byAnchor(1, 'a-1')!, dn: 'CN=Ann Lee,DC=x', anchor: 'a-2' });
      expect(s.cs.byAnchor(1, 'a-1')).toBeNull();
      expect(s.cs.byDn(1, 'CN=Ann,DC=x')).toBeNull();
      expect(s.cs.byAnchor(1, 'a-2')?.id).toBe(ann);
      // Read again, her row must not answer for the anchor she left.
      s.cs.readAheadResults(1, [ann], []);
      expect(s.cs.byAnchor(1, 'a-1')).toBeNull();
      s.cs.delete(fresh);
      expect(s.cs.byAnchor(1, 'new-2')).toBeNull();
      expect(s.cs.byDn(1, 'CN=Nobody,DC=x')).toBeNull();
    });
  });
});

describe('objects read in turn for an export batch', () => {
  it('read the next objects with the first one not read ahead, and are read again once written', () => {
    const s = stores.open();
    const ids = Array.from({ length: 40 }, (_, i) => s.cs.insert(object(1, `CN=U${i},DC=x`, `u-${i}`)));
    ids.splice(5, 0, 999_999);
    const statements = countStatements(s);
    const seen: (number | null)[] = [];
    for (let i = 0; i < 33; i++) seen.push(s.cs.getInTurn(ids, i)?.id ?? null);
    // One statement for the first 32 ids (one of which does not exist), one for the 33rd.
    expect(statements()).toBe(2);
    expect(seen).toEqual(ids.slice(0, 33).map((id) => (id === 999_999 ? null : id)));
    const o = s.cs.getInTurn(ids, 33)!;
    s.cs.update({ ...o, dn: 'CN=Renamed,DC=x' });
    expect(s.cs.getInTurn(ids, 33)).toMatchObject({ id: o.id, dn: 'CN=Renamed,DC=x' });
  });

  it('give an update what its object was without reading it again', () => {
    const s = stores.open();
    const id = s.cs.insert(object(1, 'CN=Ann,DC=x', 'a-1'));
    const statements = countStatements(s);
    s.transaction(() => s.cs.update({ ...s.cs.get(id)!, hologram: { cn: ['Ann B'] } }));
    const cold = statements();
    s.transaction(() => {
      s.cs.readAheadResults(1, [id], ['a-1']);
      const read = statements();
      s.cs.update({ ...s.cs.get(id)!, hologram: { cn: ['Ann C'] } });
      // The cold update read the object twice (get, then what it was before); this one neither.
      expect(statements() - read).toBe(cold - 2);
    });
    expect(s.cs.get(id)?.hologram).toEqual({ cn: ['Ann C'] });
  });
});
