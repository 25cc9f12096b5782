import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiService } from './service.ts';
import type { EventName, EventPayload } from '../../shared/api.ts';
import { hrInboundRule, ldapOutboundRule, addPerson } from '../sync/test-fixture.ts';
import { memoryDirectory, resetMemoryDirectories } from '../connectors/test-connector/index.ts';

let service: ApiService | null = null;
let home = '';
afterEach(async () => {
  await service?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

function start() {
  resetMemoryDirectories();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-api-'));
  const events: { event: string; payload: unknown }[] = [];
  service = new ApiService({ home, host: 'web', onEvent: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }) });
  return { svc: service, events };
}

async function runToEnd(svc: ApiService, events: { event: string; payload: unknown }[], connector: string, profile: string) {
  const { runId } = await svc.dispatch('runs.start', { connector, profile });
  for (let i = 0; i < 200; i++) {
    if (events.some((e) => e.event === 'run.finished' && (e.payload as { runId: string }).runId === runId)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return svc.dispatch('runs.get', { runId });
}

describe('engine API handlers', () => {
  it('creates connectors with masked secrets and the five default run profiles', async () => {
    const { svc } = start();
    const c = await svc.dispatch('connectors.create', { name: 'hr', type: 'test', config: { directory: 'api-hr', password: 's3cret!' } });
    expect(c.config.password).toBe('********');
    expect(c.runProfiles.map((p) => p.name)).toEqual(['Full Import', 'Delta Import', 'Full Synchronization', 'Delta Synchronization', 'Export']);
    const raw = fs.readFileSync(path.join(home, 'idsync.sqlite'));
    expect(raw.includes(Buffer.from('s3cret!'))).toBe(false);
    // A masked secret sent back keeps the stored value.
    await svc.dispatch('connectors.update', { connector: 'hr', config: { directory: 'api-hr', password: '********' } });
    const exported = await svc.dispatch('config.export', {});
    expect(JSON.stringify(exported)).not.toContain('s3cret!');
    await expect(svc.dispatch('connectors.create', { name: 'x', type: 'nope' })).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('runs profiles asynchronously and serves run history, CS and MV search, preview and lineage', async () => {
    const { svc, events } = start();
    await svc.dispatch('connectors.create', { name: 'hr', type: 'test', config: { directory: 'api-hr' } });
    await svc.dispatch('connectors.create', { name: 'ldap', type: 'test', config: { directory: 'api-ldap' } });
    const hrRule = hrInboundRule();
    await svc.dispatch('rules.save', { ...hrRule, connector: { id: 'x', name: 'hr' } });
    await svc.dispatch('rules.save', { ...ldapOutboundRule(), connector: { id: 'x', name: 'ldap' } });
    const hr = memoryDirectory('api-hr');
    addPerson(hr, '1', { title: 'Dev' });
    addPerson(hr, '2');
    const imp = await runToEnd(svc, events, 'hr', 'Full Import');
    expect(imp.status).toBe('success');
    expect(imp.steps[0].counters['stage-add']).toBe(2);
    const adds = await svc.dispatch('runs.objects', { runId: imp.id, step: 1, counter: 'stage-add' });
    expect(adds.total).toBe(2);
    const snap = await svc.dispatch('runs.objectSnapshot', { recordId: adds.items[0].id });
    expect(snap.attributes?.employeeId).toBeDefined();

    const pending = await svc.dispatch('cs.search', { connector: 'hr', search: { scope: 'pending-import', ops: ['add'] } });
    expect(pending.total).toBe(2);
    const preview = await svc.dispatch('preview.generate', { connector: 'hr', id: pending.items[0].id });
    expect(preview.join.action).toBe('projected');
    expect(preview.outbound[0].action).toBe('provision');
    expect((await svc.dispatch('mv.search', {})).total).toBe(0);

    const sync = await runToEnd(svc, events, 'hr', 'Delta Synchronization');
    expect(sync.steps[0].counters['disconnector-projected-flow']).toBe(2);
    expect(events.some((e) => e.event === 'run.progress')).toBe(true);
    const found = await svc.dispatch('mv.search', { clauses: [{ attribute: 'title', operator: 'equals', value: 'dev' }] });
    expect(found.total).toBe(1);
    const mv = await svc.dispatch('mv.get', { id: found.items[0].id });
    expect(mv.attributes.find((a) => a.attribute === 'title')?.contributors[0].ruleName).toBe('In from HR - Person');
    const lin = await svc.dispatch('lineage.attribute', { mvId: found.items[0].id, attribute: 'title' });
    expect(lin.contributors[0]).toMatchObject({ connector: 'hr', ruleName: 'In from HR - Person', precedence: 10 });
    const pe = await svc.dispatch('cs.search', { connector: 'ldap', search: { scope: 'pending-export' } });
    expect(pe.total).toBe(2);
    const detail = await svc.dispatch('cs.get', { connector: 'ldap', id: pe.items[0].id });
    expect(detail.pendingExportDetail?.op).toBe('add');

    const runs = await svc.dispatch('runs.list', { connector: 'hr' });
    expect(runs.items.map((r) => r.profile)).toEqual(['Delta Synchronization', 'Full Import']);
    await svc.dispatch('schema.addAttribute', { name: 'nickname' });
    const after = await svc.dispatch('schema.deleteAttribute', { name: 'nickname' });
    expect(after.attributes.some((a) => a.name === 'nickname')).toBe(false);
  });

  it('refuses a schema attribute delete while a rule uses it, and an invalid config file whole', async () => {
    const { svc } = start();
    await svc.dispatch('connectors.create', { name: 'hr', type: 'test', config: { directory: 'api-hr' } });
    await svc.dispatch('schema.addObjectType', { name: 'person', attributes: [] });
    for (const a of ['employeeId', 'givenName', 'sn', 'displayName', 'department', 'title', 'targetDn']) {
      await svc.dispatch('schema.addAttribute', { name: a, objectTypes: ['person'], indexed: a === 'employeeId' });
    }
    await svc.dispatch('rules.save', { ...hrInboundRule(), connector: { id: 'x', name: 'hr' } });
    await expect(svc.dispatch('schema.deleteAttribute', { name: 'title' })).rejects.toMatchObject({ code: 'attribute-in-use' });
    const bad = await svc.dispatch('config.import', {
      document: { format: 'idsync-config', version: 1, connectors: [{ name: 'c', type: 'nope' }], syncRules: [{ ...hrInboundRule(), connector: { id: 'zz', name: 'zz' } }] },
    });
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['connectors[0].type', 'syncRules[0].connector']));
    expect((await svc.dispatch('rules.list', {})).length).toBe(1);
  });
});
