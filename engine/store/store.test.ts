import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countStatements } from '../test-data/statement-counter.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsObject } from '../model/objects.ts';
import { openStore, type Store } from './store.ts';

let dir = '';
let store: Store;
afterEach(() => {
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-store-'));
  store = openStore(path.join(dir, 'idsync.sqlite'));
  return store;
}

function cs(connector: number, dn: string, extra: Partial<CsObject> = {}): Omit<CsObject, 'id'> {
  return {
    connector, dn, anchor: dn, objectType: 'user', state: 'disconnector.normal', transient: false, mvId: null, link: null, hologram: { cn: [dn] },
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null, ...extra,
  };
}

describe('store', () => {
  it('seals secrets with a 0600 key file and reads them back', () => {
    open();
    const c = store.connectors.save({ name: 'ad', type: 'test', description: '', config: { host: 'h', password: 'hunter2' }, runProfiles: [], deleteThreshold: 500 }, ['password']);
    expect(store.connectors.find('AD')!.config.password).toBe('hunter2');
    const row = store.db.prepare('SELECT config, secrets FROM connectors WHERE seq = ?').get(c.seq) as { config: string; secrets: string };
    expect(row.config).not.toContain('hunter2');
    expect(row.secrets).not.toContain('hunter2');
    expect(fs.statSync(path.join(dir, 'idsync.key')).mode & 0o777).toBe(0o600);
  });

  it('answers the DN or anchor scope in one statement: the objects a DN and an anchor name, paged', () => {
    open();
    const ann = store.cs.insert(cs(1, 'CN=Ann,OU=Sales,DC=x', { anchor: 'a-1' }));
    // Bob's anchor is Ann's DN: one value names both.
    const bob = store.cs.insert(cs(1, 'CN=Bob,OU=HR,DC=x', { anchor: 'CN=Ann,OU=Sales,DC=x' }));
    store.cs.insert(cs(2, 'CN=Ann,OU=Sales,DC=x', { anchor: 'a-1' }));
    const statements = countStatements(store);
    const both = store.cs.search(1, { scope: 'dn-or-anchor', value: 'cn=ann,ou=sales,dc=x' }, null, 10);
    expect(statements()).toBe(1);
    // The DN compares as a DN (any case); the anchor exactly.
    expect(both.items.map((o) => o.id)).toEqual([ann]);
    const exact = store.cs.search(1, { scope: 'dn-or-anchor', value: 'CN=Ann,OU=Sales,DC=x' }, null, 10);
    expect([exact.items.map((o) => o.id), exact.total, exact.nextCursor]).toEqual([[ann, bob], 2, null]);
    const first = store.cs.search(1, { scope: 'dn-or-anchor', value: 'CN=Ann,OU=Sales,DC=x' }, null, 1);
    expect([first.items.map((o) => o.id), first.total, first.nextCursor]).toEqual([[ann], 2, String(ann)]);
    const second = store.cs.search(1, { scope: 'dn-or-anchor', value: 'CN=Ann,OU=Sales,DC=x' }, first.nextCursor, 1);
    expect([second.items.map((o) => o.id), second.nextCursor]).toEqual([[bob], null]);
    expect(store.cs.search(1, { scope: 'dn-or-anchor', value: 'a-1' }, null, 10).items.map((o) => o.id)).toEqual([ann]);
    expect(store.cs.search(1, { scope: 'dn-or-anchor', value: 'nobody' }, null, 10).total).toBe(0);
    // Other clauses still apply.
    const withClause = store.cs.search(1, { scope: 'dn-or-anchor', value: 'CN=Ann,OU=Sales,DC=x' }, null, 10, [{ attribute: 'dn', operator: 'starts-with', value: 'cn=bob' }]);
    expect(withClause.items.map((o) => o.id)).toEqual([bob]);
  });

  it('finds CS objects by anchor, DN (case-insensitive) and the console search scopes', () => {
    open();
    store.cs.insert(cs(1, 'CN=Ann,OU=Sales,DC=x', { pendingImport: { op: 'add', image: {} } }));
    store.cs.insert(cs(1, 'CN=Bob,OU=HR,DC=x', { pendingExport: { op: 'update', changes: {} }, errors: { export: { code: 'cd-error', message: 'm', at: '', runId: null } } }));
    store.cs.insert(cs(1, 'CN=Cy,OU=Sales,DC=x', { state: 'disconnector.filtered' }));
    store.cs.insert(cs(2, 'CN=Ann,OU=Sales,DC=x'));
    expect(store.cs.byDn(1, 'cn=ann,ou=sales,dc=x')?.anchor).toBe('CN=Ann,OU=Sales,DC=x');
    expect([...store.cs.byAnchors(1, ['CN=Bob,OU=HR,DC=x', 'nope']).keys()]).toEqual(['CN=Bob,OU=HR,DC=x']);
    const count = (scope: Parameters<Store['cs']['search']>[1]) => store.cs.search(1, scope, null, 10).total;
    expect(count({ scope: 'subtree', dn: 'OU=Sales,DC=x' })).toBe(2);
    expect(count({ scope: 'rdn', rdn: 'cn=bob' })).toBe(1);
    expect(count({ scope: 'dn-or-anchor', value: 'CN=Cy,OU=Sales,DC=x' })).toBe(1);
    expect(count({ scope: 'pending-import', ops: ['add'] })).toBe(1);
    expect(count({ scope: 'pending-import', ops: ['delete'] })).toBe(0);
    expect(count({ scope: 'pending-export', ops: ['update'] })).toBe(1);
    expect(count({ scope: 'export-errors' })).toBe(1);
    expect(count({ scope: 'disconnectors', kinds: ['filtered'] })).toBe(1);
    const first = store.cs.search(1, { scope: 'all' }, null, 2);
    expect(first.items).toHaveLength(2);
    const second = store.cs.search(1, { scope: 'all' }, first.nextCursor, 2);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(store.cs.count(1, 'needs-sync')).toBe(1);
  });

  it('keeps the MV value index for joins and searches MV objects with clauses', () => {
    open();
    store.mv.ensureIndexed(['employeeId']);
    const a = store.mv.insert({ objectType: 'person', attrs: { employeeId: ['E1'], title: ['Dev'], age: [{ int: '30' }] }, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' });
    store.mv.insert({ objectType: 'person', attrs: { employeeId: ['E2'], title: ['Ops'] }, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' });
    expect(store.mv.findByKey('employeeId', 's:e1')).toEqual([a]);
    const search = (clauses: Parameters<Store['mv']['search']>[1]) => store.mv.search('person', clauses, null, 10).items.map((o) => o.id);
    expect(search([{ attribute: 'employeeId', operator: 'equals', value: 'e1' }])).toEqual([a]);
    expect(search([{ attribute: 'title', operator: 'starts-with', value: 'd' }])).toEqual([a]);
    expect(search([{ attribute: 'age', operator: 'greater-than', value: '29' }])).toEqual([a]);
    expect(search([{ attribute: 'age', operator: 'is-not-present', value: '' }])).toHaveLength(1);
    expect(search([{ attribute: 'title', operator: 'not-contains', value: 'o' }])).toEqual([a]);
    store.mv.update({ ...store.mv.get(a)!, attrs: { employeeId: ['E9'] } });
    expect(store.mv.findByKey('employeeId', 's:e1')).toEqual([]);
    store.mv.delete(a);
    expect(store.mv.findByKey('employeeId', 's:e9')).toEqual([]);
  });

  it('finds an indexed reference attribute by the DN it shows, not through its id-keyed index entries', () => {
    open();
    store.mv.ensureIndexed(['manager', 'employeeId']);
    const boss = store.mv.insert({ objectType: 'person', attrs: { employeeId: ['E1'] }, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' });
    const report = store.mv.insert({ objectType: 'person', attrs: { employeeId: ['E2'], manager: [{ ref: 'CN=Boss,DC=x', mv: boss }] }, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' });
    const search = (value: string) => store.mv.search('person', [{ attribute: 'manager', operator: 'equals', value }], null, 10);
    expect(search('cn=boss,dc=x').items.map((o) => o.id)).toEqual([report]);
    expect(search('cn=boss,dc=x').total).toBe(1);
    expect(search(`ref:#${boss}`).items).toEqual([]);
    expect(search('cn=nobody').total).toBe(0);
    expect(store.mv.search('person', [{ attribute: 'employeeId', operator: 'equals', value: 'e9' }], null, 10).total).toBe(0);
  });

  it('pages the metaverse by SQL when no clause needs a row-by-row check, with the same totals and cursors', () => {
    open();
    store.mv.ensureIndexed(['employeeId']);
    const ids = Array.from({ length: 25 }, (_, i) =>
      store.mv.insert({ objectType: i % 5 === 0 ? 'group' : 'person', attrs: { employeeId: [`E${i % 3}`] }, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' }),
    );
    const persons = ids.filter((_, i) => i % 5 !== 0);
    const first = store.mv.search('person', [], null, 8);
    expect(first.total).toBe(20);
    expect(first.items.map((o) => o.id)).toEqual(persons.slice(0, 8));
    const second = store.mv.search('person', [], first.nextCursor, 8);
    expect(second.items.map((o) => o.id)).toEqual(persons.slice(8, 16));
    const last = store.mv.search('person', [], second.nextCursor, 8);
    expect(last.items.map((o) => o.id)).toEqual(persons.slice(16));
    expect(last.nextCursor).toBeNull();
    const byIndex = store.mv.search(undefined, [{ attribute: 'employeeId', operator: 'equals', value: 'e1' }], null, 100);
    expect(byIndex.total).toBe(ids.filter((_, i) => i % 3 === 1).length);
    expect(store.mv.search(undefined, [], null, 100).total).toBe(25);
  });

  it('records runs with steps, counters and per-object records, newest first, and clears old runs', () => {
    open();
    const r1 = store.runs.createRun(1, 'hr', 'Full Import', 'test');
    store.runs.createStep(r1, 1, 'full-import', null);
    store.runs.addObjects(r1, 1, [{ counter: 'stage-add', csId: 5, dn: 'cn=a', objectType: 'user', snapshot: { cn: ['a'] } }]);
    store.runs.finishStep(r1, 1, 'success', { counters: { 'stage-add': 1 }, outbound: {}, errors: {} }, null);
    store.runs.finishRun(r1, 'success');
    const r2 = store.runs.createRun(2, 'ldap', 'Export', 'test');
    expect(store.runs.list({}, null, 10).items.map((r) => r.id)).toEqual([r2, r1]);
    expect(store.runs.list({ connector: 1 }, null, 10).total).toBe(1);
    expect(store.runs.list({ statuses: ['in-progress'] }, null, 10).items[0].id).toBe(r2);
    expect(store.runs.steps(r1)[0].counters.counters['stage-add']).toBe(1);
    const objs = store.runs.objects(r1, 1, 'stage-add', null, null, 10);
    expect(objs.items[0].snapshot).toEqual({ cn: ['a'] });
    expect(store.runs.objectLog(5, 5)).toHaveLength(1);
    expect(store.runs.clear(undefined)).toBe(1);
    expect(store.runs.getRun(r1)).toBeNull();
  });

  it('closes runs left in progress by a dead process', () => {
    open();
    const r = store.runs.createRun(1, 'hr', 'Full Import', 'test');
    store.db.prepare('UPDATE runs SET pid = 999999 WHERE id = ?').run(r);
    expect(store.runs.closeAbandoned()).toBe(1);
    expect(store.runs.getRun(r)!.status).toBe('stopped-database-connection-lost');
  });

  it('ends a killed run at its last progress and says the process ended unexpectedly', () => {
    open();
    const r = store.runs.createRun(1, 'hr', 'Full Import', 'test');
    store.runs.createStep(r, 1, 'full-import', null);
    store.runs.saveCounters(r, 1, { counters: { 'stage-add': 100 }, outbound: {}, errors: {} });
    const lastProgress = '2001-02-03T04:05:06.000Z';
    store.db.prepare('UPDATE runs SET pid = 999999, progress_at = ? WHERE id = ?').run(lastProgress, r);
    expect(store.runs.closeAbandoned()).toBe(1);
    expect(store.runs.getRun(r)).toMatchObject({ status: 'stopped-database-connection-lost', endedAt: lastProgress });
    const [step] = store.runs.steps(r);
    expect(step).toMatchObject({ status: 'stopped-database-connection-lost', endedAt: lastProgress, counters: { counters: { 'stage-add': 100 } } });
    expect(step.message).toBe(`The process ended unexpectedly (process 999999 was killed or crashed); last progress at ${lastProgress}. Work committed until then is kept; run the profile again to finish.`);
  });

  it('puts the message on the last step when the process died between steps', () => {
    open();
    const r = store.runs.createRun(1, 'hr', 'Full Import', 'test');
    store.runs.createStep(r, 1, 'full-import', null);
    store.runs.finishStep(r, 1, 'success', { counters: {}, outbound: {}, errors: {} }, null);
    store.db.prepare('UPDATE runs SET pid = 999999 WHERE id = ?').run(r);
    store.runs.closeAbandoned();
    const [step] = store.runs.steps(r);
    expect(step.status).toBe('success');
    expect(step.message).toMatch(/^The process ended unexpectedly \(process 999999/);
    expect(store.runs.getRun(r)!.endedAt).toBe(step.endedAt);
  });
});
