// Deletion threshold scenarios (§16.5 S-46..S-48) over an in-memory connector space.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkExportDeletions, decideDeletionThreshold, DeleteApprovals, DEFAULT_DELETE_THRESHOLD, listPendingDeletes, pendingDeletesCsv,
  type PendingExportObject, type PendingExportSource,
} from './deletion-threshold.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import { addPerson, createFixture, type Fixture } from './test-fixture.ts';

/** A connector space holding `deletes` pending deletes and `updates` pending updates. */
function space(deletes: number, updates: number): PendingExportSource & { objects: PendingExportObject[] } {
  const objects: PendingExportObject[] = [];
  for (let i = 1; i <= deletes + updates; i++) {
    const del = i <= deletes;
    objects.push({
      id: i, dn: `CN=user${i},OU=Sales,DC=contoso,DC=com`, objectType: 'user', anchor: `anchor-${i}`,
      hologram: { displayName: [`User, "${i}"`], userPrincipalName: [`user${i}@contoso.com`] },
      pendingExport: del ? { op: 'delete', changes: {} } : { op: 'update', changes: { title: ['Engineer'] } },
    });
  }
  return {
    objects,
    countPendingExport: (_c, op) => objects.filter((o) => o.pendingExport?.op === op).length,
    page: (_c, _f, after, limit) => objects.filter((o) => o.id > after && o.pendingExport).slice(0, limit),
  };
}

const homes: string[] = [];
function approvals(): DeleteApprovals {
  const h = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-deletes-'));
  homes.push(h);
  return new DeleteApprovals(h);
}
afterEach(() => { for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true }); });
const AAD = { seq: 2, id: 'aad-id', name: 'contoso.onmicrosoft.com', deleteThreshold: DEFAULT_DELETE_THRESHOLD };

describe('deletion threshold', () => {
  it('S-46 blocks everything above the threshold and leaves the pending exports in place', () => {
    const cs = space(501, 10);
    const before = JSON.stringify(cs.objects);
    expect(checkExportDeletions(cs, approvals(), AAD)).toMatchObject({
      blocked: true,
      status: 'stopped-deletion-threshold-exceeded',
      message: expect.stringMatching(/501 pending deletes exceed the deletion threshold of 500; nothing was exported/),
    });
    expect(JSON.stringify(cs.objects)).toBe(before);
  });

  it('S-47 lets exactly the threshold through (count > threshold blocks)', () => {
    expect(checkExportDeletions(space(500, 10), approvals(), AAD).blocked).toBe(false);
    expect(decideDeletionThreshold(1, 0, null, 'x').blocked).toBe(true);
    expect(decideDeletionThreshold(10_000, null, null, 'x').blocked).toBe(false);
  });

  it('S-48 approving once lets that export through, once; the threshold stays 500', () => {
    const cs = space(501, 10);
    const store = approvals();
    store.approve(AAD.id, listPendingDeletes(cs, AAD.seq).length, 'admin');
    const allowed = checkExportDeletions(cs, store, AAD);
    expect(allowed).toMatchObject({ blocked: false, usedApproval: true, threshold: 500 });
    expect(store.get(AAD.id)).toBeNull();
    expect(checkExportDeletions(cs, store, AAD).blocked).toBe(true);
  });

  it('does not stretch an approval over deletes that appeared after it', () => {
    const store = approvals();
    store.approve(AAD.id, 501);
    expect(checkExportDeletions(space(650, 0), store, AAD)).toMatchObject({ blocked: true, message: expect.stringMatching(/approval of 501 deletes .* no longer covers them/) });
    expect(store.get(AAD.id)).not.toBeNull();
  });

  it('lists the pending deletes across pages and exports them as CSV', () => {
    const rows = listPendingDeletes(space(7, 3), AAD.seq, 2);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const csv = parse(pendingDeletesCsv(rows), { columns: true }) as Record<string, string>[];
    expect(csv.length).toBe(7);
    expect(csv[0]).toEqual({ dn: 'CN=user1,OU=Sales,DC=contoso,DC=com', objectType: 'user', anchor: 'anchor-1', displayName: 'User, "1"', userPrincipalName: 'user1@contoso.com', mail: '' });
  });
});

describe('export step gates (engine, test connector)', () => {
  let fx: Fixture | null = null;
  afterEach(() => { fx?.close(); fx = null; });

  /** Provisions `n` people to the directory, exports them, then removes them at the source so deletes are pending. */
  async function pendingDeletes(n: number, threshold: number): Promise<Fixture> {
    const f = createFixture();
    f.engine.updateConnector('ldap', { deleteThreshold: threshold });
    const anchors = Array.from({ length: n }, (_, i) => addPerson(f.hr, String(i + 1)));
    await f.run('hr', 'Full Import');
    await f.run('hr', 'Delta Synchronization');
    expect((await f.run('ldap', 'Export')).status).toBe('success');
    for (const a of anchors) f.hr.remove(a);
    await f.run('hr', 'Full Import');
    await f.run('hr', 'Delta Synchronization');
    expect(f.engine.store.cs.countPendingExport(2, 'delete')).toBe(n);
    return f;
  }

  it('S-46/S-48 the export step stops above the threshold, and an approval lets that export through once', async () => {
    fx = await pendingDeletes(3, 2);
    const blocked = await fx.run('ldap', 'Export');
    expect(blocked.status).toBe('stopped-deletion-threshold-exceeded');
    expect(blocked.steps[0].message).toMatch(/3 pending deletes exceed the deletion threshold of 2/);
    expect(fx.ldap.byDn('uid=u1,ou=people,dc=example')).toBeDefined();
    new DeleteApprovals(fx.dir).approve(fx.engine.connector('ldap').id, 3);
    const allowed = await fx.run('ldap', 'Export');
    expect(allowed.status).toBe('success');
    expect(allowed.steps[0].counters.counters['export-delete']).toBe(3);
    expect(fx.ldap.byDn('uid=u1,ou=people,dc=example')).toBeUndefined();
    expect(new DeleteApprovals(fx.dir).get(fx.engine.connector('ldap').id)).toBeNull();
  });

  it('S-53 staging mode keeps the pending exports and sends nothing', async () => {
    fx = await pendingDeletes(2, 500);
    new SettingsFile(fx.dir).update((s) => ({ ...s, stagingModeEnabled: true }));
    const run = await fx.run('ldap', 'Export');
    expect(run.steps[0].message).toMatch(/Staging mode is on/);
    expect(fx.engine.store.cs.countPendingExport(2, 'delete')).toBe(2);
    expect(fx.ldap.byDn('uid=u1,ou=people,dc=example')).toBeDefined();
    new SettingsFile(fx.dir).update((s) => ({ ...s, stagingModeEnabled: false }));
    expect((await fx.run('ldap', 'Export')).steps[0].counters.counters['export-delete']).toBe(2);
  });
});
