// Full and delta synchronization steps: every CS object (full) or those with pending imports (delta), in
// batches, each object written whole or not at all. Objects that refer to something a synchronized object
// renamed, moved, linked, unlinked or deleted are re-evaluated before the step ends (follow-ups), so one run
// leaves no reference behind and needs no second run to catch up.
import type { CsObject } from '../model/objects.ts';
import { FlowError } from '../rules/flow-value.ts';
import { nowIso } from '../store/json-column.ts';
import { syncObject } from './object-sync.ts';
import { syncOutbound } from './outbound.ts';
import { checkpoint, type StepContext, type StepOutcome } from './step-context.ts';
import { ERROR_LIMIT, type StepStats } from './step-stats.ts';
import { buildSyncEnv } from './sync-env-builder.ts';
import type { SyncEnv } from './sync-env.ts';
import { WorkingSet, type FollowUps } from './working-set.ts';
import { IdTally } from './id-tally.ts';
import { joinKeysOf } from './join-keys.ts';

const BATCH = 500;
/** Objects read ahead at once, with the names their references need and the keys their joins look up: a list of large groups is held whole. */
const AHEAD = 32;
/** How many times one object may be re-evaluated by follow-ups in a run (reference cycles settle in one). */
const MAX_VISITS = 4;

/** Follow-up work of a run: objects to re-evaluate, with visit counts that bound it. */
class FollowUpQueue {
  readonly cs = new Set<number>();
  readonly mv = new Set<number>();
  private readonly visits = { cs: new IdTally(), mv: new IdTally() };

  add(f: FollowUps): void {
    for (const id of f.cs) this.cs.add(id);
    for (const id of f.mv) this.mv.add(id);
  }

  /** Adds follow-ups read after the fact, leaving out the CS objects synchronized since they were asked for. */
  addUnlessReached(f: FollowUps, reachedSince: (id: number) => boolean): void {
    for (const id of f.cs) if (!reachedSince(id)) this.cs.add(id);
    for (const id of f.mv) this.mv.add(id);
  }

  /** Takes up to `n` ids of a kind that have visits left. */
  take(kind: 'cs' | 'mv', n: number): number[] {
    const set = this[kind];
    const out: number[] = [];
    for (const id of set) {
      set.delete(id);
      if (this.visits[kind].increment(id) >= MAX_VISITS) continue;
      out.push(id);
      if (out.length >= n) break;
    }
    return out;
  }

  get empty(): boolean {
    return this.cs.size === 0 && this.mv.size === 0;
  }
}

/** Runs a full or delta synchronization step. */
export async function runSync(ctx: StepContext, mode: 'full' | 'delta'): Promise<StepOutcome> {
  const { store, connector } = ctx;
  let base: SyncEnv;
  try {
    base = buildSyncEnv(store, String(ctx.runId));
  } catch (err) {
    return { status: 'stopped-extension-dll-exception', message: `The sync rules cannot be used: ${(err as Error).message}` };
  }
  const queue = new FollowUpQueue();
  const deferred = new Set<number>();
  let finalPass = false;
  const env: SyncEnv = {
    ...base,
    deferProvisioning: (mvId) => {
      if (finalPass) return false;
      deferred.add(mvId);
      return true;
    },
  };
  queue.add(retryProvisioning(env, ctx.stats));
  const filter = mode === 'full' ? 'all' : 'needs-sync';
  const total = store.cs.count(connector.seq, filter);
  let done = 0;
  let after = 0;
  const stopCheck = (): StepOutcome | null => {
    if (ctx.stats.errorCount > ERROR_LIMIT) return { status: 'stopped-error-limit', message: `More than ${ERROR_LIMIT} errors` };
    if (ctx.signal.aborted) return { status: ctx.stopStatus, message: 'Stopped on request' };
    return null;
  };
  for (;;) {
    // Objects are read one at a time: a page of large groups would hold every member name at once.
    const page = store.cs.pageIds(connector.seq, filter, after, BATCH);
    if (!page.length) break;
    store.transaction(() => {
      // What each object's flush asks to re-evaluate is read after the page (on PostgreSQL nothing waits for the
      // statements that find it), with where in the page each object was reached.
      const reached = new Map<number, number>();
      const later: [at: number, follow: () => FollowUps][] = [];
      eachAhead(env, page, (cs) => {
        // Synchronizing the object now does what a follow-up asked for before it was reached.
        queue.cs.delete(cs.id);
        reached.set(cs.id, reached.size);
        later.push([reached.size - 1, synchronizeLater(env, cs, ctx.stats)]);
      }, (id) => {
        queue.cs.delete(id);
        reached.set(id, reached.size);
      });
      for (const [at, follow] of later) queue.addUnlessReached(follow(), (id) => (reached.get(id) ?? -1) > at);
      checkpoint(ctx);
    });
    after = page[page.length - 1];
    done += page.length;
    ctx.progress('synchronization', done, total);
    const stop = stopCheck();
    if (stop) return stop;
    await new Promise((r) => setImmediate(r));
  }
  // Follow-ups: referrers of what changed, then provisioning that waited for a DN to be released.
  for (;;) {
    if (queue.empty) {
      if (finalPass || deferred.size === 0) break;
      finalPass = true;
      for (const id of deferred) queue.mv.add(id);
      deferred.clear();
    }
    const csIds = queue.take('cs', BATCH);
    const mvIds = csIds.length ? [] : queue.take('mv', BATCH);
    if (!csIds.length && !mvIds.length) continue;
    store.transaction(() => {
      eachAhead(env, csIds, (cs) => {
        // An object with a pending import of its own is processed by its connector's synchronization.
        if (!cs.pendingImport || cs.connector === connector.seq) queue.add(synchronizeOne(env, cs, ctx.stats));
      });
      for (const id of mvIds) queue.add(outboundOne(env, id, ctx.stats));
      checkpoint(ctx);
    });
    const stop = stopCheck();
    if (stop) return stop;
    await new Promise((r) => setImmediate(r));
  }
  return { status: ctx.stats.errorCount > 0 ? 'completed-sync-errors' : 'success', message: null };
}

/**
 * Calls `fn` with each object of these ids that exists, read as `fn` reaches it, a few at a time with the names
 * their references need read ahead (the store keeps what it read ahead exact while `fn` writes); `gone` is told
 * the ids of objects that no longer exist.
 */
function eachAhead(env: SyncEnv, ids: readonly number[], fn: (cs: CsObject) => void, gone: (id: number) => void = () => {}): void {
  const { cs, mv } = env.store;
  const connectors = [...env.connectors.keys()];
  try {
    for (let i = 0; i < ids.length; i += AHEAD) {
      const chunk = ids.slice(i, i + AHEAD);
      cs.readAheadObjects(chunk, connectors);
      if (mv.readsAhead) {
        mv.readAheadKeys(chunk.flatMap((id) => {
          const o = cs.unlinkedAhead(id);
          return o ? joinKeysOf(env, o) : [];
        }));
      }
      for (const id of chunk) {
        const o = cs.get(id);
        if (o) fn(o);
        else gone(id);
      }
      cs.forgetReadAhead();
      mv.forgetReadAhead();
    }
  } finally {
    cs.forgetReadAhead();
    mv.forgetReadAhead();
  }
}

/** Synchronizes one object and writes the result; on a sync error, records it on the object instead. */
export function synchronizeOne(env: SyncEnv, cs: CsObject, stats: StepStats): FollowUps {
  return synchronizeLater(env, cs, stats)();
}

/** synchronizeOne, with the follow-ups given by a function to call later in the same transaction. */
function synchronizeLater(env: SyncEnv, cs: CsObject, stats: StepStats): () => FollowUps {
  const ws = new WorkingSet(env.store);
  const mark = stats.mark();
  try {
    syncObject(env, ws, cs, stats, null);
  } catch (err) {
    stats.rewind(mark);
    recordSyncError(env, cs, err, stats);
    return () => ({ cs: new Set(), mv: new Set() });
  }
  // Written inside the batch transaction; a failure here is a store failure and fails the whole batch.
  return ws.flushLater(stats.since(mark));
}

/** Re-runs outbound synchronization of one MV object (its references or its target names changed). */
function outboundOne(env: SyncEnv, mvId: number, stats: StepStats): FollowUps {
  const ws = new WorkingSet(env.store);
  const mv = ws.mvById(mvId);
  if (!mv) return { cs: new Set(), mv: new Set() };
  const mark = stats.mark();
  const linked = ws.linked(mv.id);
  try {
    syncOutbound(env, ws, mv, linked, stats, null);
  } catch (err) {
    stats.rewind(mark);
    // The error belongs to the identity: record it on the object that brought it into the metaverse.
    const source = linked.find((c) => c.link?.dir === 'in') ?? linked[0];
    if (source) recordSyncError(env, source, err, stats);
    return { cs: new Set(), mv: new Set() };
  }
  return ws.flush(stats.since(mark));
}

/** Records a sync error on a CS object. */
function recordSyncError(env: SyncEnv, cs: CsObject, err: unknown, stats: StepStats): void {
  const code = err instanceof FlowError ? err.code : 'unexpected-error';
  const message = err instanceof Error ? err.message : String(err);
  const detail = err instanceof FlowError ? err.detail : err instanceof Error ? err.stack : undefined;
  const fresh = env.store.cs.get(cs.id);
  if (fresh) {
    fresh.errors = { ...fresh.errors, sync: { code, message, detail, at: nowIso(), runId: env.runId } };
    // A name held by another object may be released by a later run: try again at the next synchronization.
    if (code === 'cd-existing-object') fresh.needsSync = true;
    env.store.cs.update(fresh);
  }
  stats.error(code, { csId: cs.id, mvId: cs.mvId, dn: cs.dn, objectType: cs.objectType, error: { code, message, detail } });
}

/** Re-runs outbound provisioning for MV objects flagged by an import (spec §2.2.3). */
function retryProvisioning(env: SyncEnv, stats: StepStats): FollowUps {
  const follow: FollowUps = { cs: new Set(), mv: new Set() };
  for (const id of env.store.mv.retryFlagged()) {
    const ws = new WorkingSet(env.store);
    const mv = ws.mvById(id);
    if (!mv) continue;
    mv.retryProvisioning = false;
    ws.touchMv(mv, false);
    try {
      syncOutbound(env, ws, mv, ws.linked(mv.id), stats, null);
      const f = env.store.transaction(() => ws.flush());
      for (const x of f.cs) follow.cs.add(x);
      for (const x of f.mv) follow.mv.add(x);
    } catch {
      env.store.transaction(() => env.store.mv.update({ ...env.store.mv.get(id)!, retryProvisioning: false }, false));
    }
  }
  return follow;
}
