// Full and delta import of a file: batches of changes, located problems, and the digest snapshot as watermark.
import type { ConnectorContext, ImportBatch, ImportChange, ImportIterator, ImportProblem, ImportScope, ImportedObject } from '../contract.ts';
import type { Attributes } from '../../model/values.ts';
import { DN_ANCHOR, readingFingerprint, type FileSettings } from './config.ts';
import { objectDigest } from './digest.ts';
import { dnKey, isUnder } from './dn.ts';
import type { RawItem } from './raw-record.ts';
import { fromRawProblem, mapRecord, problemAt } from './record-mapper.ts';
import { loadSnapshot, snapshotEntry, SnapshotWriter } from './snapshot-store.ts';
import { readRecords } from './source.ts';

/** Collects changes and problems and cuts them into batches. */
class Batcher {
  changes: ImportChange[] = [];
  problems: ImportProblem[] = [];
  constructor(private readonly size: number) {}
  get full(): boolean {
    return this.changes.length + this.problems.length >= this.size;
  }
  take(): ImportBatch {
    const batch: ImportBatch = this.problems.length ? { changes: this.changes, problems: this.problems } : { changes: this.changes };
    this.changes = [];
    this.problems = [];
    return batch;
  }
}

/** Reads every record of the file as a full object; the returned watermark names the new snapshot. */
export async function* importFull(settings: FileSettings, scope: ImportScope, ctx: ConnectorContext): ImportIterator {
  return yield* compareImport(settings, scope, ctx, readRecords(settings.config.path, settings, ctx.signal), undefined);
}

/** Yields what changed since the snapshot the watermark names (or the changes of an LDIF change file). */
export async function* importDelta(settings: FileSettings, watermark: string, scope: ImportScope, ctx: ConnectorContext): ImportIterator {
  const records = readRecords(settings.config.path, settings, ctx.signal);
  // Peek at the first record without for-await: leaving such a loop early would close the reader.
  const head: RawItem[][] = [];
  let first: Extract<RawItem, { kind: 'record' }> | undefined;
  for (let r = await records.next(); !r.done; r = await records.next()) {
    head.push(r.value);
    first = r.value.find((item) => item.kind === 'record');
    if (first) break;
  }
  const all = replay(head, records);
  if (first?.changeRecord) {
    yield* changeFileImport(settings, scope, ctx, all);
    return watermark;
  }
  let previous: Map<string, string>;
  try {
    previous = await loadSnapshot(settings.stateDir, watermark, readingFingerprint(settings.config), anchorKey(settings));
  } catch (err) {
    await records.return([]);
    throw err;
  }
  return yield* compareImport(settings, scope, ctx, all, previous);
}

/** Anchors compare exactly, except DN anchors, which compare as DNs. */
function anchorKey(settings: FileSettings): (anchor: string) => string {
  return settings.anchor === DN_ANCHOR ? dnKey : (a) => a;
}

async function* replay(head: RawItem[][], rest: AsyncGenerator<RawItem[]>): AsyncGenerator<RawItem[]> {
  yield* head;
  yield* rest;
}

/** The one partition of a file. */
export const PARTITION_ID = 'default';

/** A filter for the import scope: keeps an object when it is in scope, trimmed to the attribute inclusion list. */
function scopeFilter(scope: ImportScope): (object: ImportedObject) => ImportedObject | undefined {
  const types = scope.objectTypes?.length ? new Set(scope.objectTypes.map((t) => t.toLowerCase())) : undefined;
  const wanted = scope.attributes ? new Set(scope.attributes.map((a) => a.toLowerCase())) : undefined;
  const otherPartition = !!scope.partitions?.length && !scope.partitions.includes(PARTITION_ID);
  return (object) => {
    if (otherPartition) return undefined;
    if (types && !types.has(object.objectType.toLowerCase())) return undefined;
    if (scope.includeContainers?.length && !scope.includeContainers.some((c) => isUnder(object.dn, c))) return undefined;
    if (scope.excludeContainers?.some((c) => isUnder(object.dn, c))) return undefined;
    if (!wanted) return object;
    const attributes: Attributes = {};
    for (const [name, values] of Object.entries(object.attributes)) if (wanted.has(name.toLowerCase())) attributes[name] = values;
    return { ...object, attributes };
  };
}

/**
 * Full import when `previous` is undefined; otherwise delta by comparison with the previous snapshot. A record that
 * fails keeps its previous digest, and when a failure cannot be tied to an anchor no deletes are inferred, so a
 * malformed row never turns into the deletion of an object.
 */
async function* compareImport(
  settings: FileSettings,
  scope: ImportScope,
  ctx: ConnectorContext,
  records: AsyncIterable<RawItem[]>,
  previous: Map<string, string> | undefined,
): ImportIterator {
  const path = settings.config.path;
  const scoped = scopeFilter(scope);
  const out = new Batcher(settings.config.batchSize);
  const snapshot = new SnapshotWriter(settings.stateDir, readingFingerprint(settings.config));
  const keyOf = anchorKey(settings);
  const seen = new Set<string>();
  let unattributedProblem = false;
  const keepPrevious = (anchor: string | undefined): void => {
    if (anchor === undefined || !previous) return;
    const key = keyOf(anchor);
    const old = previous.get(key);
    if (old === undefined || seen.has(key)) return;
    seen.add(key);
    previous.delete(key);
    const entry = snapshotEntry(old);
    snapshot.add(entry.anchor, entry.digest);
  };
  try {
    for await (const items of records) {
      for (const item of items) {
        ctx.signal.throwIfAborted();
        if (item.kind === 'problem') {
          out.problems.push(fromRawProblem(path, item));
          unattributedProblem = true;
        } else if (item.change) {
          out.problems.push(problemAt(path, item.line, 'need-full-object', `a ${item.change.kind} change record cannot be imported here; use a content or add record`, { dn: item.dn }));
          unattributedProblem = true;
        } else {
          const mapped = mapRecord(item, settings, path);
          if ('problem' in mapped) {
            out.problems.push(mapped.problem);
            if (mapped.problem.anchor === undefined) unattributedProblem = true;
            keepPrevious(mapped.problem.anchor);
          } else if (mapped.change.kind === 'object') {
            const object = scoped(mapped.change.object);
            const anchor = mapped.change.object.anchor;
            const key = keyOf(anchor);
            if (seen.has(key)) {
              out.problems.push(problemAt(path, mapped.line, 'duplicate-object', 'the anchor appears more than once in the file; this record is ignored', { anchor }));
            } else if (object) {
              seen.add(key);
              const digest = objectDigest(object);
              snapshot.add(anchor, digest);
              const old = previous?.get(key);
              previous?.delete(key);
              if (old === undefined || snapshotEntry(old).digest !== digest) out.changes.push({ kind: 'object', object });
            }
          }
        }
        if (out.full) yield out.take();
      }
      await snapshot.spill();
    }
    if (previous) {
      for (const value of previous.values()) {
        const { anchor, digest } = snapshotEntry(value);
        if (unattributedProblem) snapshot.add(anchor, digest);
        else {
          out.changes.push({ kind: 'delete', anchor });
          if (out.full) yield out.take();
        }
      }
      if (unattributedProblem && previous.size) {
        ctx.log('warn', `${previous.size} object(s) were not found, but deletes are not inferred because some records could not be read`);
      }
    }
    if (out.changes.length || out.problems.length) yield out.take();
    return await snapshot.commit();
  } catch (err) {
    await snapshot.abort();
    throw err;
  }
}

/** Yields the records of an LDIF change file as they are: adds as objects, modifies as updates, deletes. */
async function* changeFileImport(settings: FileSettings, scope: ImportScope, ctx: ConnectorContext, records: AsyncIterable<RawItem[]>): AsyncGenerator<ImportBatch> {
  const path = settings.config.path;
  const scoped = scopeFilter(scope);
  const out = new Batcher(settings.config.batchSize);
  for await (const items of records) {
    for (const item of items) {
      ctx.signal.throwIfAborted();
      if (item.kind === 'problem') out.problems.push(fromRawProblem(path, item));
      else {
        const mapped = mapRecord(item, settings, path);
        if ('problem' in mapped) out.problems.push(mapped.problem);
        else if (mapped.change.kind !== 'object') out.changes.push(mapped.change);
        else {
          const object = scoped(mapped.change.object);
          if (object) out.changes.push({ kind: 'object', object });
        }
      }
      if (out.full) yield out.take();
    }
  }
  if (out.changes.length || out.problems.length) yield out.take();
}
