// Applying the default configuration to a real engine (test connectors stand in for AD and Entra ID).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../sync/engine.ts';
import { RuleSet } from '../rule-set.ts';
import { applyDefaultConfiguration } from './apply-defaults.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function engine(): SyncEngine {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-defaults-'));
  dirs.push(dir);
  return SyncEngine.open(path.join(dir, 'idsync.sqlite'));
}

const input = {
  forests: [{ name: 'contoso.com', type: 'test', config: { directory: 'ad' } }],
  entra: { name: 'contoso.onmicrosoft.com', type: 'test', config: { directory: 'aad' } },
};

describe('applying the default configuration', () => {
  it('creates connectors, schema and rules the engine validates and compiles; a second run updates in place', () => {
    const e = engine();
    try {
      const first = applyDefaultConfiguration(e, input);
      expect(first.connectors.map((c) => c.action)).toEqual(['created', 'created']);
      expect(first.rules.saved).toBe(63);
      expect(first.rules.disabled).toContain('Out to AAD - Contact Join');
      expect(e.connector('contoso.onmicrosoft.com').deleteThreshold).toBe(500);
      const stored = e.store.rules.list();
      expect(stored.length).toBe(63);
      expect(stored[0].rule.name).toBe('In from AD - User Join');
      const connectors = e.store.connectors.list().map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt }));
      const set = new RuleSet(stored, connectors, e.store.schema.get());
      expect(set.all.length).toBe(63 - first.rules.disabled.length);
      const again = applyDefaultConfiguration(e, { ...input, deleteThreshold: 1000 });
      expect(again.connectors.map((c) => c.action)).toEqual(['updated', 'updated']);
      expect(e.store.rules.list().length).toBe(63);
      expect(e.connector('contoso.onmicrosoft.com').deleteThreshold).toBe(1000);
    } finally {
      e.close();
    }
  });
});
