// Synchronization of one CS object (spec §2.2): apply pending import, scope, join or project, import
// attribute flow with precedence, MV deletion rule, then outbound to every connector.
import type { CsObject, MvObject } from '../model/objects.ts';
import { valueKey, type StoredAttributes } from '../model/stored-values.ts';
import type { CompiledRule } from '../rules/compiled-rule.ts';
import { FlowError } from '../rules/flow-value.ts';
import { inScope } from '../rules/scoping.ts';
import { recomputeInbound, targetsType } from './inbound.ts';
import { deprovision, disconnect, syncOutbound } from './outbound.ts';
import type { StepStats } from './step-stats.ts';
import type { SyncEnv, SyncTrace } from './sync-env.ts';
import { exportAwareView } from './views.ts';
import { membershipOf } from './membership.ts';
import type { WorkingSet } from './working-set.ts';

function record(cs: CsObject, mvId: number | null = cs.mvId) {
  return { csId: cs.id, mvId, dn: cs.dn, objectType: cs.objectType };
}

/**
 * Synchronizes one CS object inside a working set. Throws FlowError for object-level sync errors; the caller
 * then discards the working set and records the error on the object.
 */
export function syncObject(env: SyncEnv, ws: WorkingSet, input: CsObject, stats: StepStats | null, trace: SyncTrace | null): void {
  const cs = ws.track(input);
  if (cs.needsSync) {
    cs.needsSync = false;
    ws.touch(cs);
  }
  if (cs.errors.sync) {
    delete cs.errors.sync;
    ws.touch(cs);
  }
  const pi = cs.pendingImport;
  if (cs.state === 'placeholder' && !pi) return;
  if (pi?.op === 'delete') {
    processDelete(env, ws, cs, stats, trace);
    return;
  }
  if (pi) {
    if (pi.op === 'delete-add' && cs.mvId !== null) {
      // The object changed type: leave the old MV object as if deleted, then treat it as a new object.
      const mv = ws.mvById(cs.mvId);
      disconnect(ws, cs);
      if (mv) settleMv(env, ws, mv, null, trace);
      stats?.count('connector-delete-add-processed', record(cs));
    }
    cs.hologram = pi.image;
    if (pi.dn) cs.dn = pi.dn;
    if (pi.objectType) cs.objectType = pi.objectType;
    cs.pendingImport = null;
    if (cs.state === 'placeholder') cs.state = 'disconnector.normal';
    ws.touch(cs);
  }
  if (cs.transient) return;

  const view = exportAwareView(cs);
  const candidates = env.rules.inbound(cs.connector, cs.objectType);
  const inRules: CompiledRule[] = [];
  const memberOf = membershipOf(ws, cs);
  for (const r of candidates) {
    const ok = inScope(r.rule.scopingFilter, view, memberOf);
    if (ok) inRules.push(r);
    trace?.scoping.push({ ruleSeq: r.seq, inScope: ok });
  }

  let mv: MvObject | null = null;
  let how: 'joined' | 'projected' | 'existing' = 'existing';
  if (cs.mvId === null) {
    if (cs.state === 'disconnector.explicit') {
      stats?.count('disconnector-remains', record(cs));
      return;
    }
    const joinRules = inRules.filter((r) => r.joinKey);
    if (new Set(joinRules.map((r) => r.joinKey)).size > 1) {
      throw new FlowError('join-rules-conflict', `The inbound sync rules in scope have different join criteria: ${joinRules.map((r) => `"${r.rule.name}"`).join(', ')}`);
    }
    const jr = joinRules[0] ?? null;
    if (jr) {
      mv = findJoin(env, ws, cs, view, jr);
      if (mv) {
        how = 'joined';
        link(env, ws, cs, mv, jr);
      }
    }
    if (!mv) {
      const prov = inRules.find((r) => r.rule.linkType === 'Provision');
      const criteria = prov?.joinKey ? prov : jr;
      const hasJoinValue = !criteria || criteria.rule.joinRules.some((g) => g.some((c) => (view[c.csAttribute] ?? []).length > 0));
      if (prov && hasJoinValue) {
        mv = ws.createMv(prov.rule.targetObjectType, env.now);
        how = 'projected';
        link(env, ws, cs, mv, prov);
      }
    }
    if (!mv) {
      const filtered = inRules.length === 0;
      const state = filtered ? 'disconnector.filtered' : 'disconnector.normal';
      if (cs.state !== state) {
        cs.state = state;
        ws.touch(cs);
      }
      stats?.count(filtered ? 'disconnector-filtered' : 'disconnector-remains', record(cs));
      if (trace) trace.join = { action: filtered ? 'filtered' : 'none', mvId: null, ruleSeq: null, detail: filtered ? 'No inbound rule is in scope' : 'No join matched and no provisioning rule applies' };
      return;
    }
    if (trace) trace.join = { action: how === 'existing' ? 'already-joined' : how, mvId: mv.id, ruleSeq: cs.link?.rule ?? null, detail: null };
  } else {
    mv = ws.mvById(cs.mvId);
    if (!mv) {
      disconnect(ws, cs);
      return;
    }
    if (trace) trace.join = { action: 'already-joined', mvId: mv.id, ruleSeq: cs.link?.rule ?? null, detail: null };
    const link = cs.link;
    if (link && link.dir === 'in' && link.type !== 'Explicit' && cs.state !== 'connector.explicit' && !inRules.some((r) => r.seq === link.rule)) {
      // The rule that made the link is gone or out of scope: keep the link under another in-scope linking rule
      // of the same MV type, else disconnect (spec §1.5).
      const other = inRules.find((r) => targetsType(r.rule.targetObjectType, mv!.objectType) && (r.joinKey !== null || r.rule.linkType !== 'Join'));
      if (other) {
        cs.link = { ...link, rule: other.seq, type: other.rule.linkType };
        ws.touch(cs);
      } else {
        const rec = record(cs);
        disconnect(ws, cs, 'disconnector.filtered');
        const alive = settleMv(env, ws, mv, stats, trace);
        stats?.count(alive ? 'connector-filtered-leave-mv' : 'connector-filtered-remove-mv', rec);
        if (trace) trace.join = { action: 'disconnected', mvId: mv.id, ruleSeq: link.rule, detail: 'The linking rule is no longer in scope' };
        return;
      }
    }
  }

  const linked = ws.linked(mv.id);
  const result = recomputeInbound(env, ws, mv, linked, how === 'projected');
  if (trace) trace.importFlows = result.flows;
  if (!result.keepAlive) {
    deleteMv(ws, mv, linked, cs);
    const suffix = how === 'existing' ? 'connector-flow-remove-mv' : `disconnector-${how}-remove-mv`;
    stats?.count(suffix, record(cs, null));
    if (trace) trace.join.detail = 'The metaverse object is deleted: no linked object keeps it alive';
    return;
  }
  const counter = how === 'existing' ? (result.changed ? 'connector-flow' : 'connector-no-flow') : `disconnector-${how}-${result.changed ? 'flow' : 'no-flow'}`;
  stats?.count(counter, record(cs, mv.id));
  if (result.unresolved > 0) stats?.count('unresolved-reference', record(cs, mv.id));
  syncOutbound(env, ws, mv, linked, stats, trace);
}

/** Links a CS object to an MV object by an inbound rule. */
function link(env: SyncEnv, ws: WorkingSet, cs: CsObject, mv: MvObject, rule: CompiledRule): void {
  cs.mvId = mv.id;
  cs.link = { rule: rule.seq, dir: 'in', type: rule.rule.linkType, owned: false, at: env.now };
  cs.state = 'connector.normal';
  ws.touch(cs);
}

/** Processes a pending delete: unlink, re-evaluate the MV object, drop the CS object. */
function processDelete(env: SyncEnv, ws: WorkingSet, cs: CsObject, stats: StepStats | null, trace: SyncTrace | null): void {
  const rec = record(cs);
  if (cs.mvId !== null) {
    const mv = ws.mvById(cs.mvId);
    disconnect(ws, cs);
    const alive = mv ? settleMv(env, ws, mv, null, trace) : false;
    stats?.count(alive ? 'connector-delete-leave-mv' : 'connector-delete-remove-mv', rec);
  }
  if (trace) trace.join = { action: 'deleted', mvId: rec.mvId, ruleSeq: null, detail: 'The object was deleted in the connected system' };
  ws.deleteCs(cs);
}

/** After a link went away: recompute the MV object, delete it when nothing keeps it alive, else run outbound. */
export function settleMv(env: SyncEnv, ws: WorkingSet, mv: MvObject, stats: StepStats | null, trace: SyncTrace | null): boolean {
  const linked = ws.linked(mv.id);
  if (linked.length === 0) {
    ws.deleteMv(mv);
    return false;
  }
  const result = recomputeInbound(env, ws, mv, linked, false);
  if (!result.keepAlive) {
    deleteMv(ws, mv, linked, null);
    return false;
  }
  syncOutbound(env, ws, mv, linked, stats, trace);
  return true;
}

/** Deletes an MV object (spec §3.7): provisioned targets are deprovisioned, other links only disconnected. */
function deleteMv(ws: WorkingSet, mv: MvObject, linked: readonly CsObject[], source: CsObject | null): void {
  for (const c of linked) {
    if (c.link?.owned) deprovision(ws, c);
    else disconnect(ws, c, c === source ? 'disconnector.filtered' : 'disconnector.normal');
  }
  ws.deleteMv(mv);
}

/** Tries the join groups of a rule top to bottom; a group matches when exactly one MV object satisfies it. */
function findJoin(env: SyncEnv, ws: WorkingSet, cs: CsObject, view: StoredAttributes, rule: CompiledRule): MvObject | null {
  for (const group of rule.rule.joinRules) {
    let ids: Set<number> | null = null;
    for (const clause of group) {
      const values = view[clause.csAttribute] ?? [];
      const found = new Set<number>();
      for (const v of values) for (const id of env.store.mv.findByKey(clause.mvAttribute, valueKey(v))) found.add(id);
      const prev: Set<number> | null = ids;
      ids = prev === null ? found : new Set<number>([...prev].filter((id: number) => found.has(id)));
      if (ids.size === 0) break;
    }
    if (!ids || ids.size === 0) continue;
    const matches: MvObject[] = [];
    for (const id of ids) {
      const mv = ws.mvById(id);
      if (!mv || !targetsType(rule.rule.targetObjectType, mv.objectType)) continue;
      const exact = group.every((c) => !c.caseSensitive || (view[c.csAttribute] ?? []).some((v) => (mv.attrs[c.mvAttribute] ?? []).some((m) => valueKey(m, true) === valueKey(v, true))));
      if (exact) matches.push(mv);
    }
    if (matches.length !== 1) continue;
    const mv = matches[0];
    const other = ws.linked(mv.id).find((c) => c.connector === cs.connector && c.id !== cs.id);
    if (other) throw new FlowError('ambiguous-join', `${cs.dn} matches a metaverse object already joined to ${other.dn} of the same connector`);
    return mv;
  }
  return null;
}
