import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject, MvObject } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { dnKey } from '../model/dn.ts';
import { migrations } from './migrations.ts';
import { TemporaryStores } from './temporary-stores.ts';
import { sqliteOnly } from '../test-data/store-under-test.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

const T1 = '2026-11-30T08:00:00.123Z';
const T2 = '2026-11-30T09:30:00.456Z';

function cs(id: number, connector: number, dn: string, extra: Partial<CsObject>): CsObject {
  return {
    id, connector, dn, anchor: null, objectType: 'user', state: 'connector.normal', transient: false, mvId: null, link: null, hologram: {},
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null, ...extra,
  };
}

/** Objects as the engine had them, covering every column the previous schema kept. */
const CS: CsObject[] = [
  cs(1, 1, 'CN=Ann Lee,OU=Staff,DC=x', {
    anchor: 'E1', objectType: 'person', mvId: 1, link: { rule: 1, dir: 'in', type: 'Provision', owned: false, at: T1 },
    hologram: { cn: ['Ann Lee'], department: ['Sales'], manager: [{ ref: 'CN=Åsa Berg,OU=Staff,DC=x' }], photo: [{ bin: 'AAEC' }], age: [{ int: '41' }] },
    seen: 7, importedAt: T1,
  }),
  cs(2, 1, 'CN=Åsa Berg, OU=Staff,DC=x', {
    anchor: 'E2', objectType: 'person', state: 'disconnector.normal', hologram: { cn: ['Åsa Berg'] },
    pendingImport: { op: 'update', image: { cn: ['Åsa Berg-Lund'] }, dn: 'CN=Åsa Berg-Lund,OU=Staff,DC=x', objectType: 'person' },
    errors: { import: { code: 'bad-value', message: 'cn is too long', at: T2, runId: '2' } }, importedAt: T2, needsSync: true,
  }),
  cs(3, 2, 'uid=ann,ou=people,dc=x', {
    anchor: 'uid=ann,ou=people,dc=x', objectType: 'inetOrgPerson', mvId: 1, link: { rule: 3, dir: 'out', type: 'Provision', owned: true, at: T1 },
    pendingExport: { op: 'update', changes: { title: ['Lead'] }, newDn: 'uid=ann.lee,ou=people,dc=x' },
    unconfirmed: { cn: ['Ann Lee'], member: [{ ref: 'uid=bob,ou=people,dc=x', mv: 2 }, { ref: 'uid=cy,ou=people,dc=x', mv: 3 }] }, exportedAt: T2,
  }),
  cs(4, 2, 'uid=zed,ou=people,dc=x', { state: 'placeholder', transient: true, anchor: null, objectType: 'inetOrgPerson' }),
];

const MV: MvObject[] = [
  {
    id: 1, objectType: 'person', attrs: { cn: ['Ann Lee'], manager: [{ ref: 'CN=Åsa Berg,OU=Staff,DC=x', mv: 2 }], employeeId: ['E1'] },
    contrib: { cn: [[1, 1]], manager: [[1, 1]], employeeId: [[2, 5]] }, retryProvisioning: true, createdAt: T1, updatedAt: T2,
  },
  { id: 2, objectType: 'person', attrs: { cn: ['Åsa Berg'], employeeId: ['E2'] }, contrib: { cn: [[1, 2]], employeeId: [[1, 2]] }, retryProvisioning: false, createdAt: T1, updatedAt: T1 },
];

/** The previous schema's columns of an object (as its store wrote them). */
function previousRow(o: CsObject): unknown[] {
  const json = (v: object | null) => (v && Object.keys(v).length ? JSON.stringify(v) : null);
  let kinds = 0;
  if (o.errors.import) kinds |= 1;
  if (o.errors.sync) kinds |= 2;
  if (o.errors.export) kinds |= 4;
  const l = o.link;
  return [
    o.id, o.connector, o.dn, o.anchor, o.objectType, o.state, o.transient ? 1 : 0, o.mvId, l ? JSON.stringify([l.rule, l.dir, l.type, l.owned ? 1 : 0, l.at]) : null,
    JSON.stringify(o.hologram), o.pendingImport?.op ?? null, json(o.pendingImport), o.pendingExport?.op ?? null, json(o.pendingExport), json(o.unconfirmed),
    json(o.errors), kinds, o.needsSync ? 1 : 0, o.seen, o.importedAt, o.exportedAt, dnKey(o.dn), o.pendingImport?.dn ?? null, o.pendingExport?.newDn ?? null,
  ];
}

const snapshot = (attrs: StoredAttributes) => zlib.deflateRawSync(JSON.stringify(attrs), { level: 1 });

/** A database at schema version 7, written as the engine of that version wrote it. */
function previousDatabase(file: string): void {
  const db = new Database(file);
  for (const m of migrations.slice(0, 7)) {
    if (typeof m === 'string') db.exec(m);
    else m(db);
  }
  db.pragma('user_version = 7');
  const insertCs = db.prepare(
    `INSERT INTO cs_objects (id, connector, dn, anchor, object_type, state, transient, mv_id, link, hologram, pi_op, pending_import, pe_op, pending_export,
     unconfirmed, errors, error_kinds, needs_sync, seen, imported_at, exported_at, dn_key, pi_dn, pe_new_dn) VALUES (${Array(24).fill('?').join(',')})`,
  );
  for (const o of CS) insertCs.run(...previousRow(o));
  // An object deleted since: ids go on after it.
  db.prepare("UPDATE sqlite_sequence SET seq = 9 WHERE name = 'cs_objects'").run();
  const insertMv = db.prepare('INSERT INTO mv_objects (id, object_type, attrs, contrib, retry_provisioning, created_at, updated_at) VALUES (?,?,?,?,?,?,?)');
  insertMv.run(1, 'person', JSON.stringify(MV[0].attrs), JSON.stringify({ d: [[1, 1]], x: { employeeId: [[2, 5]] } }), 1, T1, T2);
  insertMv.run(2, 'person', JSON.stringify(MV[1].attrs), JSON.stringify({ d: [[1, 2]] }), 0, T1, T1);
  db.exec(`
    INSERT INTO meta (key, value) VALUES ('mv-indexed', '["employeeId","cn"]'), ('cs-indexed', '[[2,["cn"]]]');
    INSERT INTO cs_refs (connector, to_key, from_id) VALUES (1, 'cn=åsa berg,ou=staff,dc=x', 1), (2, 'uid=bob,ou=people,dc=x', 3), (2, 'uid=cy,ou=people,dc=x', 3);
    INSERT INTO mv_refs (to_mv, from_mv) VALUES (2, 1);
    INSERT INTO mv_index (attr, value, mv_id) VALUES ('employeeId', 's:e1', 1), ('employeeId', 's:e2', 2), ('cn', 's:ann lee', 1), ('cn', 's:åsa berg', 2);
    INSERT INTO mv_text (mv_id, attr, value) VALUES (1, 'employeeId', 'e1'), (1, 'cn', 'ann lee'), (2, 'employeeId', 'e2'), (2, 'cn', 'åsa berg');
    INSERT INTO cs_values (connector, attr, value, cs_id) VALUES (2, 'cn', 's:ann lee', 3);
    INSERT INTO runs (id, connector, connector_name, profile, status, started_at, ended_at, started_by, pid) VALUES
      (1, 1, 'hr', 'Full Import', 'success', '${T1}', '${T1}', 'cli', 1), (2, 1, 'hr', 'Full Synchronization', 'success', '${T2}', '${T2}', 'cli', 1);
  `);
  const insertRecord = db.prepare('INSERT INTO run_objects (id, run_id, step, counter, target, cs_id, mv_id, dn, object_type, error, snapshot, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  insertRecord.run(1, 1, 1, 'stage-add', null, 1, null, CS[0].dn, 'person', null, snapshot(CS[0].hologram), T1);
  insertRecord.run(2, 1, 1, 'stage-add', null, 2, null, 'CN=Åsa Berg,OU=Staff,DC=x', 'person', null, snapshot({ cn: ['Åsa Berg'] }), T1);
  insertRecord.run(3, 2, 1, 'provisioned-add-flow', 'ldap', 3, 1, 'uid=ann,ou=people,dc=x', 'inetOrgPerson', null, null, T2);
  insertRecord.run(4, 2, 1, 'bad-value', null, 2, null, CS[1].dn, 'person', JSON.stringify({ code: 'bad-value', message: 'cn is too long' }), null, T2);
  insertRecord.run(5, 2, 1, 'connector-flow', null, 1, 1, CS[0].dn, 'person', null, null, T2);
  db.close();
}

describe('migration to the compact store (schema 9)', () => {
  it.skipIf(sqliteOnly('the conversion of a database of SQLite schema 7'))('converts a database written by the previous schema without losing anything', () => {
    const dir = stores.directory();
    previousDatabase(path.join(dir, 'idsync.sqlite'));
    const s = stores.open(dir);
    expect((s.db as Database.Database).pragma('user_version', { simple: true })).toBe(migrations.length);

    for (const o of CS) expect(s.cs.get(o.id)).toEqual(o);
    for (const o of MV) expect(s.mv.get(o.id)).toEqual(o);
    expect(s.cs.byDn(1, 'cn=åsa berg,ou=staff,dc=x')?.id).toBe(2);
    expect(s.cs.byAnchor(2, 'uid=ann,ou=people,dc=x')?.id).toBe(3);
    expect(s.cs.search(1, { scope: 'subtree', dn: 'OU=Staff,DC=x' }, null, 10).total).toBe(2);
    expect(s.cs.search(2, { scope: 'placeholders' }, null, 10).items.map((o) => o.id)).toEqual([4]);
    // The search text is written when the converted store opens.
    expect(s.cs.search(1, { scope: 'all' }, null, 10, [{ attribute: 'cn', operator: 'contains', value: 'berg' }]).items.map((o) => o.id)).toEqual([2]);
    expect(s.cs.search(2, { scope: 'rdn', rdn: 'UID=ann' }, null, 10).items.map((o) => o.id)).toEqual([3]);

    // Indexes: references, metaverse values and text, connector space values.
    expect(s.cs.referrers(1, dnKey('CN=Åsa Berg,OU=Staff,DC=x'))).toEqual([1]);
    expect(s.cs.referrers(2, 'uid=cy,ou=people,dc=x')).toEqual([3]);
    expect(s.mv.referrers(2)).toEqual([1]);
    expect(s.mv.findByKey('employeeId', 's:e2')).toEqual([2]);
    expect(s.mv.search('person', [{ attribute: 'cn', operator: 'contains', value: 'berg' }], null, 10).items.map((o) => o.id)).toEqual([2]);
    expect(s.cs.isIndexed(2, 'cn')).toBe(true);
    s.db.prepare('UPDATE cs_objects SET mv_id = NULL WHERE id = 3').run();
    expect(s.cs.disconnectorsWith(2, 'INETORGPERSON', 'cn', 's:ann lee')).toEqual([3]);
    s.db.prepare('UPDATE cs_objects SET mv_id = 1 WHERE id = 3').run();

    // Run history: every record with its DN, counter, target, time, error and snapshot as before.
    const imports = s.runs.objects(1, 1, 'stage-add', null, null, 10).items;
    expect(imports.map((r) => [r.id, r.dn, r.objectType, r.at, r.snapshot])).toEqual([
      [1, CS[0].dn, 'person', T1, CS[0].hologram],
      [2, 'CN=Åsa Berg,OU=Staff,DC=x', 'person', T1, { cn: ['Åsa Berg'] }],
    ]);
    const provisioned = s.runs.objects(2, 1, 'provisioned-add-flow', 'ldap', null, 10).items;
    expect(provisioned.map((r) => [r.id, r.target, r.csId, r.mvId, r.dn, r.at])).toEqual([[3, 'ldap', 3, 1, 'uid=ann,ou=people,dc=x', T2]]);
    expect(s.runs.objects(2, 1, 'provisioned-add-flow', null, null, 10).total).toBe(0);
    expect(s.runs.object(4)).toMatchObject({ counter: 'bad-value', error: { code: 'bad-value', message: 'cn is too long' }, dn: CS[1].dn, at: T2 });
    expect(s.runs.objectLog(1, 10).map((r) => [r.id, r.counter])).toEqual([[5, 'connector-flow'], [1, 'stage-add']]);

    // Ids go on where the previous database left them.
    const next = s.cs.insert({ ...CS[0], anchor: 'E9', dn: 'CN=New,OU=Staff,DC=x' });
    expect(next).toBe(10);
  });

  it.skipIf(sqliteOnly('the conversion of a database of SQLite schema 7'))('keeps the run records right when the objects they refer to are renamed, rejoined or deleted', () => {
    const dir = stores.directory();
    previousDatabase(path.join(dir, 'idsync.sqlite'));
    const s = stores.open(dir);
    s.cs.update({ ...s.cs.get(1)!, dn: 'CN=Ann Lee-Smith,OU=Staff,DC=x', mvId: 2 });
    s.cs.delete(3);
    expect(s.runs.object(1)).toMatchObject({ dn: CS[0].dn, mvId: null, snapshot: CS[0].hologram });
    expect(s.runs.object(5)).toMatchObject({ dn: CS[0].dn, mvId: 1 });
    expect(s.runs.object(3)).toMatchObject({ dn: 'uid=ann,ou=people,dc=x', mvId: 1, csId: 3, objectType: 'inetOrgPerson' });
  });
});
