// Small constructors for sync-rule parts, so the default rule templates read like the rule editor.
import type { AttributeFlow, JoinCondition, MergeType, ScopingCondition, ScopingOperator } from '../../../shared/model/sync-rules.ts';

/** Direct flows that copy each attribute into the attribute of the same name. */
export function direct(...names: readonly string[]): AttributeFlow[] {
  return names.map((n) => ({ destination: n, sources: [n], flowType: 'Direct', mergeType: 'Update', executeOnce: false }));
}

/** One Direct flow from `source` into a differently named `destination`. */
export function renamed(destination: string, source: string, mergeType: MergeType = 'Update', executeOnce = false): AttributeFlow {
  return { destination, sources: [source], flowType: 'Direct', mergeType, executeOnce };
}

/** Expression flows `Trim([x])` into `x` for each attribute. */
export function trimmed(...names: readonly string[]): AttributeFlow[] {
  return names.map((n) => expr(n, `Trim([${n}])`, [n]));
}

/** One Expression flow. `sources` lists the attributes shown in the rule editor (the expression is the authority). */
export function expr(destination: string, expression: string, sources: readonly string[] = [], mergeType: MergeType = 'Update'): AttributeFlow {
  return { destination, sources: [...sources], flowType: 'Expression', expression, mergeType, executeOnce: false };
}

/** One Constant flow; the literal is kept as text and typed by the destination attribute at sync time. */
export function constant(destination: string, literal: string, executeOnce = false): AttributeFlow {
  return { destination, sources: [], flowType: 'Constant', expression: literal, mergeType: 'Update', executeOnce };
}

/** One scoping clause. */
export function clause(attribute: string, operator: ScopingOperator, value = ''): ScopingCondition {
  return { attribute, operator, value };
}

/** One join group holding a single `csAttribute = mvAttribute` condition. */
export function joinOn(csAttribute: string, mvAttribute: string, caseSensitive = false): JoinCondition[] {
  return [{ csAttribute, mvAttribute, caseSensitive }];
}
