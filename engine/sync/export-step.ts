// Export (spec §2.3): deletion threshold, then pending exports in batches; each batch's results are
// committed together, and values sent wait in the unconfirmed export until an import shows them.
import type { AttributeChange, ExportChange, ExportResult } from '../connectors/contract.ts';
import type { CsObject } from '../model/objects.ts';
import { dnKey, sameDn } from '../model/dn.ts';
import type { CsExportName, ExportPhase } from '../store/cs-store.ts';
import { decodeValue } from '../model/stored-values.ts';
import { nowIso } from '../store/json-column.ts';
import { connectorFailure } from './connector-errors.ts';
import { checkpoint, type StepContext, type StepOutcome } from './step-context.ts';
import { ERROR_LIMIT } from './step-stats.ts';
import { checkExportDeletions, DeleteApprovals } from './deletion-threshold.ts';
import { homeOfDatabase, stagingExportGate } from '../scheduler/staging-gate.ts';
import { openStepConnector } from './step-connector.ts';
import { currentDn } from './views.ts';

const BATCH = 100;
/** Values of pending exports a batch may carry: a group's member list grows with the directory. */
export const BATCH_VALUES = 50_000;

/** The connector change for a pending export. */
export function toExportChange(cs: CsObject): ExportChange {
  const pe = cs.pendingExport!;
  const changes: AttributeChange[] = Object.entries(pe.changes)
    .filter(([, v]) => pe.op !== 'add' || v.length > 0)
    .map(([attribute, values]) => ({ attribute, op: values.length ? 'replace' : 'delete', values: values.map(decodeValue) }));
  return { csId: String(cs.id), op: pe.op, objectType: cs.objectType, dn: currentDn(cs), ...(pe.newDn ? { newDn: pe.newDn } : {}), anchor: cs.anchor, changes };
}

/** DNs (by DN key) the connected system replaced on add, e.g. a placeholder by the object id, with the new DN. */
type Moved = Map<string, string>;

/**
 * Brings the object's reference values up to date just before sending: a reference to a metaverse identity
 * takes the current DN of that identity's object in this connector space (named by the system on add, renamed
 * since the synchronization), a plain DN the one the system gave on add in this run. True when a reference
 * still points to an object awaiting its add or its rename (the object then waits for it, so what it sends
 * names existing entries).
 */
function waitsForAdd(ctx: StepContext, cs: CsObject, moved: Moved): boolean {
  let waits = false;
  for (const values of Object.values(cs.pendingExport!.changes)) {
    values.forEach((v, i) => {
      if (typeof v !== 'object' || v === null || !('ref' in v)) return;
      // Names only: the referenced object's attributes are not needed, and groups refer to many objects.
      let target: CsExportName | null;
      if (typeof v.mv === 'number') {
        target = ctx.store.cs.nameLinkedIn(v.mv, ctx.connector.seq);
        const renaming = target?.exportOp === 'update' && target.newDn !== null;
        if (target && target.id !== cs.id && renaming) waits = true;
        if (target && target.exportOp !== 'add') values[i] = { ref: renaming ? target.newDn! : (target.importDn || target.dn), mv: v.mv };
      } else {
        const dn = moved.get(dnKey(v.ref));
        if (dn) values[i] = { ref: dn };
        target = ctx.store.cs.nameByKey(ctx.connector.seq, dnKey(dn ?? v.ref));
      }
      if (target && target.id !== cs.id && target.exportOp === 'add') waits = true;
    });
  }
  return waits;
}

/** The metaverse ids the reference values of these objects' pending exports name. */
function referencedIdentities(objects: readonly CsObject[]): number[] {
  const ids: number[] = [];
  for (const cs of objects) {
    for (const values of Object.values(cs.pendingExport?.changes ?? {})) {
      for (const v of values) if (typeof v === 'object' && v !== null && 'ref' in v && typeof v.mv === 'number') ids.push(v.mv);
    }
  }
  return ids;
}

/**
 * The order a connected system accepts: deletes free names first, then renames and moves (each with its own
 * modifications, which the connector applies after the rename), then adds, then the other modifications.
 */
const PHASES: readonly ExportPhase[] = ['delete', 'rename', 'add', 'update'];

/** Runs an export step. */
export async function runExport(ctx: StepContext): Promise<StepOutcome> {
  const { store, connector } = ctx;
  const home = homeOfDatabase(store.db.name);
  const staging = stagingExportGate(home, connector.id, connector.name);
  if (!staging.allowed) {
    ctx.log('info', staging.message);
    return { status: 'completed-no-objects', message: staging.message };
  }
  const deletions = checkExportDeletions(store.cs, home ? new DeleteApprovals(home) : null, connector);
  if (deletions.blocked) {
    ctx.log('warn', deletions.message);
    return { status: deletions.status, message: deletions.message };
  }
  const total = store.cs.count(connector.seq, 'pending-export');
  if (total === 0) return { status: 'completed-no-objects', message: null };
  const opened = openStepConnector(connector);
  if ('outcome' in opened) return opened.outcome;
  const { client } = opened;
  let done = 0;
  const moved: Moved = new Map();
  /** Exports a batch; a stop reason ends the step. */
  const send = async (batch: CsObject[]): Promise<StepOutcome | null> => {
    const results = await client.export(batch.map(toExportChange), { signal: ctx.signal, log: ctx.log });
    const byId = new Map(results.map((r) => [r.csId, r]));
    store.transaction(() => {
      // Each result rewrites its object and may look up the anchor it got: read the batch's at once.
      store.cs.readAheadResults(connector.seq, batch.map((cs) => cs.id), results.flatMap((r) => (r.ok && r.anchor ? [r.anchor] : [])));
      try {
        for (const cs of batch) applyResult(ctx, cs, byId.get(String(cs.id)), moved);
      } finally {
        store.cs.forgetReadAhead();
      }
      checkpoint(ctx);
    });
    done += batch.length;
    ctx.progress('export', done, total);
    if (ctx.stats.errorCount > ERROR_LIMIT) return { status: 'stopped-error-limit', message: `More than ${ERROR_LIMIT} errors` };
    if (ctx.signal.aborted) return { status: ctx.stopStatus, message: 'Stopped on request' };
    return null;
  };
  /**
   * Sends what no longer waits for an add, in batches, then looks again at what waited (its referents may have
   * gone in the meantime) until nothing more is ready; returns the ids still waiting.
   */
  const sendReady = async (objects: CsObject[]): Promise<{ stop: StepOutcome | null; waiting: number[] }> => {
    let pending = objects;
    for (;;) {
      const ready: CsObject[] = [];
      const waiting: CsObject[] = [];
      // References to identities name their objects here: read the batch's at once (nothing is written meanwhile).
      store.cs.readAheadLinked(connector.seq, referencedIdentities(pending));
      try {
        for (const cs of pending) if (waitsForAdd(ctx, cs, moved)) waiting.push(cs); else ready.push(cs);
      } finally {
        store.cs.forgetReadAhead();
      }
      for (let i = 0; i < ready.length; i += BATCH) {
        const stop = await send(ready.slice(i, i + BATCH));
        if (stop) return { stop, waiting: [] };
      }
      if (!ready.length || !waiting.length) return { stop: null, waiting: waiting.map((cs) => cs.id) };
      pending = waiting;
    }
  };
  /**
   * The objects of these ids that still have a pending export, read one at a time as the batches go, in batches of
   * at most BATCH objects and BATCH_VALUES values (an object with more goes alone), so memory stays bounded.
   */
  function* load(ids: readonly number[]): Generator<CsObject[]> {
    let batch: CsObject[] = [];
    let values = 0;
    for (let i = 0; i < ids.length; i++) {
      const cs = store.cs.getInTurn(ids, i);
      if (!cs?.pendingExport) continue;
      const n = pendingValues(cs);
      if (batch.length && (batch.length >= BATCH || values + n > BATCH_VALUES)) {
        yield batch;
        batch = [];
        values = 0;
      }
      batch.push(cs);
      values += n;
    }
    if (batch.length) yield batch;
  }
  /** Tries what waited again, pass after pass while passes send something; returns the ids still waiting. */
  const retry = async (ids: number[]): Promise<{ stop: StepOutcome | null; waiting: number[] }> => {
    for (;;) {
      const still: number[] = [];
      for (const objects of load(ids)) {
        const { stop, waiting } = await sendReady(objects);
        if (stop) return { stop, waiting: [] };
        still.push(...waiting);
      }
      if (still.length === 0 || still.length === ids.length) return { stop: null, waiting: still };
      ids = still;
    }
  };
  try {
    // Objects referring to objects still to be added wait until those exist (and have their final DN).
    let deferred: number[] = [];
    for (const phase of PHASES) {
      for (let after = 0; ; ) {
        const ids = store.cs.exportPhaseIds(connector.seq, phase, after, BATCH);
        if (!ids.length) break;
        after = ids[ids.length - 1];
        for (const objects of load(ids)) {
          const { stop, waiting } = await sendReady(objects);
          if (stop) return stop;
          for (const id of waiting) deferred.push(id);
        }
      }
      if (phase === 'add' || phase === 'update') {
        const { stop, waiting } = await retry(deferred);
        if (stop) return stop;
        deferred = waiting;
      }
    }
    // What still waits (a cycle of references, or a referent that failed) goes as is, so its errors show.
    for (const objects of load(deferred)) {
      const stop = await send(objects);
      if (stop) return stop;
    }
  } catch (err) {
    return connectorFailure(err);
  } finally {
    await client.close().catch(() => {});
  }
  return { status: ctx.stats.errorCount > 0 ? 'completed-export-errors' : 'success', message: null };
}

/** The number of values a pending export sends. */
function pendingValues(cs: CsObject): number {
  let n = 0;
  for (const values of Object.values(cs.pendingExport!.changes)) n += Math.max(1, values.length);
  return n;
}

/** Applies one export result to its CS object. */
function applyResult(ctx: StepContext, cs: CsObject, result: ExportResult | undefined, moved: Moved): void {
  const { store, stats } = ctx;
  const pe = cs.pendingExport!;
  const rec = { csId: cs.id, mvId: cs.mvId, dn: pe.newDn ?? cs.dn, objectType: cs.objectType, snapshot: pe.changes };
  const now = nowIso();
  if (!result || !result.ok) {
    const error = result?.error ?? { code: 'unexpected-error', message: 'The connector returned no result for this object' };
    cs.errors = { ...cs.errors, export: { ...error, at: now, runId: String(ctx.runId) } };
    store.cs.update(cs);
    stats.count('export-failure');
    stats.error(error.code, { ...rec, error });
    return;
  }
  if (pe.op === 'delete') {
    store.cs.delete(cs.id);
    stats.count('export-delete', rec);
    return;
  }
  const counter = pe.op === 'add' ? 'export-add' : pe.newDn ? 'export-rename' : 'export-update';
  cs.unconfirmed = { ...cs.unconfirmed, ...pe.changes };
  if (pe.newDn) {
    cs.dn = pe.newDn;
    // A pending import's DN is from before the rename.
    if (cs.pendingImport?.dn) cs.pendingImport = { ...cs.pendingImport, dn: pe.newDn };
  }
  if (result.dn && result.dn !== cs.dn) {
    // The system named the object itself (another DN), or spelled the same name its own way.
    if (!sameDn(result.dn, cs.dn)) moved.set(dnKey(cs.dn), result.dn);
    cs.dn = result.dn;
  }
  // An added object gets its anchor; an object anchored by its DN gets a new one when renamed.
  if (result.anchor && result.anchor !== cs.anchor) {
    const other = store.cs.byAnchor(cs.connector, result.anchor);
    // The connected system matched an object we already staged: this object takes its place.
    if (other && other.id !== cs.id && other.mvId === null) store.cs.delete(other.id);
    if (!other || other.id === cs.id || other.mvId === null) cs.anchor = result.anchor;
  }
  cs.pendingExport = null;
  delete cs.errors.export;
  cs.exportedAt = now;
  store.cs.update(cs);
  stats.count(counter, rec);
}
