import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject, MvObject } from '../model/objects.ts';
import { encodedAs, type EncodedMap } from './attribute-codec.ts';
import { migrations } from './migrations.ts';
import { TemporaryStores } from './temporary-stores.ts';
import { sqliteOnly } from '../test-data/store-under-test.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

const T = '2026-12-07T06:00:00.000Z';

const PERSON: Omit<CsObject, 'id'> = {
  connector: 1, dn: 'CN=Åsa Berg,OU=Staff,DC=x', anchor: 'E2', objectType: 'person', state: 'connector.normal', transient: false, mvId: null, link: null,
  hologram: { cn: ['Åsa Berg'], manager: [{ ref: 'CN=Ann Lee,OU=Staff,DC=x' }], photo: [{ bin: 'AAEC' }], age: [{ int: '41' }], active: [true] },
  pendingImport: { op: 'update', image: { cn: ['Åsa Berg-Lund'] }, dn: 'CN=Åsa Berg-Lund,OU=Staff,DC=x' },
  pendingExport: { op: 'update', changes: { title: ['Lead'] } },
  unconfirmed: { member: [{ ref: 'uid=bob,ou=people,dc=x', mv: 2 }, { ref: 'uid=cy,ou=people,dc=x', mv: 3 }] },
  errors: {}, needsSync: true, seen: 3, importedAt: T, exportedAt: null,
};

const MV: Omit<MvObject, 'id'> = {
  objectType: 'person', attrs: { cn: ['Åsa Berg'], employeeId: ['E2'], note: ['😀 \ud800 lone'] }, contrib: {}, retryProvisioning: false, createdAt: T, updatedAt: T,
};

const ENCODED = { cs_objects: ['hologram', 'pending_import', 'pending_export', 'unconfirmed'], mv_objects: ['attrs'] } as const;

/** The store's encoded columns rewritten as the JSON text schema 9 wrote, and the schema set back to 9. */
function backToSchema9(file: string): void {
  const db = new Database(file);
  for (const [table, columns] of Object.entries(ENCODED)) {
    for (const r of db.prepare(`SELECT id, ${columns.join(', ')} FROM ${table}`).all() as Record<string, EncodedMap | number | null>[]) {
      db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...columns.map((c) => (r[c] === null ? null : encodedAs(r[c] as EncodedMap, 'json'))), r.id);
    }
  }
  db.pragma('user_version = 9');
  db.close();
}

/** Rows whose encoded columns hold text (JSON) rather than packed bytes. */
function textRows(db: Database.Database): number {
  let n = 0;
  for (const [table, columns] of Object.entries(ENCODED)) {
    n += db.prepare(`SELECT count(*) FROM ${table} WHERE ${columns.map((c) => `typeof(${c}) = 'text'`).join(' OR ')}`).pluck().get() as number;
  }
  return n;
}

describe('migration to packed attribute maps (schema 10)', () => {
  it.skipIf(sqliteOnly('the packed columns of SQLite'))('rewrites the JSON text of an older store packed, and every object reads back as it was', () => {
    const dir = stores.directory();
    const file = path.join(dir, 'idsync.sqlite');
    const s = stores.open(dir);
    const csId = s.cs.insert({ ...PERSON, id: 0 });
    const mvId = s.mv.insert(MV);
    const cs = s.cs.get(csId)!;
    const mv = s.mv.get(mvId)!;
    expect(textRows(s.db as Database.Database)).toBe(0);
    s.close();

    backToSchema9(file);
    const before = new Database(file);
    expect(textRows(before)).toBe(2);
    before.close();

    const again = stores.open(dir);
    expect((again.db as Database.Database).pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(textRows(again.db as Database.Database)).toBe(0);
    expect(again.cs.get(csId)).toEqual(cs);
    expect(again.mv.get(mvId)).toEqual(mv);
    expect(again.mv.get(mvId)!.attrs.note).toEqual(['😀 \ud800 lone']);
  });
});
