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

  it('never carries a masked or missing LDAP password to a changed server, port or account', () => {
    open();
    const ldap = { url: 'ldap://127.0.0.1:3890', security: 'none', bindDn: 'cn=admin,dc=example,dc=com', password: 'canary-Pa55' };
    importConfig(engine, { format: 'idsync-config', version: 1, connectors: [{ name: 'dir', type: 'ldap', config: ldap }] });
    const exported = exportConfig(engine);
    expect(exported.connectors[0].config.password).toBe('********');
    for (const change of [{ url: 'ldap://evil.example:389' }, { url: 'ldap://127.0.0.1:3891' }, { bindDn: 'cn=other,dc=example,dc=com' }, { security: 'ldaps', url: 'ldaps://127.0.0.1:3890' }]) {
      for (const password of ['********', undefined]) {
        const doc = structuredClone(exported);
        doc.connectors[0].config = { ...doc.connectors[0].config, ...change, password };
        const result = importConfig(engine, doc);
        expect(result.ok).toBe(false);
        expect(result.problems).toEqual([
          { path: 'connectors[0].config.password', message: expect.stringMatching(/^dir: the stored password is not carried over because .*changed .*; enter the password again$/) },
        ]);
        expect(JSON.stringify(result)).not.toContain('canary');
      }
    }
    expect(engine.connector('dir').config.url).toBe('ldap://127.0.0.1:3890');
    // Same destination, written differently (case, a trailing slash): the password stays.
    const same = structuredClone(exported);
    same.connectors[0].config = { ...same.connectors[0].config, url: 'LDAP://127.0.0.1:3890/', pageSize: 200 };
    expect(importConfig(engine, same).ok).toBe(true);
    expect(engine.connector('dir').config.password).toBe('canary-Pa55');
    // A new password with the new server is accepted.
    const moved = structuredClone(exported);
    moved.connectors[0].config = { ...moved.connectors[0].config, url: 'ldap://127.0.0.1:3999', password: 'new-secret' };
    expect(importConfig(engine, moved).ok).toBe(true);
    expect(engine.connector('dir').config.password).toBe('new-secret');
  });

  it('never carries a masked Entra credential to another tenant, app, authority or Graph address', () => {
    open();
    const entra = { tenantId: 'contoso.onmicrosoft.com', clientId: '5a1f1e2c-0d3b-4c6e-9f7a-1b2c3d4e5f60', auth: { kind: 'secret', clientSecret: 'canary-secret' } };
    importConfig(engine, { format: 'idsync-config', version: 1, connectors: [{ name: 'aad', type: 'entra', config: entra }] });
    const exported = exportConfig(engine);
    expect(exported.connectors[0].config.auth).toBe('********');
    for (const change of [
      { tenantId: 'fabrikam.onmicrosoft.com' }, { clientId: '7b2e3f4a-1c5d-4e6f-8a9b-0c1d2e3f4a5b' },
      { authorityHost: 'https://login.evil.example' }, { graphBaseUrl: 'https://graph.evil.example' },
    ]) {
      const doc = structuredClone(exported);
      doc.connectors[0].config = { ...doc.connectors[0].config, ...change };
      const result = importConfig(engine, doc);
      expect(result.problems.map((p) => p.path)).toEqual(['connectors[0].config.auth']);
      expect(result.problems[0].message).toContain(Object.keys(change)[0]);
    }
    expect(importConfig(engine, exported).ok).toBe(true);
    expect((engine.connector('aad').config.auth as { clientSecret: string }).clientSecret).toBe('canary-secret');
  });

  it('connectors.update refuses a masked secret with a changed destination too', () => {
    open();
    importConfig(engine, { format: 'idsync-config', version: 1, connectors: [{ name: 'c', type: 'test', config: { directory: 'd', password: 'pa55' } }] });
    expect(() => engine.updateConnector('c', { config: { directory: 'elsewhere', password: '********' } })).toThrow(/stored password is not carried over because directory changed/);
    expect(engine.updateConnector('c', { config: { directory: 'd', password: '********', batchSize: 5 } }).config.password).toBe('pa55');
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
