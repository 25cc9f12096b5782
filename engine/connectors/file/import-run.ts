// Full and delta import of a file: batches of changes, located problems, and the digest snapshot as watermark.
import type { ConnectorContext, ImportBatch, ImportChange, ImportIterator, ImportProblem, ImportScope, ImportedObject } from '../contract.ts';
import type { Attributes } from '../../model/values.ts';
import type { FileSettings } from './config.ts';
import { objectDigest } from './digest.ts';
import { isUnder } from './dn.ts';
import type { RawItem } from './raw-record.ts';
import { fromRawProblem, mapRecord, problemAt } from './record-mapper.ts';
import { loadSnapshot, SnapshotWriter } from './snapshot-store.ts';
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
  const head: RawItem[] = [];
  let first: Extract<RawItem, { kind: 'record' }> | undefined;
  for await (const item of records) {
    head.push(item);
    if (item.kind === 'record') {
      first = item;
      break;
    }
  }
  const all = replay(head, records);
  if (first?.changeRecord) {
    yield* changeFileImport(settings, scope, ctx, all);
    return watermark;
  }
  const previous = await loadSnapshot(settings.stateDir, watermark);
  return yield* compareImport(settings, scope, ctx, all, previous);
}

async function* replay(head: RawItem[], rest: AsyncGenerator<RawItem>): AsyncGenerator<RawItem> {
  yield* head;
  yield* rest;
}

/** Keeps the object when it is in scope; trims attributes to the inclusion list. */
function scoped(object: ImportedObject, scope: ImportScope): ImportedObject | undefined {
  if (scope.objectTypes?.length && !scope.objectTypes.some((t) => t.toLowerCase() === object.objectType.toLowerCase())) return undefined;
  if (scope.includeContainers?.length && !scope.includeContainers.some((c) => isUnder(object.dn, c))) return undefined;
  if (scope.excludeContainers?.some((c) => isUnder(object.dn, c))) return undefined;
  if (!scope.attributes) return object;
  const wanted = new Set(scope.attributes.map((a) => a.toLowerCase()));
  const attributes: Attributes = {};
  for (const [name, values] of Object.entries(object.attributes)) if (wanted.has(name.toLowerCase())) attributes[name] = values;
  return { ...object, attributes };
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
  records: AsyncIterable<RawItem>,
  previous: Map<string, string> | undefined,
): ImportIterator {
  const path = settings.config.path;
  const out = new Batcher(settings.config.batchSize);
  const snapshot = new SnapshotWriter(settings.stateDir);
  const seen = new Set<string>();
  let unattributedProblem = false;
  const keepPrevious = async (anchor: string | undefined): Promise<void> => {
    if (anchor === undefined || !previous || seen.has(anchor)) return;
    const old = previous.get(anchor);
    if (old === undefined) return;
    seen.add(anchor);
    previous.delete(anchor);
    await snapshot.add(anchor, old);
  };
  try {
    for await (const item of records) {
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
          await keepPrevious(mapped.problem.anchor);
        } else if (mapped.change.kind === 'object') {
          const object = scoped(mapped.change.object, scope);
          const anchor = mapped.change.object.anchor;
          if (seen.has(anchor)) {
            out.problems.push(problemAt(path, mapped.line, 'duplicate-object', 'the anchor appears more than once in the file; this record is ignored', { anchor }));
          } else if (object) {
            seen.add(anchor);
            const digest = objectDigest(object);
            await snapshot.add(anchor, digest);
            const old = previous?.get(anchor);
            previous?.delete(anchor);
            if (old !== digest) out.changes.push({ kind: 'object', object });
          }
        }
      }
      if (out.full) yield out.take();
    }
    if (previous) {
      for (const [anchor, digest] of previous) {
        if (unattributedProblem) await snapshot.add(anchor, digest);
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
async function* changeFileImport(settings: FileSettings, scope: ImportScope, ctx: ConnectorContext, records: AsyncIterable<RawItem>): AsyncGenerator<ImportBatch> {
  const path = settings.config.path;
  const out = new Batcher(settings.config.batchSize);
  for await (const item of records) {
    ctx.signal.throwIfAborted();
    if (item.kind === 'problem') out.problems.push(fromRawProblem(path, item));
    else {
      const mapped = mapRecord(item, settings, path);
      if ('problem' in mapped) out.problems.push(mapped.problem);
      else if (mapped.change.kind !== 'object') out.changes.push(mapped.change);
      else {
        const object = scoped(mapped.change.object, scope);
        if (object) out.changes.push({ kind: 'object', object });
      }
    }
    if (out.full) yield out.take();
  }
  if (out.changes.length || out.problems.length) yield out.take();
}
