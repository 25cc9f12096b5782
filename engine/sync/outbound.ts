// Outbound synchronization of one MV object (spec §2.2.2): provisioning, deprovisioning, export attribute flow.
import type { CsObject, MvObject, PendingExport } from '../model/objects.ts';
import { sameName } from '../model/dn.ts';
import { sameValues, valueKey, valueText, type StoredAttributes, type StoredValue } from '../model/stored-values.ts';
import { containsAll, sameStoredValues } from '../model/value-equality.ts';
import type { CompiledRule } from '../rules/compiled-rule.ts';
import { contribute, type FlowCandidate } from '../rules/contribution.ts';
import { FlowError } from '../rules/flow-value.ts';
import { inScope } from '../rules/scoping.ts';
import type { StepStats } from './step-stats.ts';
import type { SyncEnv, SyncTrace, TraceFlow } from './sync-env.ts';
import { currentDn, exportBaseView } from './views.ts';
import { outboundReferences } from './references.ts';
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

/** Runs outbound synchronization of an MV object to every connector with outbound rules for its type. */
export function syncOutbound(env: SyncEnv, ws: WorkingSet, mv: MvObject, linked: readonly CsObject[], stats: StepStats | null, trace: SyncTrace | null): void {
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
      const joinRules = active.filter((r) => r.joinKey);
      if (new Set(joinRules.map((r) => r.joinKey)).size > 1) throw new FlowError('join-rules-conflict', `The outbound sync rules in scope for ${targetName} have different join criteria`);
      const jr = joinRules[0] ?? null;
      if (!provRule && !jr) continue;
      const dn = provRule ? computeDn(env, ws, mv, active, targetSeq) : null;
      if (provRule && !dn) {
        throw new FlowError('sync-rule-flow-provisioning-failed', `Rule "${provRule.rule.name}" provisions to ${targetName} but no rule in scope gives a dn`);
      }
      // Reverse join by DN first (spec §2.2.2): an existing disconnector with the target DN is adopted, and a
      // placeholder (a name only known from references) becomes the object the rules provision there.
      const byDn = dn ? ws.csByDn(targetSeq, dn) : null;
      if (byDn && byDn.state === 'placeholder') {
        cs = takeOverPlaceholder(env, ws, byDn, mv, provRule!, dn!);
        provisioned = true;
      } else if (byDn && byDn.mvId === null && byDn.state !== 'disconnector.explicit') {
        cs = adopt(env, ws, byDn, mv, provRule!, true);
      } else if (jr) {
        const cand = outboundJoin(env, ws, targetSeq, jr, mv);
        if (cand) cs = adopt(env, ws, cand, mv, jr, provRule !== null);
      }
      if (!cs && provRule) {
        if (byDn) {
          // The name is held by an object that may be released later in this run (deprovisioned, renamed):
          // try again once everything else is done.
          if (env.deferProvisioning?.(mv.id)) continue;
          throw new FlowError('cd-existing-object', `Cannot provision ${dn} to ${targetName}: the DN is taken by another object (${byDn.dn})`);
        }
        cs = ws.createCs({
          connector: targetSeq, dn: dn!, anchor: null, objectType: provRule.rule.targetObjectType, state: 'connector.normal', transient: false,
          mvId: mv.id, link: { rule: provRule.seq, dir: 'out', type: 'Provision', owned: true, at: env.now }, hologram: {}, pendingImport: null,
          pendingExport: { op: 'add', changes: {} }, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
        });
        provisioned = true;
      }
      if (!cs) continue;
    }
    const { changed, flows, unresolved } = exportFlow(env, ws, cs, mv, active, provisioned);
    const rec = record(cs);
    if (provisioned) stats?.countOutbound(targetName, changed ? 'provisioned-add-flow' : 'provisioned-add-no-flow', rec);
    else stats?.countOutbound(targetName, changed ? 'connector-flow' : 'connector-no-flow', rec);
    if (unresolved > 0) stats?.countOutbound(targetName, 'unresolved-reference', rec);
    trace?.outbound.push({ connector: targetSeq, action: provisioned ? 'provision' : changed ? 'update' : 'none', dn: cs.pendingExport?.newDn ?? cs.dn, exportFlows: flows });
  }
}

/** A placeholder at the DN the rules provision to becomes the provisioned object (keeping its row). */
function takeOverPlaceholder(env: SyncEnv, ws: WorkingSet, ph: CsObject, mv: MvObject, rule: CompiledRule, dn: string): CsObject {
  Object.assign(ph, {
    dn, anchor: null, objectType: rule.rule.targetObjectType, state: 'connector.normal', mvId: mv.id, hologram: {}, unconfirmed: {},
    link: { rule: rule.seq, dir: 'out', type: 'Provision', owned: true, at: env.now }, pendingExport: { op: 'add', changes: {} },
  } satisfies Partial<CsObject>);
  ws.touch(ph);
  return ph;
}

/** Links a target disconnector to the MV object by an outbound rule. */
function adopt(env: SyncEnv, ws: WorkingSet, cs: CsObject, mv: MvObject, rule: CompiledRule, owned: boolean): CsObject {
  cs.mvId = mv.id;
  cs.link = { rule: rule.seq, dir: 'out', type: rule.rule.linkType, owned, at: env.now };
  cs.state = 'connector.normal';
  if (cs.pendingExport?.op === 'delete') cs.pendingExport = null;
  ws.touch(cs);
  return cs;
}

/** Outbound join: the join groups of a rule tried top to bottom against the target's disconnectors. */
function outboundJoin(env: SyncEnv, ws: WorkingSet, target: number, rule: CompiledRule, mv: MvObject): CsObject | null {
  for (const group of rule.rule.joinRules) {
    let ids: Set<number> | null = null;
    for (const clause of group) {
      const found = new Set<number>();
      for (const v of mv.attrs[clause.mvAttribute] ?? []) {
        for (const id of env.outboundJoins.lookup(target, rule.rule.targetObjectType, clause.csAttribute, valueKey(v))) found.add(id);
      }
      const prev: Set<number> | null = ids;
      ids = prev === null ? found : new Set<number>([...prev].filter((id: number) => found.has(id)));
      if (ids.size === 0) break;
    }
    if (!ids || ids.size === 0) continue;
    const matches: CsObject[] = [];
    for (const id of ids) {
      const c = ws.csById(id);
      if (!c || c.mvId !== null || c.state === 'disconnector.explicit') continue;
      const image = c.pendingImport && c.pendingImport.op !== 'delete' ? c.pendingImport.image : c.hologram;
      const exact = group.every((cl) => !cl.caseSensitive || (mv.attrs[cl.mvAttribute] ?? []).some((m) => (image[cl.csAttribute] ?? []).some((x) => valueKey(x, true) === valueKey(m, true))));
      if (exact) matches.push(c);
    }
    if (matches.length === 1) return matches[0];
  }
  return null;
}

/** The DN the in-scope outbound rules give the target object, or null. */
function computeDn(env: SyncEnv, ws: WorkingSet, mv: MvObject, active: readonly CompiledRule[], target: number): string | null {
  const cands: FlowCandidate[] = [];
  const input = { attributes: mv.attrs, imported: mv.attrs, parameters: env.parametersFor(target) };
  for (const r of active) for (const f of r.flows) if (f.flow.destination.toLowerCase() === 'dn') cands.push({ rule: r, flow: f, csId: 0, input });
  if (!cands.length) return null;
  const o = contribute(cands, () => false, outboundReferences(ws, mv, target).resolve).values().next().value;
  return o?.kind === 'set' && o.values.length ? valueText(o.values[0]) : null;
}

/** Computes target values and stages the differences from what the target holds as its pending export. */
function exportFlow(env: SyncEnv, ws: WorkingSet, cs: CsObject, mv: MvObject, active: readonly CompiledRule[], applyOnce: boolean): { changed: boolean; flows: TraceFlow[]; unresolved: number } {
  if (cs.pendingExport?.op === 'delete') return { changed: false, flows: [], unresolved: 0 };
  const input = { attributes: mv.attrs, imported: mv.attrs, parameters: env.parametersFor(cs.connector) };
  const cands: FlowCandidate[] = [];
  for (const r of active) {
    for (const f of r.flows) {
      if (f.flow.destination.toLowerCase() === 'dn') continue;
      if (f.flow.executeOnce && !applyOnce) continue;
      cands.push({ rule: r, flow: f, csId: cs.id, input });
    }
  }
  const refs = outboundReferences(ws, mv, cs.connector);
  const outcomes = contribute(cands, () => false, refs.resolve);
  const adding = cs.pendingExport?.op === 'add';
  const base: StoredAttributes = adding ? {} : exportBaseView(cs);
  const pe: PendingExport = cs.pendingExport ? { ...cs.pendingExport, changes: { ...cs.pendingExport.changes } } : { op: 'update', changes: {} };
  let changed = false;
  const flows: TraceFlow[] = [];
  for (const [attr, o] of outcomes) {
    if (o.kind === 'keep') continue;
    const want = o.kind === 'set' ? o.values : [];
    const before = attr in pe.changes ? pe.changes[attr] : (base[attr] ?? []);
    if (holds(attr, base[attr], want, adding)) {
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
  const dn = computeDn(env, ws, mv, active, cs.connector);
  // A connected system that cannot rename names its objects itself (an object id): a DN flow only names adds.
  if (dn && !adding) {
    const rename = env.canRename(cs.connector) && !sameName(dn, currentDn(cs));
    if (rename && pe.newDn !== dn) {
      pe.newDn = dn;
      changed = true;
    } else if (!rename && pe.newDn) {
      // The rules give the object its current name again: the queued rename is no longer wanted.
      delete pe.newDn;
      changed = true;
    }
  } else if (dn && adding && dn !== cs.dn) {
    cs.dn = dn;
    changed = true;
  }
  if (pe.op === 'update' && Object.keys(pe.changes).length === 0 && !pe.newDn) {
    if (cs.pendingExport) changed = true;
    cs.pendingExport = null;
  } else cs.pendingExport = pe;
  if (changed || applyOnce) ws.touch(cs);
  return { changed: changed || applyOnce, flows, unresolved: refs.unresolved };
}

/**
 * True when the target already holds what the rules want: equal values (encodings aside, see
 * value-equality.ts), or, for the object classes of an existing entry, every wanted class among those the
 * directory holds (directories add the superclasses).
 */
function holds(attr: string, held: StoredValue[] | undefined, want: StoredValue[], adding: boolean): boolean {
  if (adding) return want.length === 0;
  if (sameStoredValues(want, held)) return true;
  return attr.toLowerCase() === 'objectclass' && want.length > 0 && containsAll(held, want);
}
