// Outbound synchronization of one MV object (spec §2.2.2): provisioning, deprovisioning, export attribute flow.
import type { CsObject, MvObject, PendingExport } from '../model/objects.ts';
import { sameValues, valueText, type StoredAttributes } from '../model/stored-values.ts';
import type { CompiledRule } from '../rules/compiled-rule.ts';
import { contribute, type FlowCandidate } from '../rules/contribution.ts';
import { FlowError } from '../rules/flow-value.ts';
import { inScope } from '../rules/scoping.ts';
import type { StepStats } from './step-stats.ts';
import type { SyncEnv, SyncTrace, TraceFlow } from './sync-env.ts';
import { exportBaseView } from './views.ts';
import { translateReferences } from './references.ts';
import type { WorkingSet } from './working-set.ts';

/** Stages deletion of a target the engine owns; an object never exported is simply dropped. */
export function deprovision(ws: WorkingSet, cs: CsObject): void {
  cs.mvId = null;
  cs.link = null;
  cs.state = 'disconnector.normal';
  if (!cs.anchor) {
    ws.deleteCs(cs);
    return;
  }
  cs.pendingExport = { op: 'delete', changes: {} };
  ws.touch(cs);
}

/** Removes a link without deleting the target. */
export function disconnect(ws: WorkingSet, cs: CsObject, state: CsObject['state'] = 'disconnector.normal'): void {
  cs.mvId = null;
  cs.link = null;
  cs.state = state;
  ws.touch(cs);
}

function record(cs: CsObject) {
  return { csId: cs.id, mvId: cs.mvId, dn: cs.dn, objectType: cs.objectType };
}

/**
 * Runs outbound synchronization of an MV object to every connector with outbound rules for its type.
 * Returns the number of reference values that could not be translated yet (the object is then synchronized
 * again by the next delta synchronization).
 */
export function syncOutbound(env: SyncEnv, ws: WorkingSet, mv: MvObject, linked: readonly CsObject[], stats: StepStats | null, trace: SyncTrace | null): number {
  let unresolved = 0;
  for (const [targetSeq, rules] of env.rules.outbound(mv.objectType)) {
    const target = env.connectors.get(targetSeq);
    const targetName = target?.name ?? String(targetSeq);
    const active = rules.filter((r) => inScope(r.rule.scopingFilter, mv.attrs));
    const provRule = active.find((r) => r.rule.linkType === 'Provision') ?? null;
    let cs = linked.find((c) => c.connector === targetSeq) ?? null;
    let provisioned = false;
    if (cs) {
      if (cs.state !== 'connector.explicit' && cs.link) {
        if (provRule) {
          if (!cs.link.owned) {
            cs.link.owned = true;
            ws.touch(cs);
          }
        } else if (cs.link.owned) {
          const rec = record(cs);
          deprovision(ws, cs);
          stats?.countOutbound(targetName, 'provisioned-disconnect', rec);
          trace?.outbound.push({ connector: targetSeq, action: 'deprovision', dn: cs.dn, exportFlows: [] });
          continue;
        } else if (cs.link.dir === 'out' && !active.some((r) => r.seq === cs!.link!.rule)) {
          const rec = record(cs);
          disconnect(ws, cs);
          stats?.countOutbound(targetName, 'provisioned-disconnect', rec);
          trace?.outbound.push({ connector: targetSeq, action: 'disconnect', dn: cs.dn, exportFlows: [] });
          continue;
        }
      }
    } else {
      if (active.length === 0) continue;
      const joinKeys = new Set(active.filter((r) => r.joinKey).map((r) => r.joinKey));
      if (joinKeys.size > 1) throw new FlowError('join-rules-conflict', `The outbound sync rules in scope for ${targetName} have different join criteria`);
      if (!provRule) continue;
      const dn = computeDn(env, mv, active);
      if (!dn) {
        throw new FlowError('sync-rule-flow-provisioning-failed', `Rule "${provRule.rule.name}" provisions to ${targetName} but no rule in scope gives a dn`);
      }
      // Reverse join by DN first (spec §2.2.2): an existing disconnector with the target DN is adopted.
      const cand = ws.csByDn(targetSeq, dn);
      const link = { rule: provRule.seq, dir: 'out' as const, type: 'Provision' as const, owned: true, at: env.now };
      if (cand && cand.mvId === null && cand.state !== 'placeholder' && cand.state !== 'disconnector.explicit') {
        cs = cand;
        cs.mvId = mv.id;
        cs.link = link;
        cs.state = 'connector.normal';
        if (cs.pendingExport?.op === 'delete') cs.pendingExport = null;
        ws.touch(cs);
      } else if (cand) {
        throw new FlowError('cd-existing-object', `Cannot provision ${dn} to ${targetName}: the DN is taken by another object`);
      } else {
        cs = ws.createCs({
          connector: targetSeq, dn, anchor: null, objectType: provRule.rule.targetObjectType, state: 'connector.normal', transient: false,
          mvId: mv.id, link, hologram: {}, pendingImport: null, pendingExport: { op: 'add', changes: {} }, unconfirmed: {}, errors: {},
          needsSync: false, seen: 0, importedAt: null, exportedAt: null,
        });
        provisioned = true;
      }
    }
    const { changed, flows, unresolved: missing } = exportFlow(env, ws, cs, mv, active, provisioned);
    unresolved += missing;
    const rec = record(cs);
    if (provisioned) stats?.countOutbound(targetName, changed ? 'provisioned-add-flow' : 'provisioned-add-no-flow', rec);
    else stats?.countOutbound(targetName, changed ? 'connector-flow' : 'connector-no-flow', rec);
    trace?.outbound.push({ connector: targetSeq, action: provisioned ? 'provision' : changed ? 'update' : 'none', dn: cs.pendingExport?.newDn ?? cs.dn, exportFlows: flows });
  }
  return unresolved;
}

/** The DN the in-scope outbound rules give the target object, or null. */
function computeDn(env: SyncEnv, mv: MvObject, active: readonly CompiledRule[]): string | null {
  const cands: FlowCandidate[] = [];
  const input = { attributes: mv.attrs, imported: mv.attrs, parameters: env.parameters };
  for (const r of active) for (const f of r.flows) if (f.flow.destination.toLowerCase() === 'dn') cands.push({ rule: r, flow: f, csId: 0, input });
  if (!cands.length) return null;
  const o = contribute(cands, () => false).values().next().value;
  return o?.kind === 'set' && o.values.length ? valueText(o.values[0]) : null;
}

/** Computes target values and stages the differences from what the target holds as its pending export. */
function exportFlow(env: SyncEnv, ws: WorkingSet, cs: CsObject, mv: MvObject, active: readonly CompiledRule[], applyOnce: boolean): { changed: boolean; flows: TraceFlow[]; unresolved: number } {
  if (cs.pendingExport?.op === 'delete') return { changed: false, flows: [], unresolved: 0 };
  let unresolved = 0;
  const input = { attributes: mv.attrs, imported: mv.attrs, parameters: env.parameters };
  const cands: FlowCandidate[] = [];
  for (const r of active) {
    for (const f of r.flows) {
      if (f.flow.destination.toLowerCase() === 'dn') continue;
      if (f.flow.executeOnce && !applyOnce) continue;
      cands.push({ rule: r, flow: f, csId: cs.id, input });
    }
  }
  const outcomes = contribute(cands, () => false);
  const base: StoredAttributes = cs.pendingExport?.op === 'add' ? {} : exportBaseView(cs);
  const pe: PendingExport = cs.pendingExport ? { ...cs.pendingExport, changes: { ...cs.pendingExport.changes } } : { op: 'update', changes: {} };
  let changed = false;
  const flows: TraceFlow[] = [];
  for (const [attr, o] of outcomes) {
    if (o.kind === 'keep') continue;
    let want = o.kind === 'set' ? o.values : [];
    if (o.kind === 'set' && o.winner?.flow.flow.flowType === 'Direct') {
      const source = o.winner.flow.flow.sources[0];
      const translated = translateReferences(ws, mv, source, want, cs.connector);
      want = translated.values;
      unresolved += translated.unresolved;
    }
    const before = attr in pe.changes ? pe.changes[attr] : (base[attr] ?? []);
    if (sameValues(want, base[attr])) {
      if (attr in pe.changes) {
        delete pe.changes[attr];
        changed = true;
      }
    } else if (!(attr in pe.changes) || !sameValues(pe.changes[attr], want)) {
      pe.changes[attr] = want;
      changed = true;
    }
    flows.push({ attribute: attr, ruleSeq: o.winner?.rule.seq ?? null, flowType: o.winner?.flow.flow.flowType ?? null, oldValues: base[attr] ?? [], newValues: want, changed: !sameValues(before, want) });
  }
  const dn = computeDn(env, mv, active);
  if (dn && pe.op !== 'add' && dn.toLowerCase() !== cs.dn.toLowerCase() && pe.newDn !== dn) {
    pe.newDn = dn;
    changed = true;
  } else if (dn && pe.op === 'add' && dn !== cs.dn) {
    cs.dn = dn;
    changed = true;
  }
  if (pe.op === 'update' && Object.keys(pe.changes).length === 0 && !pe.newDn) {
    if (cs.pendingExport) changed = true;
    cs.pendingExport = null;
  } else cs.pendingExport = pe;
  if (changed || applyOnce) ws.touch(cs);
  return { changed: changed || applyOnce, flows, unresolved };
}
