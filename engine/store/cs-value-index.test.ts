import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject } from '../model/objects.ts';
import { valueKey } from '../model/stored-values.ts';
import { OutboundJoinIndex } from '../sync/outbound-join-index.ts';
import { openStore, type Store } from './store.ts';

let dir = '';
let store: Store;
afterEach(() => {
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(): Store {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-csvalues-'));
  store = openStore(path.join(dir, 'idsync.sqlite'));
  return store;
}

function cs(dn: string, mail: string, extra: Partial<CsObject> = {}): Omit<CsObject, 'id'> {
  return {
    connector: 2, dn, anchor: dn, objectType: 'user', state: 'disconnector.normal', transient: false, mvId: null, link: null, hologram: { mail: [mail] },
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null, ...extra,
  };
}

const find = (mail: string) => store.cs.disconnectorsWith(2, 'User', 'mail', valueKey(mail));

describe('connector space value index', () => {
  it('finds disconnectors by an indexed value as objects are written, joined, replaced and deleted', () => {
    open();
    const before = store.cs.insert(cs('cn=a', 'ann@x'));
    store.transaction(() => store.cs.ensureIndexed(new Map([[2, new Set(['mail'])]])));
    // Filled from what was stored before the attribute was indexed, then kept current.
    expect(find('ANN@x')).toEqual([before]);
    const b = store.cs.insert(cs('cn=b', 'bob@x', { pendingImport: { op: 'update', image: { mail: ['bea@x'] } } }));
    expect(find('bob@x')).toEqual([]);
    expect(find('bea@x')).toEqual([b]);
    store.cs.insert(cs('cn=p', 'pat@x', { state: 'placeholder' }));
    expect(find('pat@x')).toEqual([]);
    const a = store.cs.get(before)!;
    store.cs.update({ ...a, mvId: 7 });
    expect(find('ann@x')).toEqual([]);
    store.cs.delete(b);
    expect(find('bea@x')).toEqual([]);
    expect(store.cs.isIndexed(2, 'mail')).toBe(true);
    expect(store.cs.isIndexed(2, 'cn')).toBe(false);
    expect(() => store.cs.disconnectorsWith(2, 'user', 'cn', 'x')).toThrow(/cn of connector 2 is not indexed/);
  });

  it('outbound joins on an attribute the stored rules do not index (a rule being tried) still find their objects', () => {
    open();
    const id = store.cs.insert(cs('cn=c', 'cy@x', { hologram: { mail: ['cy@x'], uid: ['cy'] } }));
    store.transaction(() => store.cs.ensureIndexed(new Map([[2, new Set(['mail'])]])));
    const joins = new OutboundJoinIndex(store);
    expect(joins.lookup(2, 'user', 'mail', valueKey('cy@x'))).toEqual([id]);
    expect(joins.lookup(2, 'user', 'uid', valueKey('cy'))).toEqual([id]);
    expect(joins.lookup(2, 'group', 'uid', valueKey('cy'))).toEqual([]);
  });

  it('a store open in another process follows the indexed attributes that process changed, so its writes keep the index whole', () => {
    open();
    // Two connections on one file stand for a long-lived host and a command-line run.
    const host = store;
    host.transaction(() => host.cs.ensureIndexed(new Map([[2, new Set(['mail'])]])));
    const cli = openStore(path.join(dir, 'idsync.sqlite'));
    try {
      cli.transaction(() => cli.cs.ensureIndexed(new Map([[2, new Set(['mail', 'uid'])]])));
      // The host writes after the command-line run changed the set: the new attribute's values are indexed too.
      const id = host.cs.insert(cs('cn=d', 'dee@x', { hologram: { mail: ['dee@x'], uid: ['dee'] } }));
      expect(host.cs.isIndexed(2, 'uid')).toBe(true);
      expect(cli.cs.disconnectorsWith(2, 'user', 'uid', valueKey('dee'))).toEqual([id]);
      // The metaverse index follows the same way.
      host.transaction(() => host.mv.ensureIndexed(['mail']));
      cli.transaction(() => cli.mv.ensureIndexed(['mail', 'employeeID']));
      const now = new Date().toISOString();
      const mv = host.mv.insert({ objectType: 'person', attrs: { mail: ['dee@x'], employeeID: ['E1'] }, contrib: {}, retryProvisioning: false, createdAt: now, updatedAt: now });
      expect(cli.mv.findByKey('employeeID', valueKey('E1'))).toEqual([mv]);
    } finally {
      cli.close();
    }
  });
});
