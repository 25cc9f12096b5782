// Field-by-field differences between two sync rules, in words an administrator reads: scope, joins, link type,
// and each attribute flow by destination. Precedence and description are not compared (a precedence-only
// difference "may be safely ignored", as Microsoft's documenter says).
import type { RuleDifference } from '../../shared/model/migration.ts';
import type { AttributeFlow, JoinCondition, ScopingCondition, SyncRule } from '../../shared/model/sync-rules.ts';

/** A scoping filter as text: groups ORed, conditions ANDed. */
export function scopeText(groups: readonly (readonly ScopingCondition[])[]): string {
  // A group without conditions matches every object, like no filter at all.
  if (groups.length === 0 || groups.some((g) => g.length === 0)) return '(every object)';
  return groups.map((g) => `(${g.map((c) => `${c.attribute} ${c.operator}${c.value ? ` ${c.value}` : ''}`).join(' AND ')})`).join(' OR ');
}

/** Join groups as text, tried in order. */
export function joinText(groups: readonly (readonly JoinCondition[])[]): string {
  if (groups.length === 0) return '(no join)';
  return groups.map((g) => `(${g.map((c) => `${c.csAttribute} = ${c.mvAttribute}${c.caseSensitive ? ' (case-sensitive)' : ''}`).join(' AND ')})`).join(', then ');
}

/** One flow as text (the right-hand side of `destination ←`). */
export function flowText(f: AttributeFlow): string {
  const what = f.flowType === 'Direct' ? `[${f.sources[0] ?? ''}]` : f.flowType === 'Constant' ? `"${f.expression ?? ''}"` : (f.expression ?? '');
  const extras = [f.mergeType !== 'Update' ? f.mergeType : '', f.executeOnce ? 'apply once' : ''].filter(Boolean);
  return extras.length ? `${what} (${extras.join(', ')})` : what;
}

function flowsByDestination(flows: readonly AttributeFlow[]): Map<string, { name: string; texts: string[] }> {
  const out = new Map<string, { name: string; texts: string[] }>();
  for (const f of flows) {
    const key = f.destination.toLowerCase();
    const entry = out.get(key) ?? { name: f.destination, texts: [] };
    entry.texts.push(flowText(f));
    out.set(key, entry);
  }
  return out;
}

/** Every difference of `exported` from `standard` (empty when they say the same). */
export function ruleDifferences(exported: SyncRule, standard: SyncRule): RuleDifference[] {
  const out: RuleDifference[] = [];
  const same = (field: string, a: string, b: string) => {
    if (a !== b) out.push({ field, exported: a, standard: b });
  };
  same('direction', exported.direction, standard.direction);
  same('source object type', exported.sourceObjectType, standard.sourceObjectType);
  same('target object type', exported.targetObjectType, standard.targetObjectType);
  same('link type', exported.linkType, standard.linkType);
  same('password sync', String(exported.enablePasswordSync), String(standard.enablePasswordSync));
  same('scope', scopeText(exported.scopingFilter), scopeText(standard.scopingFilter));
  same('join', joinText(exported.joinRules), joinText(standard.joinRules));
  const mine = flowsByDestination(exported.attributeFlows);
  const theirs = flowsByDestination(standard.attributeFlows);
  const keys = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
  for (const k of keys) {
    const a = mine.get(k);
    const b = theirs.get(k);
    const text = (e: { texts: string[] } | undefined) => (e ? [...e.texts].sort().join(' | ') : '(no flow)');
    same(`flow ${(a ?? b)!.name}`, text(a), text(b));
  }
  return out;
}

/** Share of `standard`'s flows that `exported` has unchanged (0–1), for finding the rule a clone came from. */
export function flowOverlap(exported: SyncRule, standard: SyncRule): number {
  if (standard.attributeFlows.length === 0) return 0;
  const mine = new Set(exported.attributeFlows.map((f) => `${f.destination.toLowerCase()}\u0000${flowText(f)}`));
  const shared = standard.attributeFlows.filter((f) => mine.has(`${f.destination.toLowerCase()}\u0000${flowText(f)}`)).length;
  return shared / standard.attributeFlows.length;
}
