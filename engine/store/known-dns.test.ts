import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject } from '../model/objects.ts';
import { TemporaryStores } from './temporary-stores.ts';
import { countStatements } from '../test-data/statement-counter.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

function object(connector: number, dn: string): Omit<CsObject, 'id'> {
  return {
    connector, dn, anchor: dn, objectType: 'user', state: 'connector.normal', transient: false, mvId: null, link: null, hologram: {},
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
  };
}

describe('DNs read ahead for an import batch', () => {
  it('answer hasDn without a statement per DN, and are forgotten when an object is renamed or deleted', () => {
    const s = stores.open();
    const ann = s.cs.insert(object(1, 'CN=Ann,OU=HR,DC=x'));
    s.cs.insert(object(1, 'CN=Bob,OU=HR,DC=x'));
    s.cs.insert(object(2, 'CN=Cy,OU=HR,DC=x'));
    const statements = countStatements(s);
    const hasDn = (connector: number, dn: string) => s.cs.hasDn(connector, dn);
    s.transaction(() => {
      s.cs.readAheadDns(1, ['cn=ann, ou=hr, dc=x', 'CN=Bob,OU=HR,DC=x', 'CN=Cy,OU=HR,DC=x', 'CN=Nobody,DC=x']);
      const read = statements();
      expect(read).toBe(1);
      // Found ahead: no statement. Not found (or another connector's): looked up.
      expect(hasDn(1, 'CN=Ann,OU=HR,DC=x')).toBe(true);
      expect(hasDn(1, 'cn=bob,ou=hr,dc=x')).toBe(true);
      expect(statements()).toBe(read);
      expect(hasDn(1, 'CN=Cy,OU=HR,DC=x')).toBe(false);
      expect(hasDn(1, 'CN=Nobody,DC=x')).toBe(false);
      expect(statements()).toBe(read + 2);
      // A rename forgets what was read: the old DN is looked up again and is gone.
      s.cs.update({ ...s.cs.get(ann)!, dn: 'CN=Ann Lee,OU=HR,DC=x' });
      expect(hasDn(1, 'CN=Ann,OU=HR,DC=x')).toBe(false);
      s.cs.readAheadDns(1, ['CN=Bob,OU=HR,DC=x']);
      s.cs.delete(s.cs.byDn(1, 'CN=Bob,OU=HR,DC=x')!.id);
      expect(hasDn(1, 'CN=Bob,OU=HR,DC=x')).toBe(false);
      s.cs.readAheadDns(1, ['CN=Ann Lee,OU=HR,DC=x']);
      s.cs.forgetReadAhead();
      const before = statements();
      expect(hasDn(1, 'CN=Ann Lee,OU=HR,DC=x')).toBe(true);
      expect(statements()).toBe(before + 1);
    });
  });
});
