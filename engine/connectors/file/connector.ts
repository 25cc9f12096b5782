// The file connector: imports CSV, JSON and LDIF files and exports changes back to a file.
import { access, constants, mkdir, open, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Connector, ConnectorContext, DiscoveredSchema, ExportChange, ExportResult, ImportIterator, ImportScope, Partition, TestConnectionResult } from '../contract.ts';
import type { FileSettings } from './config.ts';
import { applyExportChange } from './export-apply.ts';
import { appendJournaled, changeKey, doneKey, journalChanges, journalPath, recoverJournal, rewriteJournaled } from './export-journal.ts';
import { importDelta, importFull, PARTITION_ID } from './import-run.ts';
import { ldifForChange } from './ldif-export.ts';
import { fileStamp, loadObjectSet, writeObjectSet, type ObjectSet } from './object-set.ts';
import { discoverFileSchema } from './schema-discovery.ts';
import { removeSnapshotTemps } from './snapshot-store.ts';
import { removeAbandonedTemps } from './temp-files.ts';
import { fileError } from './text-source.ts';

/** A file connector for one configuration. */
export class FileConnector implements Connector {
  /** The export file's objects as last written, reused while the file is unchanged on disk. */
  private cache: { set: ObjectSet; stamp: string } | undefined;
  private started: Promise<void> | undefined;

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

  async discoverSchema(ctx: ConnectorContext): Promise<DiscoveredSchema> {
    await this.beforeImport(ctx);
    return discoverFileSchema(this.settings, ctx);
  }

  async discoverPartitions(): Promise<readonly Partition[]> {
    return [{ id: PARTITION_ID, name: PARTITION_ID }];
  }

  async *importFull(scope: ImportScope, ctx: ConnectorContext): ImportIterator {
    await this.beforeImport(ctx);
    return yield* importFull(this.settings, scope, ctx);
  }

  async *importDelta(watermark: string, scope: ImportScope, ctx: ConnectorContext): ImportIterator {
    await this.beforeImport(ctx);
    return yield* importDelta(this.settings, watermark, scope, ctx);
  }

  async export(batch: readonly ExportChange[], ctx: ConnectorContext): Promise<readonly ExportResult[]> {
    ctx.signal.throwIfAborted();
    await this.start(ctx);
    const keys = batch.map(changeKey);
    const done = await this.writing(() => recoverJournal(this.settings.exportPath));
    const already = (i: number): ExportResult | undefined => done.get(doneKey(batch[i].csId, keys[i]));
    const skipped = batch.filter((_, i) => already(i)).length;
    if (skipped) ctx.log('info', `${skipped} change(s) of this batch were already written to ${this.settings.exportPath} before an interruption; they are not written again`);
    return this.settings.config.format === 'ldif' ? this.exportLdif(batch, keys, already) : this.exportRewrite(batch, keys, already);
  }

  async close(): Promise<void> {
    this.cache = undefined;
  }

  /** LDIF: the batch's change records are appended in one fsynced write, journaled first. */
  private async exportLdif(batch: readonly ExportChange[], keys: readonly string[], already: (i: number) => ExportResult | undefined): Promise<readonly ExportResult[]> {
    const parts = batch.map((c, i) => {
      const prior = already(i);
      return prior ? { text: '', result: prior } : ldifForChange(this.settings, c);
    });
    const results = parts.map((p) => p.result);
    const records = parts.map((p) => p.text).join('');
    if (!records) return results;
    const path = this.settings.exportPath;
    await this.writing(async () => {
      await mkdir(dirname(path), { recursive: true });
      const offset = (await stat(path).catch(() => undefined))?.size ?? 0;
      const bytes = Buffer.from((await separatorAfter(path, offset)) + records, 'utf8');
      await appendJournaled(path, offset, bytes, journalChanges(results, keys));
    });
    return results;
  }

  /** CSV and JSON: the batch is applied to the file's objects and the whole file is replaced, journaled first. */
  private async exportRewrite(batch: readonly ExportChange[], keys: readonly string[], already: (i: number) => ExportResult | undefined): Promise<readonly ExportResult[]> {
    const path = this.settings.exportPath;
    const stamp = await fileStamp(path);
    const set = this.cache?.stamp === stamp ? this.cache.set : await loadObjectSet(this.settings);
    this.cache = undefined;
    const results = batch.map((c, i) => already(i) ?? applyExportChange(this.settings, set, c));
    if (results.some((r, i) => r.ok && !already(i))) {
      await this.writing(async () => {
        await mkdir(dirname(path), { recursive: true });
        await rewriteJournaled(path, journalChanges(results, keys), (beforeRename) => writeObjectSet(this.settings, set, beforeRename));
      });
    }
    this.cache = { set, stamp: await fileStamp(path) };
    return results;
  }

  /** Once per connector: removes the temporary files a killed export or import left behind. */
  private start(ctx: ConnectorContext): Promise<void> {
    this.started ??= (async () => {
      const exportPath = this.settings.exportPath;
      const ours = new Set([basename(exportPath), basename(journalPath(exportPath))]);
      const removed = [...(await removeAbandonedTemps(dirname(exportPath), (target) => ours.has(target))), ...(await removeSnapshotTemps(this.settings.stateDir))];
      if (removed.length) ctx.log('info', `removed ${removed.length} temporary file(s) left by an interrupted run: ${removed.join(', ')}`);
    })();
    return this.started;
  }

  private async beforeImport(ctx: ConnectorContext): Promise<void> {
    await this.ensureReadable();
    await this.start(ctx);
    // An import of the export file itself must not read the half of an append cut short by a crash.
    if (resolve(this.settings.config.path) === resolve(this.settings.exportPath)) await recoverJournal(this.settings.exportPath);
  }

  private async ensureReadable(): Promise<void> {
    const { path } = this.settings.config;
    try {
      await access(path, constants.R_OK);
    } catch (err) {
      throw fileError(path, err);
    }
  }

  private async writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      throw (err as NodeJS.ErrnoException)?.code ? fileError(this.settings.exportPath, err, 'write') : err;
    }
  }
}

/** The blank line needed before appended records when the file does not end with one (a record would merge). */
async function separatorAfter(path: string, size: number): Promise<string> {
  if (size === 0) return '';
  const handle = await open(path, 'r');
  try {
    const tail = Buffer.alloc(Math.min(2, size));
    await handle.read(tail, 0, tail.length, size - tail.length);
    const text = tail.toString('latin1');
    return text.endsWith('\n\n') || text === '\n' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  } finally {
    await handle.close();
  }
}
