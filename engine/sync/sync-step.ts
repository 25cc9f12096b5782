// Full and delta synchronization steps: every CS object (full) or those with pending imports (delta),
// in batches of objects, each object written whole or not at all.
import type { CsObject } from '../model/objects.ts';
import { FlowError } from '../rules/flow-value.ts';
import { nowIso } from '../store/json-column.ts';
import { syncObject } from './object-sync.ts';
import { syncOutbound } from './outbound.ts';
import { checkpoint, type StepContext, type StepOutcome } from './step-context.ts';
import { ERROR_LIMIT, type StepStats } from './step-stats.ts';
import { buildSyncEnv } from './sync-env-builder.ts';
import type { SyncEnv } from './sync-env.ts';
import { WorkingSet } from './working-set.ts';

const BATCH = 500;

/** Runs a full or delta synchronization step. */
export async function runSync(ctx: StepContext, mode: 'full' | 'delta'): Promise<StepOutcome> {
  const { store, connector } = ctx;
  let env: SyncEnv;
  try {
    env = buildSyncEnv(store, String(ctx.runId));
  } catch (err) {
    return { status: 'stopped-extension-dll-exception', message: `The sync rules cannot be used: ${(err as Error).message}` };
  }
  retryProvisioning(env, ctx.stats);
  const filter = mode === 'full' ? 'all' : 'needs-sync';
  const total = store.cs.count(connector.seq, filter);
  let done = 0;
  let after = 0;
  for (;;) {
    const page = store.cs.page(connector.seq, filter, after, BATCH);
    if (!page.length) break;
    store.transaction(() => {
      for (const cs of page) synchronizeOne(env, cs, ctx.stats);
      checkpoint(ctx);
    });
    after = page[page.length - 1].id;
    done += page.length;
    ctx.progress('synchronization', done, total);
    if (ctx.stats.errorCount > ERROR_LIMIT) return { status: 'stopped-error-limit', message: `More than ${ERROR_LIMIT} errors` };
    if (ctx.signal.aborted) return { status: ctx.stopStatus, message: 'Stopped on request' };
    await new Promise((r) => setImmediate(r));
  }
  return { status: ctx.stats.errorCount > 0 ? 'completed-sync-errors' : 'success', message: null };
}

/** Synchronizes one object and writes the result; on a sync error, records it on the object instead. */
export function synchronizeOne(env: SyncEnv, cs: CsObject, stats: StepStats): void {
  const ws = new WorkingSet(env.store);
  const mark = stats.mark();
  try {
    syncObject(env, ws, cs, stats, null);
  } catch (err) {
    stats.rewind(mark);
    const code = err instanceof FlowError ? err.code : 'unexpected-error';
    const message = err instanceof Error ? err.message : String(err);
    const detail = err instanceof FlowError ? err.detail : err instanceof Error ? err.stack : undefined;
    const fresh = env.store.cs.get(cs.id);
    if (fresh) {
      fresh.errors = { ...fresh.errors, sync: { code, message, detail, at: nowIso(), runId: env.runId } };
      env.store.cs.update(fresh);
    }
    stats.error(code, { csId: cs.id, mvId: cs.mvId, dn: cs.dn, objectType: cs.objectType, error: { code, message, detail } });
    return;
  }
  // Written inside the batch transaction; a failure here is a store failure and fails the whole batch.
  ws.flush(stats.since(mark));
}

/** Re-runs outbound provisioning for MV objects flagged by an import (spec §2.2.3). */
function retryProvisioning(env: SyncEnv, stats: StepStats): void {
  for (const id of env.store.mv.retryFlagged()) {
    const ws = new WorkingSet(env.store);
    const mv = ws.mvById(id);
    if (!mv) continue;
    mv.retryProvisioning = false;
    ws.touchMv(mv, false);
    try {
      syncOutbound(env, ws, mv, ws.linked(mv.id), stats, null);
      env.store.transaction(() => ws.flush());
    } catch {
      env.store.transaction(() => env.store.mv.update({ ...env.store.mv.get(id)!, retryProvisioning: false }, false));
    }
  }
}
