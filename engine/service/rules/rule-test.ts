// One rule against one object, without synchronizing anything: each scoping clause with the values it saw, each
// join group with its candidates, and what each transformation gives (spec §3.2–3.4). Answers "why is this object
// (not) in scope of this rule" for the editor and `idsync rules test`.
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import type { FlowResult, RuleTestResult, TrialObject } from '../../../shared/model/rules-editor.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import type { CsObject, MvObject } from '../../model/objects.ts';
import type { StoredAttributes } from '../../model/stored-values.ts';
import { valueKey } from '../../model/stored-values.ts';
import { conditionHolds, type MembershipCheck } from '../../rules/scoping.ts';
import { compileFlow } from '../../rules/compiled-rule.ts';
import type { FlowInput } from '../../rules/flow-value.ts';
import { FlowError } from '../../rules/flow-value.ts';
import { resolveRuleConnector } from '../../rules/rule-set.ts';
import { exportAwareView } from '../../sync/views.ts';
import { membershipOf } from '../../sync/membership.ts';
import { targetsType } from '../../sync/inbound.ts';
import { connectorParameters } from '../../sync/connector-parameters.ts';
import { OutboundJoinIndex } from '../../sync/outbound-join-index.ts';
import { WorkingSet } from '../../sync/working-set.ts';
import { EngineError } from '../../sync/engine-error.ts';

/** The object a test or trial reads: a CS object (with its MV object if linked) or an MV object. */
export interface ResolvedObject {
  readonly cs: CsObject | null;
  readonly mv: MvObject | null;
}

/** Finds the object named by a trial request. */
export function resolveObject(engine: SyncEngine, object: TrialObject): ResolvedObject {
  const store = engine.store;
  if (object.kind === 'cs') {
    const cs = engine.csObject(object.connector, { id: object.id, dn: object.dn });
    return { cs, mv: cs.mvId === null ? null : store.mv.get(cs.mvId) };
  }
  const mv = store.mv.get(Number(object.id));
  if (!mv) throw new EngineError('not-found', `No metaverse object ${object.id}`);
  return { cs: null, mv };
}

/** Evaluates one compiled flow to the API's flow result. */
export function flowResult(evaluate: () => ReturnType<ReturnType<typeof compileFlow>['evaluate']>): FlowResult {
  try {
    const v = evaluate();
    switch (v.kind) {
      case 'values':
        return { outcome: 'values', values: v.values, error: null };
      case 'null':
        return { outcome: 'null', values: [], error: null };
      case 'authoritative-null':
        return { outcome: 'authoritative-null', values: [], error: null };
      case 'ignore':
        return { outcome: 'ignore', values: [], error: null };
    }
  } catch (err) {
    return { outcome: 'error', values: [], error: { code: err instanceof FlowError ? err.code : 'unexpected-error', message: err instanceof Error ? err.message : String(err) } };
  }
}

/** Tests `rule` on the object. */
export function testRule(engine: SyncEngine, rule: SyncRule, object: TrialObject): RuleTestResult {
  const store = engine.store;
  const { cs, mv } = resolveObject(engine, object);
  const connectors = store.connectors.list();
  const target = resolveRuleConnector(rule, connectors.map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt })));
  const inbound = rule.direction === 'Inbound';
  const schema = store.schema.get();
  const attrTypes = new Map(schema.attributes.map((a) => [a.name, a.type]));
  const multi = new Set(schema.attributes.filter((a) => a.multiValued).map((a) => a.name));

  let reason: string | null = null;
  let attrs: StoredAttributes = {};
  let imported: StoredAttributes = {};
  let memberOf: MembershipCheck | undefined;
  const csConnector = cs ? connectors.find((c) => c.seq === cs.connector) ?? null : null;
  if (inbound) {
    if (!cs) reason = 'An inbound rule reads connector space objects; name one (CONNECTOR:DN)';
    else {
      // A synchronization applies the pending import first: test against what it will see.
      const current = cs.pendingImport && cs.pendingImport.op !== 'delete' ? { ...cs, hologram: cs.pendingImport.image } : cs;
      attrs = exportAwareView(current);
      imported = current.hologram;
      memberOf = membershipOf(new WorkingSet(store), cs);
      if (!target || target.seq !== cs.connector) reason = `The rule applies to ${rule.connector.name}, the object is in ${csConnector?.name ?? '?'}`;
      else if (rule.sourceObjectType.toLowerCase() !== cs.objectType.toLowerCase()) reason = `The rule reads ${rule.sourceObjectType} objects, this one is a ${cs.objectType}`;
    }
  } else if (!mv) reason = cs ? 'The object is not joined to a metaverse object, so no outbound rule reads it' : 'No metaverse object';
  else {
    attrs = mv.attrs;
    imported = mv.attrs;
    if (rule.sourceObjectType.toLowerCase() !== mv.objectType.toLowerCase()) reason = `The rule reads metaverse ${rule.sourceObjectType} objects, this one is a ${mv.objectType}`;
  }

  const groups = rule.scopingFilter.map((g) => {
    const clauses = g.map((c) => ({ attribute: c.attribute, operator: c.operator, value: c.value, actual: attrs[c.attribute] ?? [], holds: conditionHolds(c, attrs, memberOf) }));
    return { holds: clauses.every((c) => c.holds), clauses };
  });
  const inScope = groups.length === 0 || groups.some((g) => g.holds);

  const join = inbound ? inboundJoin(engine, rule, cs, attrs) : outboundJoin(engine, rule, mv, target?.seq ?? null);

  const paramsOf = inbound ? csConnector : connectors.find((c) => c.seq === target?.seq) ?? null;
  const input: FlowInput = { attributes: attrs, imported, parameters: paramsOf ? connectorParameters(paramsOf) : {}, multiValued: inbound ? undefined : (n) => multi.has(n) };
  const flows = rule.attributeFlows.map((f) => {
    const source = f.flowType === 'Direct' ? f.sources.join(', ') : (f.expression ?? f.sources[0] ?? '');
    let compiled: ReturnType<typeof compileFlow>;
    try {
      compiled = compileFlow(f, (n) => attrTypes.get(n));
    } catch (err) {
      return { destination: f.destination, flowType: f.flowType, source, outcome: 'error' as const, values: [], error: { code: 'invalid-rule', message: (err as Error).message } };
    }
    return { destination: f.destination, flowType: f.flowType, source, ...flowResult(() => compiled.evaluate(input)) };
  });

  const label = cs ? cs.dn : `metaverse ${mv!.objectType} ${mv!.id}`;
  return {
    rule: { id: rule.id, name: rule.name, direction: rule.direction },
    object: { kind: cs ? 'cs' : 'mv', id: String(cs ? cs.id : mv!.id), label, objectType: cs ? cs.objectType : mv!.objectType, connector: csConnector?.name ?? null },
    applies: reason === null,
    reason,
    scoping: { inScope, groups },
    join,
    flows,
  };
}

type JoinTest = RuleTestResult['join'];

function inboundJoin(engine: SyncEngine, rule: SyncRule, cs: CsObject | null, view: StoredAttributes): JoinTest {
  const store = engine.store;
  const mvAttrs = new Set(rule.joinRules.flatMap((g) => g.map((c) => c.mvAttribute)));
  // Add to the index, never narrow it: the next synchronization still relies on the attributes its rules join on.
  if (mvAttrs.size) store.transaction(() => store.mv.ensureIndexed(new Set([...store.mv.indexedAttributes(), ...mvAttrs])));
  const groups = rule.joinRules.map((g) => {
    const ids = intersect(g.map((c) => (view[c.csAttribute] ?? []).flatMap((v) => store.mv.findByKey(c.mvAttribute, valueKey(v)))));
    const candidates = [...ids].filter((id) => {
      const mv = store.mv.get(id);
      return mv !== null && targetsType(rule.targetObjectType, mv.objectType) &&
        g.every((c) => !c.caseSensitive || (view[c.csAttribute] ?? []).some((v) => (mv.attrs[c.mvAttribute] ?? []).some((m) => valueKey(m, true) === valueKey(v, true))));
    });
    return { clauses: g.map((c) => ({ csAttribute: c.csAttribute, mvAttribute: c.mvAttribute, caseSensitive: c.caseSensitive, values: view[c.csAttribute] ?? [] })), candidates: candidates.map(String) };
  });
  return { outcome: joinOutcome(rule, cs?.mvId ?? null, groups), linkedTo: cs?.mvId == null ? null : String(cs.mvId), groups };
}

function outboundJoin(engine: SyncEngine, rule: SyncRule, mv: MvObject | null, targetSeq: number | null): JoinTest {
  const store = engine.store;
  const linked = mv && targetSeq !== null ? store.cs.linkedIn(mv.id, targetSeq) : null;
  const index = new OutboundJoinIndex(store);
  const groups = rule.joinRules.map((g) => {
    const ids = intersect(g.map((c) => (targetSeq === null ? [] : (mv?.attrs[c.mvAttribute] ?? []).flatMap((v) => [...index.lookup(targetSeq, rule.targetObjectType, c.csAttribute, valueKey(v))]))));
    return { clauses: g.map((c) => ({ csAttribute: c.csAttribute, mvAttribute: c.mvAttribute, caseSensitive: c.caseSensitive, values: mv?.attrs[c.mvAttribute] ?? [] })), candidates: [...ids].map(String) };
  });
  return { outcome: joinOutcome(rule, linked?.id ?? null, groups), linkedTo: linked ? linked.dn : null, groups };
}

/** The ids every clause of a group found (a group's clauses are ANDed). */
function intersect(found: readonly (readonly number[])[]): Set<number> {
  if (found.length === 0) return new Set();
  return new Set(found[0]!.filter((id) => found.every((f) => f.includes(id))));
}

function joinOutcome(rule: SyncRule, linked: number | null, groups: readonly { candidates: readonly string[] }[]): JoinTest['outcome'] {
  if (linked !== null) return 'already-joined';
  if (groups.some((g) => g.candidates.length === 1)) return 'one';
  if (rule.linkType === 'Provision') return 'provision';
  return groups.length ? 'none' : 'no-join-rules';
}
