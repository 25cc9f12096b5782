// Checks a sync rule against the engine's connectors, the metaverse schema and the expression language.
import type { MvSchema } from '../../shared/model/metaverse.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { compileFlow } from './compiled-rule.ts';
import { resolveRuleConnector, type RuleConnector } from './rule-set.ts';

export interface RuleProblem {
  path: string;
  message: string;
}

/** Every problem of a rule (empty when it can be saved). */
export function validateRule(rule: SyncRule, connectors: readonly RuleConnector[], schema: MvSchema): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!resolveRuleConnector(rule, connectors)) problems.push({ path: 'connector', message: `No connector "${rule.connector.name}" (${rule.connector.id})` });
  const inbound = rule.direction === 'Inbound';
  const mvType = inbound ? rule.targetObjectType : rule.sourceObjectType;
  const schemaKnown = schema.objectTypes.length > 0;
  const types = new Map(schema.objectTypes.map((t) => [t.name.toLowerCase(), t]));
  const attrTypes = new Map(schema.attributes.map((a) => [a.name, a.type]));
  if (schemaKnown && mvType !== '*' && !types.has(mvType.toLowerCase())) {
    problems.push({ path: inbound ? 'targetObjectType' : 'sourceObjectType', message: `The metaverse has no object type "${mvType}"` });
  }
  const mvAttrOk = (name: string) => !schemaKnown || attrTypes.has(name);
  rule.joinRules.forEach((g, gi) =>
    g.forEach((c, ci) => {
      if (!mvAttrOk(c.mvAttribute)) problems.push({ path: `joinRules[${gi}][${ci}].mvAttribute`, message: `The metaverse has no attribute "${c.mvAttribute}"` });
    }),
  );
  rule.attributeFlows.forEach((f, i) => {
    if (inbound && !mvAttrOk(f.destination)) problems.push({ path: `attributeFlows[${i}].destination`, message: `The metaverse has no attribute "${f.destination}"` });
    if (!inbound && f.flowType === 'Direct' && f.sources[0] && !mvAttrOk(f.sources[0])) {
      problems.push({ path: `attributeFlows[${i}].sources[0]`, message: `The metaverse has no attribute "${f.sources[0]}"` });
    }
    try {
      compileFlow(f, (n) => attrTypes.get(n));
    } catch (err) {
      problems.push({ path: `attributeFlows[${i}]`, message: err instanceof Error ? err.message : String(err) });
    }
  });
  return problems;
}
