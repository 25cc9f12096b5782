import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { csContaining, csExact, mvContaining, mvExact } from './identity-search.ts';
import { openStore, type Store } from './store.ts';

let dir = '';
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(): Store {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-identity-'));
  store = openStore(path.join(dir, 'idsync.sqlite'));
  return store;
}

function cs(connector: number, dn: string, anchor: string | null, hologram: StoredAttributes, extra: Partial<CsObject> = {}): Omit<CsObject, 'id'> {
  return {
    connector, dn, anchor, objectType: 'user', state: 'connector.normal', transient: false, mvId: null, link: null, hologram,
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null, ...extra,
  };
}

const ATTRIBUTES = ['displayName', 'mail', 'employeeID', 'title'];

describe('Find identity lookups', () => {
  it('finds exact anchors, DNs and values, substrings of identity attributes, and prefixes of short text', () => {
    const s = open();
    s.mv.ensureIndexed(['employeeID']);
    const mvAnn = s.mv.insert({ objectType: 'person', attrs: { displayName: ['Ann Lee'], employeeID: ['E1'], title: ['Architect'] }, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' });
    const hr = s.cs.insert(cs(1, 'CN=E1,OU=HR', 'hr-1', { displayName: ['Ann Lee'], employeeID: ['E1'] }));
    const ldap = s.cs.insert(cs(2, 'uid=alee,ou=people,dc=x', null, { mail: ['ann.lee@x.example'], title: ['Architect'] }));
    s.cs.insert(cs(2, 'ou=people,dc=x', null, {}, { state: 'placeholder' }));
    const ids = (found: { id: number }[]) => found.map((o) => o.id).sort((a, b) => a - b);

    expect(ids(csExact(s, [1, 2], 'hr-1'))).toEqual([hr]);
    expect(ids(csExact(s, [1, 2], 'UID=ALEE, OU=People, DC=x'))).toEqual([ldap]);
    expect(ids(csExact(s, [1, 2], 'ANN.LEE@x.example'))).toEqual([ldap]);
    expect(ids(mvExact(s, ATTRIBUTES, 'e1'))).toEqual([mvAnn]);
    expect(ids(mvExact(s, ATTRIBUTES, 'ann lee'))).toEqual([mvAnn]);

    expect(ids(csContaining(s, [1, 2], 'lee', 10))).toEqual([hr, ldap]);
    expect(ids(csContaining(s, [1, 2], 'n le', 10))).toEqual([hr]);
    expect(ids(mvContaining(s, ATTRIBUTES, 'n le', 10))).toEqual([mvAnn]);
    // Only identity attributes and DNs: a title is not a name; the placeholder's DN is not an identity.
    expect(csContaining(s, [1, 2], 'architect', 10)).toEqual([]);
    expect(mvContaining(s, ATTRIBUTES, 'architect', 10)).toEqual([]);
    expect(ids(csContaining(s, [1, 2], 'people', 10))).toEqual([ldap]);
    // Too short for a trigram: values that start with it.
    expect(ids(csContaining(s, [1, 2], 'an', 10))).toEqual([hr, ldap]);
    expect(ids(mvContaining(s, ATTRIBUTES, 'AN', 10))).toEqual([mvAnn]);
    expect(csContaining(s, [1, 2], 'ee', 10)).toEqual([]);
    // The limit stops the reading.
    expect(csContaining(s, [1, 2], 'lee', 1)).toHaveLength(1);
  });
});
