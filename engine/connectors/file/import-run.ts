// Full and delta import of a file: batches of changes, located problems, and the digest snapshot as watermark.
import type { ConnectorContext, ImportBatch, ImportChange, ImportIterator, ImportProblem, ImportScope, ImportedObject } from '../contract.ts';
import type { Attributes } from '../../model/values.ts';
import { DN_ANCHOR, readingFingerprint, type FileSettings } from './config.ts';
import { objectDigest } from './digest.ts';
import { dnKey, isWithinDn } from './dn.ts';
import { LdifReplay } from './ldif-replay.ts';
import { hasChangeRecords } from './ldif-source.ts';
import { fromRawProblem, mapRecord, problemAt } from './record-mapper.ts';
import { previousSnapshot, SnapshotWriter } from './snapshot-store.ts';
import type { SourceItem } from './source-item.ts';
import { readRecords } from './source.ts';

/**
 * Values a batch may carry before it is cut, whatever its object count: a group's member list grows with the
 * directory, and a batch of many such groups would otherwise hold the whole directory's names at once.
 */
export const BATCH_VALUES = 50_000;

/**
 * Collects changes and problems and cuts them into batches of at most `size` items and `BATCH_VALUES` values (a
 * single object with more values travels alone).
 */
class Batcher {
  changes: ImportChange[] = [];
  problems: ImportProblem[] = [];
  private values = 0;
  constructor(private readonly size: number) {}
  get full(): boolean {
    return this.changes.length + this.problems.length >= this.size || this.values >= BATCH_VALUES;
  }
  /** Adds a change; returns the batch collected so far when the change would take it past the value budget. */
  add(change: ImportChange): ImportBatch | undefined {
    const values = change.kind === 'object' ? valueCount(change.object.attributes) : 1;
    const before = this.changes.length + this.problems.length > 0 && this.values + values > BATCH_VALUES ? this.take() : undefined;
    this.changes.push(change);
    this.values += values;
    return before;
  }
  take(): ImportBatch {
    const batch: ImportBatch = this.problems.length ? { changes: this.changes, problems: this.problems } : { changes: this.changes };
    this.changes = [];
    this.problems = [];
    this.values = 0;
    return batch;
  }
}

function valueCount(attributes: Attributes): number {
  let n = 0;
  for (const values of Object.values(attributes)) n += values.length;
  return n;
}

/** Reads every record of the file as a full object; the returned watermark names the new snapshot. */
export async function* importFull(settings: FileSettings, scope: ImportScope, ctx: ConnectorContext): ImportIterator {
  return yield* compareImport(settings, scope, ctx, undefined);
}

/** Yields what changed since the snapshot the watermark names: added and changed objects, and deletes. */
export async function* importDelta(settings: FileSettings, watermark: string, scope: ImportScope, ctx: ConnectorContext): ImportIterator {
  const previous = await previousSnapshot(settings.stateDir, watermark, readingFingerprint(settings.config));
  return yield* compareImport(settings, scope, ctx, previous);
}

/** Anchors compare exactly, except DN anchors, which compare as DNs. */
function anchorKey(settings: FileSettings): (anchor: string) => string {
  return settings.anchor === DN_ANCHOR ? dnKey : (a) => a;
}

/** The file's objects and problems: streamed record by record, or rebuilt by replaying an LDIF change file. */
export async function* sourceItems(settings: FileSettings, ctx: ConnectorContext): AsyncGenerator<SourceItem[]> {
  const path = settings.config.path;
  if (settings.config.format === 'ldif' && (await hasChangeRecords(path, ctx.signal))) {
    const replay = new LdifReplay(settings, path);
    for await (const items of readRecords(path, settings, ctx.signal)) for (const item of items) replay.apply(item);
    if (replay.strayDeletes.length) {
      ctx.log('warn', `${path}: ${replay.strayDeletes.length} delete record(s) name entries that were not there (first at line ${replay.strayDeletes[0]})`);
    }
    let out: SourceItem[] = [];
    for (const item of replay.results()) {
      out.push(item);
      if (out.length >= settings.config.batchSize) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
    return;
  }
  for await (const items of readRecords(path, settings, ctx.signal)) {
    yield items.map((item): SourceItem => {
      if (item.kind === 'problem') return { kind: 'problem', problem: fromRawProblem(path, item), blocksDeletes: true };
      if (item.change) {
        const problem = problemAt(path, item.line, 'need-full-object', `a ${item.change.kind} record that could not be replayed`, { dn: item.dn });
        return { kind: 'problem', problem, blocksDeletes: true };
      }
      const mapped = mapRecord(item, settings, path);
      if ('object' in mapped) return { kind: 'object', object: mapped.object, line: mapped.line };
      return { kind: 'problem', problem: mapped.problem, blocksDeletes: mapped.problem.anchor === undefined };
    });
  }
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
    if (scope.includeContainers?.length && !scope.includeContainers.some((c) => isWithinDn(object.dn, c))) return undefined;
    if (scope.excludeContainers?.some((c) => isWithinDn(object.dn, c))) return undefined;
    if (!wanted) return object;
    const attributes: Attributes = {};
    for (const [name, values] of Object.entries(object.attributes)) if (wanted.has(name.toLowerCase())) attributes[name] = values;
    return { ...object, attributes };
  };
}

/** Deletes yielded per page of the previous snapshot's unseen anchors. */
const UNSEEN_PAGE = 1000;

/**
 * Full import when `previous` (the path of the previous snapshot) is undefined; otherwise delta by comparison with
 * it. The new snapshot is written as the file is read and doubles as the set of anchors seen (duplicates, deletes),
 * so memory does not grow with the file. A record that fails keeps its previous digest, and when a failure cannot
 * be tied to an anchor no deletes are inferred, so a malformed row never turns into the deletion of an object.
 */
async function* compareImport(settings: FileSettings, scope: ImportScope, ctx: ConnectorContext, previous: string | undefined): ImportIterator {
  const path = settings.config.path;
  const scoped = scopeFilter(scope);
  const out = new Batcher(settings.config.batchSize);
  const snapshot = await SnapshotWriter.create(settings.stateDir, readingFingerprint(settings.config), previous);
  const keyOf = anchorKey(settings);
  let unattributedProblem = false;
  let committed = false;
  try {
    for await (const items of sourceItems(settings, ctx)) {
      for (const item of items) {
        ctx.signal.throwIfAborted();
        if (item.kind === 'problem') {
          out.problems.push(item.problem);
          if (item.blocksDeletes) unattributedProblem = true;
          if (item.problem.anchor !== undefined) snapshot.keepPrevious(keyOf(item.problem.anchor));
        } else {
          const object = scoped(item.object);
          const anchor = item.object.anchor;
          const key = keyOf(anchor);
          const digest = object ? objectDigest(object) : '';
          if (object ? !snapshot.add(key, anchor, digest) : snapshot.has(key)) {
            out.problems.push(problemAt(path, item.line, 'duplicate-object', 'the anchor appears more than once in the file; this record is ignored', { anchor }));
          } else if (object && snapshot.previous(key) !== digest) {
            const before = out.add({ kind: 'object', object });
            if (before) yield before;
          }
        }
        if (out.full) yield out.take();
      }
    }
    if (previous) {
      if (unattributedProblem) {
        const kept = snapshot.keepUnseen();
        if (kept) ctx.log('warn', `${kept} object(s) were not found, but deletes are not inferred because some records could not be read`);
      } else {
        for (const page of snapshot.unseen(UNSEEN_PAGE)) {
          for (const { anchor } of page) {
            const before = out.add({ kind: 'delete', anchor });
            if (before) yield before;
            if (out.full) yield out.take();
          }
        }
      }
    }
    if (out.changes.length || out.problems.length) yield out.take();
    const id = await snapshot.commit();
    committed = true;
    return id;
  } finally {
    // Also when the caller stops early (an error limit, a stop request) and returns the iterator.
    if (!committed) await snapshot.abort();
  }
}
