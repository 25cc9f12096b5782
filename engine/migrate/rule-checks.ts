// What stands between an exported rule and a rule IdSync runs: expressions the language cannot compile
// (undocumented functions such as CBin and Thumbprint), metaverse attributes the schema lacks, and what
// Microsoft Graph cannot carry (IdSync's own adaptation of the Entra side, `adaptToGraph`).
import type { MvSchema } from '../../shared/model/metaverse.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { validate } from '../expressions/index.ts';
import { adaptToGraph, GRAPH_PROPERTY } from '../rules/defaults/index.ts';
import { joinText, scopeText } from './rule-diff.ts';

/** Why an expression cannot run here, or null when it compiles. */
export function expressionProblem(text: string): string | null {
  const errors = validate(text, {}).filter((d) => d.severity === 'error');
  if (errors.length === 0) return null;
  const unsupported = [...new Set(errors.filter((d) => d.code === 'unsupported-function').map((d) => /function (\w+)/.exec(d.message)?.[1] ?? d.message))];
  if (unsupported.length) {
    const names = unsupported.length === 1 ? unsupported[0] : `${unsupported.slice(0, -1).join(', ')} and ${unsupported[unsupported.length - 1]}`;
    return `uses ${names}, which IdSync does not implement (undocumented functions of the product)`;
  }
  const e = errors[0]!;
  return `does not compile (line ${e.line}, column ${e.column}: ${e.message})`;
}

/** Expression problems of a rule's flows, one line per flow. */
export function ruleExpressionProblems(rule: SyncRule): string[] {
  return rule.attributeFlows.flatMap((f) => {
    if (f.flowType !== 'Expression') return [];
    const problem = expressionProblem(f.expression ?? '');
    return problem ? [`the flow to ${f.destination} ${problem}`] : [];
  });
}

/** Metaverse attributes a rule writes or joins on (the ones rule validation checks) that the schema lacks. */
export function missingMvAttributes(rule: SyncRule, schema: MvSchema): string[] {
  const known = new Set(schema.attributes.map((a) => a.name));
  const used = [
    ...rule.joinRules.flat().map((c) => c.mvAttribute),
    ...(rule.direction === 'Inbound'
      ? rule.attributeFlows.map((f) => f.destination)
      : rule.attributeFlows.filter((f) => f.flowType === 'Direct').map((f) => f.sources[0] ?? '')),
  ].filter(Boolean);
  return [...new Set(used.filter((a) => !known.has(a)))];
}

export interface GraphOutcome {
  /** The rule as it runs against Microsoft Graph. */
  readonly rule: SyncRule;
  /** Why Graph cannot run it at all, or null. */
  readonly disabledReason: string | null;
  /** What the adaptation changed, in words. */
  readonly changes: string[];
}

/** The sentence `adaptToGraph` appended to a description after `marker`, or null. */
function addedSentence(before: string | undefined, after: string | undefined, marker: RegExp): string | null {
  const added = (after ?? '').slice((before ?? '').length);
  const m = marker.exec(added);
  return m ? m[1]!.trim().replace(/\.$/, '') : null;
}

/** Adapts a rule of the Entra connector to Microsoft Graph, with what changed and whether it can run. */
export function graphOutcome(rule: SyncRule): GraphOutcome {
  const adapted = adaptToGraph({ ...rule, disabled: false });
  const entraType = rule.direction === 'Outbound' ? rule.targetObjectType : rule.sourceObjectType;
  const map = GRAPH_PROPERTY[entraType] ?? {};
  const changes: string[] = [];
  const renamed = new Set<string>();
  for (const f of rule.attributeFlows) {
    const name = rule.direction === 'Outbound' ? f.destination : f.flowType === 'Direct' ? (f.sources[0] ?? '') : '';
    const property = map[name];
    if (property && property !== name) renamed.add(`${name} → ${property}`);
  }
  for (const c of rule.joinRules.flat()) if (map[c.csAttribute] && map[c.csAttribute] !== c.csAttribute) renamed.add(`${c.csAttribute} → ${map[c.csAttribute]}`);
  if (renamed.size) changes.push(`Graph property names: ${[...renamed].join(', ')}`);
  if (rule.direction === 'Outbound' && rule.attributeFlows.some((f) => f.destination === 'dn')) {
    changes.push('dn: a new Entra object is named by its object id once Graph has created it');
  }
  const dropped = addedSentence(rule.description, adapted.description, /Not carried through Microsoft Graph: (.*?)(?:\. Disabled:|\.?$)/s);
  if (dropped) changes.push(`not carried through Microsoft Graph: ${dropped}`);
  if (scopeText(rule.scopingFilter) !== scopeText(adapted.scopingFilter)) changes.push(`scope: ${scopeText(rule.scopingFilter)} → ${scopeText(adapted.scopingFilter)}`);
  if (joinText(rule.joinRules) !== joinText(adapted.joinRules)) changes.push(`join: ${joinText(rule.joinRules)} → ${joinText(adapted.joinRules)}`);
  const disabledReason = adapted.disabled ? (addedSentence(rule.description, adapted.description, /Disabled: (.*)$/s) ?? 'Microsoft Graph cannot carry it') : null;
  return { rule: { ...adapted, disabled: rule.disabled }, disabledReason, changes };
}
