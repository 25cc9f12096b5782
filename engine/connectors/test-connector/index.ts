// The in-memory test connector: full and delta import, export with error injection. Used by tests,
// benchmarks and demos; with `dataFile` it persists to a JSON file so CLI processes share the data.
import { z } from 'zod';
import type { Connector, ConnectorType, ExportChange, ExportResult, ImportBatch, ImportChange } from '../contract.ts';
import { ConnectivityError, WatermarkExpiredError } from '../contract.ts';
import type { Attributes } from '../../model/values.ts';
import { memoryDirectory, type MemoryDirectory } from './memory-directory.ts';

export const TestConnectorConfig = z.object({
  /** Name of the shared in-memory directory. */
  directory: z.string().min(1).default('default'),
  /** JSON file the directory is loaded from and saved to (optional). */
  dataFile: z.string().optional(),
  batchSize: z.number().int().min(1).default(100),
  /** A secret, only to exercise secret handling. */
  password: z.string().optional(),
  /** Behave like Active Directory: references keep pointing at a renamed object without a change of the referrer. */
  keepsReferences: z.boolean().default(false),
});
export type TestConnectorConfig = z.infer<typeof TestConnectorConfig>;

class TestConnector implements Connector {
  constructor(private readonly config: TestConnectorConfig) {}

  private dir(): MemoryDirectory {
    const d = memoryDirectory(this.config.directory, this.config.dataFile);
    if (d.unreachable) throw new ConnectivityError(`The test directory "${this.config.directory}" is unreachable`);
    return d;
  }

  async testConnection() {
    try {
      const d = this.dir();
      return { ok: true, message: `Test directory "${this.config.directory}" holds ${d.entries.size} objects` };
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
  }

  async discoverSchema() {
    return { objectTypes: [] };
  }

  async discoverPartitions() {
    return [{ id: 'default', name: 'default' }];
  }

  async *importFull(): AsyncGenerator<ImportBatch, string | null, void> {
    const d = this.dir();
    const all: ImportChange[] = [...d.entries.values()].map((e) => ({ kind: 'object', object: { anchor: e.anchor, dn: e.dn, objectType: e.objectType, attributes: e.attributes } }));
    for (let i = 0; i < Math.max(all.length, 1); i += this.config.batchSize) {
      yield { changes: all.slice(i, i + this.config.batchSize), ...(i === 0 && d.importProblems.length ? { problems: d.importProblems } : {}) };
    }
    return String(d.seq);
  }

  async *importDelta(watermark: string): AsyncGenerator<ImportBatch, string | null, void> {
    const d = this.dir();
    const since = Number(watermark);
    if (!Number.isFinite(since) || since < d.logStart) throw new WatermarkExpiredError(`Watermark ${watermark} is older than the change log`);
    const changes = d.changesSince(since);
    for (let i = 0; i < changes.length; i += this.config.batchSize) yield { changes: changes.slice(i, i + this.config.batchSize) };
    return String(d.seq);
  }

  async export(batch: readonly ExportChange[]): Promise<readonly ExportResult[]> {
    const d = this.dir();
    const results = batch.map((c) => exportOne(d, c));
    d.save();
    return results;
  }

  async close() {}
}

/** Applies one change to the directory; an add onto an existing DN becomes an update of that object. */
function exportOne(d: MemoryDirectory, c: ExportChange): ExportResult {
  const fail = d.failExport.get((c.newDn ?? c.dn).toLowerCase()) ?? d.failExport.get(c.dn.toLowerCase());
  if (fail) return { csId: c.csId, ok: false, error: fail };
  const attrs: Attributes = {};
  for (const ch of c.changes) attrs[ch.attribute] = ch.op === 'delete' ? [] : [...ch.values];
  if (c.op === 'add') {
    const existing = d.byDn(c.dn);
    if (existing) {
      d.modify(existing.anchor, attrs);
      return { csId: c.csId, ok: true, anchor: existing.anchor, dn: existing.dn, matchedExisting: true };
    }
    const clean = Object.fromEntries(Object.entries(attrs).filter(([, v]) => v.length > 0));
    const anchor = d.add(c.dn, c.objectType, clean);
    return { csId: c.csId, ok: true, anchor, dn: c.dn };
  }
  const target = (c.anchor && d.entries.get(c.anchor)) || d.byDn(c.dn);
  if (!target) {
    if (c.op === 'delete') return { csId: c.csId, ok: true };
    return { csId: c.csId, ok: false, error: { code: 'cd-missing-object', message: `No object ${c.dn} in the test directory` } };
  }
  if (c.op === 'delete') {
    d.remove(target.anchor);
    return { csId: c.csId, ok: true };
  }
  d.modify(target.anchor, attrs, c.newDn ? { dn: c.newDn } : undefined);
  return { csId: c.csId, ok: true, anchor: target.anchor, dn: c.newDn ?? target.dn };
}

/** The test connector type. */
export const testConnectorType: ConnectorType<TestConnectorConfig> = {
  type: 'test',
  displayName: 'In-memory test directory',
  configSchema: TestConnectorConfig as z.ZodType<TestConnectorConfig>,
  secretFields: ['password'],
  capabilities: { deltaImport: true, export: true, rename: true, passwordExport: false, exportsWholeSet: false },
  keepsReferencesOnRename: (config) => config.keepsReferences,
  create: (config) => new TestConnector(config),
};

export { memoryDirectory, resetMemoryDirectories, MemoryDirectory } from './memory-directory.ts';
