// Export batches are cut by values as well as by objects: objects with long value lists (large groups) are not
// sent, nor held, together.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportChange } from '../connectors/contract.ts';
import { FileConnector } from '../connectors/file/connector.ts';
import { importConfig } from '../config/config-import.ts';
import { SyncEngine } from './engine.ts';
import { BATCH_VALUES } from './export-step.ts';

let dir: string;
let engine: SyncEngine;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-export-batches-'));
  engine = SyncEngine.open(path.join(dir, 'idsync.sqlite'));
});

afterEach(() => {
  vi.restoreAllMocks();
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (connector: string, profile: string) => engine.run(connector, profile, { startedBy: 'test', stopStatus: 'stopped-user-termination-from-cli' });

describe('export batches', () => {
  it('sends a large object in a batch of its own once the values of a batch would pass the budget', async () => {
    const tags = Math.ceil(BATCH_VALUES * 0.6);
    const small = Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, tags: [`t${i}`] }));
    const large = [1, 2, 3].map((g) => ({ id: `l${g}`, tags: Array.from({ length: tags }, (_, i) => `tag ${g} ${i}`) }));
    const source = path.join(dir, 'source.json');
    fs.writeFileSync(source, JSON.stringify([...small, ...large]));
    const result = importConfig(engine, {
      format: 'idsync-config', version: 1,
      metaverse: { objectTypes: [{ name: 'item', attributes: ['itemId', 'tags'] }], attributes: [{ name: 'itemId' }, { name: 'tags', multiValued: true }] },
      connectors: [
        { name: 'source', type: 'file', config: { format: 'json', path: source, anchor: 'id', objectType: 'item', attributes: { tags: { multiValued: true } } } },
        { name: 'target', type: 'file', config: { format: 'ldif', path: path.join(dir, 'target.ldif') } },
      ],
      syncRules: [
        { id: 'in', name: 'In', direction: 'Inbound', precedence: 1, connector: { id: '', name: 'source' }, sourceObjectType: 'item', targetObjectType: 'item', linkType: 'Provision',
          attributeFlows: [{ destination: 'itemId', sources: ['id'], flowType: 'Direct' }, { destination: 'tags', sources: ['tags'], flowType: 'Direct' }] },
        { id: 'out', name: 'Out', direction: 'Outbound', precedence: 2, connector: { id: '', name: 'target' }, sourceObjectType: 'item', targetObjectType: 'device', linkType: 'Provision',
          attributeFlows: [
            { destination: 'dn', flowType: 'Expression', expression: '"cn=" & [itemId] & ",dc=x"' },
            { destination: 'cn', sources: ['itemId'], flowType: 'Direct' },
            { destination: 'description', sources: ['tags'], flowType: 'Direct' },
          ] },
      ],
    });
    expect(result.ok).toBe(true);
    await run('source', 'Full Import');
    await run('source', 'Full Synchronization');

    const batches: string[][] = [];
    const original = FileConnector.prototype.export;
    vi.spyOn(FileConnector.prototype, 'export').mockImplementation(function (this: FileConnector, batch: readonly ExportChange[], ctx) {
      batches.push(batch.map((c) => c.dn));
      return original.call(this, batch, ctx);
    });
    const exported = await run('target', 'Export');
    expect(exported.status).toBe('success');
    expect(exported.steps[0].counters.counters['export-add']).toBe(8);
    expect(batches).toEqual([[...small.map((s) => `cn=${s.id},dc=x`), 'cn=l1,dc=x'], ['cn=l2,dc=x'], ['cn=l3,dc=x']]);
    // Everything sent arrived: the target holds each large object's values in full.
    const text = fs.readFileSync(path.join(dir, 'target.ldif'), 'utf8');
    expect(text.split('\ndescription: tag 3 ').length - 1).toBe(tags);
  });
});
