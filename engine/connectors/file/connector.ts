// The file connector: imports CSV, JSON and LDIF files and exports changes back to a file.
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Connector, ConnectorContext, DiscoveredSchema, ExportChange, ExportResult, ImportIterator, ImportScope, Partition, TestConnectionResult } from '../contract.ts';
import type { FileSettings } from './config.ts';
import { applyExportChange } from './export-apply.ts';
import { importDelta, importFull, PARTITION_ID } from './import-run.ts';
import { appendLdif, ldifForChange } from './ldif-export.ts';
import { fileStamp, loadObjectSet, writeObjectSet, type ObjectSet } from './object-set.ts';
import { discoverFileSchema } from './schema-discovery.ts';
import { fileError } from './text-source.ts';

/** A file connector for one configuration. */
export class FileConnector implements Connector {
  /** The export file's objects as last written, reused while the file is unchanged on disk. */
  private cache: { set: ObjectSet; stamp: string } | undefined;

  constructor(private readonly settings: FileSettings) {}

  async testConnection(): Promise<TestConnectionResult> {
    const { path } = this.settings.config;
    const exportDir = dirname(this.settings.exportPath);
    try {
      const s = await stat(path);
      if (!s.isFile()) return { ok: false, message: `${path} is not a file` };
      await access(path, constants.R_OK);
    } catch (err) {
      return { ok: false, message: fileError(path, err).message };
    }
    try {
      await access(exportDir, constants.W_OK);
    } catch {
      return { ok: false, message: `${path} is readable, but the export directory ${exportDir} is not writable` };
    }
    return { ok: true, message: `${path} is readable and ${exportDir} is writable` };
  }

  async discoverSchema(): Promise<DiscoveredSchema> {
    await this.ensureReadable();
    return discoverFileSchema(this.settings);
  }

  async discoverPartitions(): Promise<readonly Partition[]> {
    return [{ id: PARTITION_ID, name: PARTITION_ID }];
  }

  async *importFull(scope: ImportScope, ctx: ConnectorContext): ImportIterator {
    await this.ensureReadable();
    return yield* importFull(this.settings, scope, ctx);
  }

  async *importDelta(watermark: string, scope: ImportScope, ctx: ConnectorContext): ImportIterator {
    await this.ensureReadable();
    return yield* importDelta(this.settings, watermark, scope, ctx);
  }

  async export(batch: readonly ExportChange[], ctx: ConnectorContext): Promise<readonly ExportResult[]> {
    ctx.signal.throwIfAborted();
    if (this.settings.config.format === 'ldif') {
      const parts = batch.map((c) => ldifForChange(this.settings, c));
      await this.writing(() => appendLdif(this.settings.exportPath, parts.map((p) => p.text).join('')));
      return parts.map((p) => p.result);
    }
    const stamp = await fileStamp(this.settings.exportPath);
    const set = this.cache?.stamp === stamp ? this.cache.set : await loadObjectSet(this.settings);
    this.cache = undefined;
    const results = batch.map((c) => applyExportChange(this.settings, set, c));
    if (results.some((r) => r.ok)) await this.writing(() => writeObjectSet(this.settings, set));
    this.cache = { set, stamp: await fileStamp(this.settings.exportPath) };
    return results;
  }

  async close(): Promise<void> {
    this.cache = undefined;
  }

  private async ensureReadable(): Promise<void> {
    const { path } = this.settings.config;
    try {
      await access(path, constants.R_OK);
    } catch (err) {
      throw fileError(path, err);
    }
  }

  private async writing(write: () => Promise<void>): Promise<void> {
    try {
      await mkdir(dirname(this.settings.exportPath), { recursive: true });
      await write();
    } catch (err) {
      throw (err as NodeJS.ErrnoException)?.code ? fileError(this.settings.exportPath, err, 'write') : err;
    }
  }
}
