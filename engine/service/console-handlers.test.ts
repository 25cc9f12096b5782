import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiService } from './service.ts';
import type { EventName, EventPayload } from '../../shared/api.ts';
import { hrInboundRule, ldapOutboundRule, addPerson } from '../sync/test-fixture.ts';
import { memoryDirectory, resetMemoryDirectories } from '../connectors/test-connector/index.ts';
import { SyncEngine } from '../sync/engine.ts';
import { nextDayUsers } from '../demo/demo-workspace.ts';
import { demoUsers } from '../demo/demo-data.ts';

let service: ApiService | null = null;
let home = '';
afterEach(async () => {
  await service?.close();
  service = null;
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

type Seen = { event: string; payload: unknown }[];

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A service over two people imported from HR, projected and provisioned to the directory (not exported). */
async function seeded(): Promise<{ svc: ApiService; events: Seen }> {
  resetMemoryDirectories();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-console-'));
  const events: Seen = [];
  service = new ApiService({ home, host: 'web', schedule: false, watchRuns: true, onEvent: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }) });
  const svc = service;
  await svc.dispatch('connectors.create', { name: 'hr', type: 'test', config: { directory: 'console-hr' } });
  await svc.dispatch('connectors.create', { name: 'ldap', type: 'test', config: { directory: 'console-ldap' } });
  await svc.dispatch('rules.save', { ...hrInboundRule(), connector: { id: 'x', name: 'hr' } });
  await svc.dispatch('rules.save', { ...ldapOutboundRule(), connector: { id: 'x', name: 'ldap' } });
  const hr = memoryDirectory('console-hr');
  addPerson(hr, '1', { displayName: 'Ann Lee', title: 'Dev' });
  addPerson(hr, '2', { displayName: 'Bob Kim' });
  for (const profile of ['Full Import', 'Full Synchronization']) {
    const { runId } = await svc.dispatch('runs.start', { connector: 'hr', profile });
    await until(`${profile} to end`, () => events.some((e) => e.event === 'run.finished' && (e.payload as { runId: string }).runId === runId));
  }
  return { svc, events };
}

describe('console API handlers', () => {
  it('finds an identity by anchor, DN part and name across connector spaces and the metaverse, and tells its journey', async () => {
    const { svc } = await seeded();
    const byAnchor = await svc.dispatch('search.global', { text: 'hr-1' });
    expect(byAnchor.items[0]).toMatchObject({ kind: 'cs', connector: 'hr', matched: { attribute: 'anchor', exact: true } });
    const byName = await svc.dispatch('search.global', { text: 'ann lee' });
    expect(byName.items.map((h) => `${h.kind}:${h.connector ?? ''}`)).toEqual(expect.arrayContaining(['mv:', 'cs:hr', 'cs:ldap']));
    expect(byName.items.every((h) => h.displayName === 'Ann Lee')).toBe(true);
    const mvId = byName.items.find((h) => h.kind === 'mv')!.id;
    const journey = await svc.dispatch('journey.get', { mvId });
    expect(journey.mv?.displayName).toBe('Ann Lee');
    expect(journey.objects.map((o) => o.connector).sort()).toEqual(['hr', 'ldap']);
    expect(journey.objects.find((o) => o.connector === 'ldap')?.pendingExport?.op).toBe('add');
    expect([...new Set(journey.runs.map((r) => r.profile))]).toEqual(['Full Synchronization', 'Full Import']);
    await expect(svc.dispatch('search.global', { text: 'x' })).rejects.toThrow(/at least two characters/);
    await expect(svc.dispatch('journey.get', { mvId: '999' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('counts connector spaces by state and pending operation', async () => {
    const { svc } = await seeded();
    const [hr, ldap] = await svc.dispatch('stats.connectors', {});
    expect(hr).toMatchObject({ connector: 'hr', total: 2, connectors: 2, pendingImports: { add: 0 }, pendingExports: { add: 0 } });
    expect(ldap).toMatchObject({ connector: 'ldap', total: 2, connectors: 2, pendingExports: { add: 2, update: 0, delete: 0 } });
  });

  it('fills the chosen columns of metaverse and connector space searches', async () => {
    const { svc } = await seeded();
    const mv = await svc.dispatch('mv.search', { columns: ['title', 'department'] });
    expect(mv.items.map((r) => r.attributes.department)).toEqual([['IT'], ['IT']]);
    expect(mv.items.find((r) => r.displayName === 'Ann Lee')?.attributes.title).toEqual(['Dev']);
    // A provisioned object that was never imported shows the values its export will write.
    const cs = await svc.dispatch('cs.search', { connector: 'ldap', columns: ['cn', 'employeeNumber'] });
    expect(cs.items.map((r) => r.attributes?.cn?.[0]).sort()).toEqual(['Ann Lee', 'Bob Kim']);
  });

  it('sorts, filters and pages run history with durations and change totals', async () => {
    const { svc } = await seeded();
    const asc = await svc.dispatch('operations.runs', { sort: { field: 'startedAt', direction: 'asc' } });
    expect(asc.items.map((r) => r.profile)).toEqual(['Full Import', 'Full Synchronization']);
    expect(asc.items[0].totals).toEqual({ adds: 2, updates: 0, deletes: 0, errors: 0 });
    expect(asc.items.every((r) => typeof r.durationMs === 'number' && r.cycle === null)).toBe(true);
    const second = await svc.dispatch('operations.runs', { sort: { field: 'startedAt', direction: 'asc' }, offset: 1, limit: 1 });
    expect(second).toMatchObject({ total: 2, items: [{ profile: 'Full Synchronization' }] });
    const later = await svc.dispatch('operations.runs', { startedFrom: new Date(Date.now() + 60_000).toISOString() });
    expect(later.total).toBe(0);
    await expect(svc.dispatch('operations.runs', { cycle: 'cycle-1' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('exports a whole grid to a CSV file with progress, and reads it back', async () => {
    const { svc, events } = await seeded();
    const started = await svc.dispatch('exports.start', {
      source: { grid: 'cs.search', connector: 'ldap', search: { scope: 'pending-export', ops: ['add'] } },
      columns: [{ field: 'dn', header: 'Distinguished Name' }, { field: 'attr:cn', header: 'cn' }, { field: 'pendingExport', header: 'Pending Export' }],
      name: 'pending adds',
    });
    expect(started.file.startsWith(path.join(home, 'exports'))).toBe(true);
    await until('the export to end', () => events.some((e) => e.event === 'export.progress' && (e.payload as { state: string }).state === 'done'));
    const read = await svc.dispatch('exports.read', { exportId: started.exportId });
    const lines = read.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Distinguished Name,cn,Pending Export');
    expect(lines.slice(1).sort()).toEqual(['uid=u1\\,ou=people\\,dc=example,Ann Lee,add'.replace(/\\,/g, ','), 'uid=u2,ou=people,dc=example,Bob Kim,add'].map((l) => l.replace(/^(uid=[^,]+,ou=people,dc=example)/, '"$1"')).sort());
    await expect(svc.dispatch('exports.start', { source: { grid: 'mv.search' }, columns: [{ field: 'nope', header: 'x' }] })).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('reports runs another engine on the same database starts: started, progress and finished events', async () => {
    const { svc, events } = await seeded();
    const before = events.length;
    const other = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    try {
      addPerson(memoryDirectory('console-hr'), '3', { displayName: 'Cid Ott' });
      const result = await other.run('hr', 'Full Import', { startedBy: 'cli', stopStatus: 'stopped-user-termination-from-cli' });
      const id = String(result.runId);
      await until(`the run to be reported`, () => events.slice(before).some((e) => e.event === 'run.finished' && (e.payload as { runId: string }).runId === id));
      const mine = events.slice(before);
      expect(mine.find((e) => e.event === 'run.started' && (e.payload as { id: string }).id === id)?.payload).toMatchObject({ id, connector: 'hr', profile: 'Full Import', startedBy: 'cli' });
      expect(mine.some((e) => e.event === 'state.changed')).toBe(true);
      expect((await svc.dispatch('system.status', {})).activeRuns).toEqual([]);
    } finally {
      other.close();
    }
  });
});

describe('demo data', () => {
  it('gives next-day joiners identifiers no existing employee has, at any size', () => {
    for (const n of [60, 80_000, 100_000]) {
      const ids = nextDayUsers(demoUsers(n)).map((u) => u.employeeId);
      expect(new Set(ids).size, `${n} users`).toBe(ids.length);
    }
  });
});
