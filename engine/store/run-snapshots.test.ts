import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import type { Store } from './store.ts';
import { TemporaryStores } from './temporary-stores.ts';
import { sqliteOnly } from '../test-data/store-under-test.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());
const open = () => stores.open();

function imported(s: Store, dn: string, image: StoredAttributes): CsObject {
  const o: Omit<CsObject, 'id'> = {
    connector: 1, dn, anchor: dn, objectType: 'person', state: 'disconnector.normal', transient: false, mvId: null, link: null, hologram: {},
    pendingImport: { op: 'add', image }, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
  };
  return { ...o, id: s.cs.insert(o) };
}

/** One run with one step holding the given records, ended at `endedAt`. */
function run(s: Store, records: Parameters<Store['runs']['addObjects']>[2], endedAt?: string): number {
  const id = s.runs.createRun(1, 'hr', 'Full Import', 'test');
  s.runs.createStep(id, 1, 'full-import', null);
  s.runs.addObjects(id, 1, records);
  s.runs.finishRun(id, 'success');
  if (endedAt) s.db.prepare('UPDATE runs SET ended_at = ? WHERE id = ?').run(endedAt, id);
  return id;
}

const bytesOfRecords = (s: Store) => (s.db.prepare('SELECT coalesce(sum(length(snapshot)), 0) AS n FROM run_objects').get() as { n: number }).n;

describe('run records that refer to their object', () => {
  it('keep no copy while the object holds the same attributes, and get one before the object changes', () => {
    const s = open();
    const a = imported(s, 'CN=Ann,OU=HR', { cn: ['Ann'], title: ['Dev'] });
    const r1 = run(s, [{ counter: 'stage-add', csId: a.id, dn: a.dn, objectType: 'person', snapshot: { cn: ['Ann'], title: ['Dev'] } }]);
    expect(bytesOfRecords(s)).toBe(0);
    const [rec1] = s.runs.objects(r1, 1, 'stage-add', null, null, 10).items;
    expect(rec1).toMatchObject({ dn: 'CN=Ann,OU=HR', objectType: 'person', snapshot: { cn: ['Ann'], title: ['Dev'] } });

    // The synchronization applies the import: same attributes, now the hologram; still no copy.
    s.cs.update({ ...s.cs.get(a.id)!, hologram: { cn: ['Ann'], title: ['Dev'] }, pendingImport: null, state: 'connector.normal' });
    expect(bytesOfRecords(s)).toBe(0);
    expect(s.runs.object(rec1.id)!.snapshot).toEqual({ cn: ['Ann'], title: ['Dev'] });

    // A new import changes the image: the first record gets its copy, the new one refers to the object.
    s.cs.update({ ...s.cs.get(a.id)!, pendingImport: { op: 'update', image: { cn: ['Ann'], title: ['Lead'] } } });
    const r2 = run(s, [{ counter: 'stage-update', csId: a.id, dn: a.dn, objectType: 'person', snapshot: { cn: ['Ann'], title: ['Lead'] } }]);
    expect(bytesOfRecords(s)).toBeGreaterThan(0);
    expect(s.runs.object(rec1.id)!.snapshot).toEqual({ cn: ['Ann'], title: ['Dev'] });
    const [rec2] = s.runs.objects(r2, 1, 'stage-update', null, null, 10).items;
    expect(rec2.snapshot).toEqual({ cn: ['Ann'], title: ['Lead'] });

    // Renamed, then deleted: every record keeps the DN and attributes it had.
    s.cs.update({ ...s.cs.get(a.id)!, dn: 'CN=Ann Smith,OU=HR' });
    expect(s.runs.object(rec1.id)!.dn).toBe('CN=Ann,OU=HR');
    s.cs.delete(a.id);
    expect(s.runs.object(rec2.id)).toMatchObject({ dn: 'CN=Ann,OU=HR', snapshot: { cn: ['Ann'], title: ['Lead'] }, objectType: 'person' });
    expect(s.runs.objectLog(a.id, 10).map((r) => r.id)).toEqual([rec2.id, rec1.id]);
  });

  it('in one batch of more objects than one read holds, refer once per place: a record naming an object again takes over the reference', () => {
    const s = open();
    const objects = Array.from({ length: 600 }, (_, i) => imported(s, `CN=U${i},OU=HR`, { cn: [`U${i}`] }));
    const [a, b] = objects;
    // An earlier run refers to a's image; this batch names a twice (same image) and b with changed attributes.
    const before = run(s, [{ counter: 'stage-add', csId: a.id, dn: a.dn, objectType: 'person', snapshot: { cn: ['U0'] } }]);
    const batch = [
      ...objects.map((o) => ({ counter: 'stage-update', csId: o.id, dn: o.dn, objectType: 'person', snapshot: { cn: [o.dn === b.dn ? 'changed' : o.dn.slice(3, o.dn.indexOf(','))] } })),
      { counter: 'stage-update', csId: a.id, dn: a.dn, objectType: 'person', snapshot: { cn: ['U0'] } },
      { counter: 'stage-update', csId: null, dn: 'CN=Gone,OU=HR', objectType: 'person', snapshot: { cn: ['Gone'] } },
    ];
    const now = run(s, batch);
    const referring = (csId: number) => s.db.prepare('SELECT id FROM run_objects WHERE cs_id = ? AND snap_ref IS NOT NULL AND snapshot IS NULL').pluck().all(csId);
    const records = s.runs.objects(now, 1, 'stage-update', null, null, 1000).items;
    expect(records).toHaveLength(602);
    // Only the last record about a refers to its image; the two before it (one per run) hold copies.
    const aRecords = s.db.prepare('SELECT id FROM run_objects WHERE cs_id = ? ORDER BY id').pluck().all(a.id) as number[];
    expect(aRecords).toHaveLength(3);
    expect(referring(a.id)).toEqual([aRecords[2]]);
    expect(s.runs.object(s.runs.objects(before, 1, 'stage-add', null, null, 10).items[0].id)!.snapshot).toEqual({ cn: ['U0'] });
    for (const id of aRecords) expect(s.runs.object(id)!.snapshot).toEqual({ cn: ['U0'] });
    // b's record differs from its object, so it holds a copy; every other object has one referring record.
    expect(referring(b.id)).toEqual([]);
    expect(records.find((r) => r.csId === b.id)!.snapshot).toEqual({ cn: ['changed'] });
    for (const o of objects.slice(2)) expect(referring(o.id)).toHaveLength(1);
    expect(records.find((r) => r.dn === 'CN=Gone,OU=HR')).toMatchObject({ csId: null, snapshot: { cn: ['Gone'] } });
    expect(records.find((r) => r.csId === objects[599].id)).toMatchObject({ dn: 'CN=U599,OU=HR', objectType: 'person', snapshot: { cn: ['U599'] } });
  });

  it('refer to the exported values an export left unconfirmed, and copy them when the next export merges more', () => {
    const s = open();
    const t = imported(s, 'uid=ann,ou=people', {});
    const sent = { cn: ['Ann'], sn: ['Lee'] };
    s.cs.update({ ...s.cs.get(t.id)!, pendingImport: null, unconfirmed: sent });
    const r1 = run(s, [{ counter: 'export-add', csId: t.id, dn: t.dn, objectType: 'person', snapshot: sent }]);
    expect(bytesOfRecords(s)).toBe(0);
    s.cs.update({ ...s.cs.get(t.id)!, unconfirmed: { ...sent, title: ['Dev'] } });
    const [rec] = s.runs.objects(r1, 1, 'export-add', null, null, 10).items;
    expect(rec.snapshot).toEqual(sent);
    expect(bytesOfRecords(s)).toBeGreaterThan(0);
  });

  it('keep the copies of a connector space that is deleted', () => {
    const s = open();
    const a = imported(s, 'CN=Ann,OU=HR', { cn: ['Ann'] });
    const r = run(s, [{ counter: 'stage-add', csId: a.id, dn: a.dn, objectType: 'person', snapshot: { cn: ['Ann'] } }]);
    s.cs.deleteConnectorSpace(1);
    expect(s.runs.objects(r, 1, 'stage-add', null, null, 10).items[0]).toMatchObject({ dn: 'CN=Ann,OU=HR', objectType: 'person', snapshot: { cn: ['Ann'] } });
  });
});

describe('run history purge', () => {
  it.skipIf(sqliteOnly('the reuse of the pages a purge frees'))('removes the runs that ended before the purge time with their records, keeps the others, and reuses the space', () => {
    const s = open();
    const now = Date.now();
    const day = 24 * 3600_000;
    const a = imported(s, 'CN=Ann,OU=HR', { cn: ['Ann'] });
    const old = run(s, [{ counter: 'stage-add', csId: a.id, dn: a.dn, objectType: 'person', snapshot: { cn: ['Ann'] } }], new Date(now - 8 * day).toISOString());
    const oldRecord = s.runs.objects(old, 1, 'stage-add', null, null, 10).items[0].id;
    const big = Array.from({ length: 2000 }, (_, i) => ({ counter: 'stage-add', csId: null, dn: `CN=X${i},OU=HR`, objectType: 'person', snapshot: { cn: [`X${i}`.repeat(50)] } }));
    const older = run(s, big, new Date(now - 9 * day).toISOString());
    const recent = run(s, [{ counter: 'stage-update', csId: a.id, dn: a.dn, objectType: 'person', snapshot: { cn: ['Ann'] } }], new Date(now - day).toISOString());
    const pages = () => (s.db as Database.Database).pragma('page_count', { simple: true }) as number;
    const before = pages();

    // The scheduler purges what ended more than the purge interval (7 days by default) ago.
    expect(s.runs.clear(new Date(now - 7 * day).toISOString())).toBe(2);
    expect(s.runs.getRun(old)).toBeNull();
    expect(s.runs.getRun(older)).toBeNull();
    expect(s.runs.object(oldRecord)).toBeNull();
    expect(s.db.prepare('SELECT count(*) AS n FROM run_objects WHERE run_id IN (?, ?)').get(old, older)).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT count(*) AS n FROM run_times WHERE run_id IN (?, ?)').get(old, older)).toEqual({ n: 0 });
    expect(s.runs.objects(recent, 1, 'stage-update', null, null, 10).items[0]).toMatchObject({ dn: 'CN=Ann,OU=HR', snapshot: { cn: ['Ann'] } });

    // The object still names a purged record: changing it copies into nothing, and new records get new ids.
    s.cs.update({ ...s.cs.get(a.id)!, pendingImport: { op: 'update', image: { cn: ['Ann B'] } } });
    const again = run(s, big);
    expect(Math.min(...s.runs.objects(again, 1, 'stage-add', null, null, 5000).items.map((r) => r.id))).toBeGreaterThan(oldRecord);
    expect(s.runs.objects(recent, 1, 'stage-update', null, null, 10).items[0].snapshot).toEqual({ cn: ['Ann'] });
    // The purged pages were reused: the same history again does not grow the file.
    expect(pages()).toBeLessThanOrEqual(before);
  });
});
