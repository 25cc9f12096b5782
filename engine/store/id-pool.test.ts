import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject, MvObject } from '../model/objects.ts';
import { TemporaryStores } from './temporary-stores.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

function person(n: number): Omit<MvObject, 'id'> {
  return { objectType: 'person', attrs: { cn: [`Person ${n}`] }, contrib: {}, retryProvisioning: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

function object(dn: string, anchor: string | null): Omit<CsObject, 'id'> {
  return {
    connector: 1, dn, anchor, objectType: 'user', state: 'connector.normal', transient: false, mvId: null, link: null, hologram: {},
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
  };
}

// On PostgreSQL these inserts take their ids drawn ahead from the sequence and are not waited for; the store must
// behave as when the server gives each id.
describe('ids of inserted objects', () => {
  it('are distinct and rising across draws and rollbacks, and the sequence never gives them again', () => {
    const s = stores.open();
    const first = s.transaction(() => Array.from({ length: 70 }, (_, i) => s.mv.insert(person(i))));
    expect(() =>
      s.transaction(() => {
        s.mv.insert(person(100));
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    const second = s.transaction(() => Array.from({ length: 70 }, (_, i) => s.mv.insert(person(200 + i))));
    const ids = [...first, ...second];
    expect(new Set(ids).size).toBe(140);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(second.map((id) => s.mv.get(id)?.attrs.cn)).toEqual(second.map((_, i) => [`Person ${200 + i}`]));
    const byDefault = s.db.prepare('INSERT INTO mv_objects (object_type, attrs, contrib) VALUES (?, ?, ?) RETURNING id').pluck().get(s.names.id('person'), '[]', '[]') as number;
    expect(byDefault).toBeGreaterThan(Math.max(...ids));
    const cs = s.transaction(() => [s.cs.insert(object('CN=A,DC=x', null)), s.cs.insert(object('CN=B,DC=x', 'b')), s.cs.insert(object('CN=C,DC=x', null))]);
    expect(new Set(cs).size).toBe(3);
    expect(cs.map((id) => s.cs.get(id)?.dn)).toEqual(['CN=A,DC=x', 'CN=B,DC=x', 'CN=C,DC=x']);
  });

  it('refuse a taken anchor at the insert itself, so the caller can tell which object it was', () => {
    const s = stores.open();
    s.cs.insert(object('CN=A,DC=x', 'same'));
    s.transaction(() => {
      s.cs.insert(object('CN=B,DC=x', null));
      // The insert itself throws: were it sent without waiting, the refusal would come from a later statement.
      expect(() =>
        s.transaction(() => {
          expect(() => s.cs.insert(object('CN=C,DC=x', 'same'))).toThrow();
          throw new Error('undone');
        }),
      ).toThrow('undone');
      s.cs.insert(object('CN=D,DC=x', null));
    });
    expect(['CN=B,DC=x', 'CN=C,DC=x', 'CN=D,DC=x'].map((dn) => s.cs.byDn(1, dn) !== null)).toEqual([true, false, true]);
  });
});
