import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MvAttributeDef } from '../../shared/model/metaverse.ts';
import { SyncEngine } from '../sync/engine.ts';
import { exportConfig } from './config-export.ts';
import { importConfig } from './config-import.ts';
import { sampleData } from '../test-data/sample-data.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const data = sampleData('entra-connect-oob-rules.json', 'entra-connect-metaverse.json');
let dir = '';
let engine: SyncEngine;
afterEach(() => {
  engine?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function open(): SyncEngine {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-config-'));
  engine = SyncEngine.open(path.join(dir, 'idsync.sqlite'));
  return engine;
}

const example = () => {
  const text = fs.readFileSync(path.join(repoRoot, 'engine/config/README.md'), 'utf8');
  return JSON.parse(/```json\n([\s\S]*?)```/.exec(text)![1]) as Record<string, unknown>;
};

describe('configuration files', () => {
  it('the documented example imports, and export then import round-trips', () => {
    open();
    const result = importConfig(engine, example());
    expect(result).toMatchObject({ ok: true, counts: { objectTypes: 1, attributes: 6, connectors: 2, syncRules: 2 } });
    const doc = exportConfig(engine);
    expect(doc.connectors.map((c) => c.name)).toEqual(['HR', 'Directory']);
    expect(doc.syncRules[0].connector.id).toBe(doc.connectors[0].id);
    expect(importConfig(engine, JSON.parse(JSON.stringify(doc))).ok).toBe(true);
    expect(exportConfig(engine)).toEqual(doc);
  });

  it('refuses an invalid document whole and lists every problem with its path', () => {
    open();
    importConfig(engine, example());
    const bad = example() as { syncRules: Record<string, unknown>[]; connectors: Record<string, unknown>[] };
    bad.syncRules[0] = { ...bad.syncRules[0], attributeFlows: [{ destination: 'nope', flowType: 'Expression', expression: 'Left([a],' }] };
    bad.syncRules[1] = { ...bad.syncRules[1], precedence: 10 };
    bad.connectors[0] = { ...bad.connectors[0], config: { format: 'csv' } };
    const result = importConfig(engine, bad);
    expect(result.ok).toBe(false);
    const paths = result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['syncRules[0].attributeFlows[0].destination', 'syncRules[0].attributeFlows[0]', 'syncRules[1].precedence', 'connectors[0].config.path']));
    // Nothing changed.
    expect(engine.store.rules.get('in-hr-person')!.rule.attributeFlows).toHaveLength(6);
    expect(importConfig(engine, { format: 'other' }).problems[0].path).toBe('format');
  });

  it('keeps a stored secret when the document masks or omits it, and never exports it', () => {
    open();
    const doc = { format: 'idsync-config', version: 1, connectors: [{ name: 'c', type: 'test', config: { directory: 'd', password: 'pa55' } }] };
    importConfig(engine, doc);
    const exported = exportConfig(engine);
    expect(exported.connectors[0].config.password).toBe('********');
    expect(importConfig(engine, exported).ok).toBe(true);
    expect(engine.connector('c').config.password).toBe('pa55');
    expect(importConfig(engine, { ...doc, connectors: [{ name: 'c', type: 'test', config: { directory: 'd' } }] }).ok).toBe(true);
    expect(engine.connector('c').config.password).toBe('pa55');
  });

  it.skipIf(data.missing)('loads the exported Entra Connect rule set and metaverse schema directly', () => {
    open();
    const rules = data.json<{ connectors: { id: string; name: string }[]; rules: unknown[] }>('entra-connect-oob-rules.json');
    const mv = data.json<{ attributeTypes: { name: string; type: string; multiValued: boolean; indexable: boolean }[]; objectTypes: { name: string; attributes: { name: string }[] }[] }>('entra-connect-metaverse.json');
    const typeOf: Record<string, MvAttributeDef['type']> = { String: 'string', Number: 'integer', Boolean: 'boolean', Binary: 'binary', 'Reference (DN)': 'reference' };
    const attributes = new Map<string, MvAttributeDef>();
    for (const a of mv.attributeTypes) attributes.set(a.name, { name: a.name, type: typeOf[a.type] ?? 'string', multiValued: a.multiValued, indexed: a.indexable });
    const result = importConfig(engine, {
      format: 'idsync-config', version: 1,
      metaverse: { attributes: [...attributes.values()], objectTypes: mv.objectTypes.map((t: { name: string; attributes: { name: string }[] }) => ({ name: t.name, attributes: t.attributes.map((a) => a.name) })) },
      connectors: rules.connectors.map((c: { id: string; name: string }) => ({ id: c.id, name: c.name, type: 'test', config: { directory: c.name } })),
      syncRules: rules.rules,
    });
    expect(result.problems).toEqual([]);
    expect(result.counts.syncRules).toBe(62);
    expect(engine.store.rules.list()[0].rule.name).toBe('In from AD - User Join');
  });
});
