// Inbound recomputation of one MV object from every linked CS object (spec §3.5) and the deletion rule (§3.7).
import type { CsObject, MvObject } from '../model/objects.ts';
import { sameValues } from '../model/stored-values.ts';
import { contribute, type FlowCandidate } from '../rules/contribution.ts';
import { comparePrecedence } from '../rules/rule-set.ts';
import { inScope } from '../rules/scoping.ts';
import type { SyncEnv, TraceFlow } from './sync-env.ts';
import { exportAwareView } from './views.ts';
import { membershipOf } from './membership.ts';
import { inboundReferences } from './references.ts';
import type { WorkingSet } from './working-set.ts';

export interface InboundResult {
  /** Attribute values changed. */
  changed: boolean;
  /** At least one linked CS object keeps the MV object alive (in-scope Provision/StickyJoin, or a sticky link). */
  keepAlive: boolean;
  flows: TraceFlow[];
  /** Reference values that point to objects not (or no longer) in the metaverse. */
  unresolved: number;
}

/** True when an inbound rule may flow into an MV object of this type. */
export function targetsType(ruleTarget: string, mvType: string): boolean {
  return ruleTarget === '*' || ruleTarget.toLowerCase() === mvType.toLowerCase();
}

/** Recomputes the MV object's attributes from its linked CS objects; marks it dirty when anything changed. */
export function recomputeInbound(env: SyncEnv, ws: WorkingSet, mv: MvObject, linked: readonly CsObject[], projectedNow: boolean): InboundResult {
  const candidates: FlowCandidate[] = [];
  let keepAlive = false;
  for (const c of linked) {
    if (c.link?.type === 'StickyJoin' || c.state === 'connector.explicit') keepAlive = true;
    const view = exportAwareView(c);
    const input = { attributes: view, imported: c.hologram, parameters: env.parametersFor(c.connector) };
    const memberOf = membershipOf(ws, c);
    for (const r of env.rules.inbound(c.connector, c.objectType)) {
      if (!targetsType(r.rule.targetObjectType, mv.objectType) || !inScope(r.rule.scopingFilter, view, memberOf)) continue;
      if (r.rule.linkType !== 'Join') keepAlive = true;
      for (const f of r.flows) {
        if (f.flow.executeOnce && !projectedNow) continue;
        candidates.push({ rule: r, flow: f, csId: c.id, input });
      }
    }
  }
  candidates.sort((a, b) => comparePrecedence(a.rule, b.rule));
  const single = (attr: string) => env.rules.attrTypes.has(attr) && !env.rules.multiValued.has(attr);
  const refs = inboundReferences(env, ws, linked);
  const outcomes = contribute(candidates, single, refs.resolve);
  const attrs = { ...mv.attrs };
  const contrib = { ...mv.contrib };
  let changed = false;
  let contribChanged = false;
  const flows: TraceFlow[] = [];
  for (const [attr, o] of outcomes) {
    const old = attrs[attr] ?? [];
    if (o.kind === 'set') {
      if (!sameValues(old, o.values)) {
        attrs[attr] = o.values;
        changed = true;
      }
      if (JSON.stringify(contrib[attr]) !== JSON.stringify(o.contributors)) {
        contrib[attr] = o.contributors;
        contribChanged = true;
      }
    } else if (o.kind === 'remove') {
      if (attr in attrs) {
        delete attrs[attr];
        changed = true;
      }
      if (attr in contrib) {
        delete contrib[attr];
        contribChanged = true;
      }
    }
    if (o.kind !== 'keep') {
      const winner = o.winner;
      flows.push({
        attribute: attr, ruleSeq: winner?.rule.seq ?? null, flowType: winner?.flow.flow.flowType ?? null,
        oldValues: old, newValues: attrs[attr] ?? [], changed: !sameValues(old, attrs[attr]),
      });
    }
  }
  // Attribute recall: a value whose contributing flows are no longer in scope goes away.
  for (const attr of Object.keys(mv.contrib)) {
    if (outcomes.has(attr)) continue;
    const old = attrs[attr] ?? [];
    delete contrib[attr];
    contribChanged = true;
    if (attr in attrs) {
      delete attrs[attr];
      changed = true;
      flows.push({ attribute: attr, ruleSeq: null, flowType: null, oldValues: old, newValues: [], changed: true });
    }
  }
  if (changed || contribChanged) {
    mv.attrs = attrs;
    mv.contrib = contrib;
    mv.updatedAt = env.now;
    ws.touchMv(mv, changed);
  }
  return { changed, keepAlive, flows, unresolved: refs.unresolved };
}
