// A sync rule prepared for evaluation: its connector resolved and every flow compiled once.
import type { AttributeFlow, SyncRule } from '../../shared/model/sync-rules.ts';
import type { MvAttributeType } from '../../shared/model/metaverse.ts';
import type { StoredValue } from '../model/stored-values.ts';
import { compileFlowExpression } from './expression-flow.ts';
import { FlowError, NULL_FLOW, type FlowInput, type FlowValue } from './flow-value.ts';

export interface CompiledFlow {
  readonly flow: AttributeFlow;
  /** Attributes the flow reads. */
  readonly reads: readonly string[];
  evaluate(input: FlowInput): FlowValue;
}

export interface CompiledRule {
  readonly seq: number;
  readonly rule: SyncRule;
  readonly connectorSeq: number;
  /** Tie-breaker between equal precedences: the connector created first wins. */
  readonly connectorCreatedAt: string;
  readonly flows: readonly CompiledFlow[];
  /** Canonical text of the join definition (rules with equal text do not conflict), or null without joins. */
  readonly joinKey: string | null;
}

/** Compiles a rule; throws FlowError naming the rule and the flow when an expression does not compile. */
export function compileRule(seq: number, rule: SyncRule, connectorSeq: number, connectorCreatedAt: string, attrType: (name: string) => MvAttributeType | undefined): CompiledRule {
  const flows = rule.attributeFlows.map((f, i) => {
    try {
      return compileFlow(f, attrType);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new FlowError('invalid-rule', `Rule "${rule.name}", flow ${i + 1} (${f.destination}): ${msg}`);
    }
  });
  const joinKey = rule.joinRules.length
    ? JSON.stringify(rule.joinRules.map((g) => g.map((c) => [c.csAttribute.toLowerCase(), c.mvAttribute.toLowerCase(), c.caseSensitive])))
    : null;
  return { seq, rule, connectorSeq, connectorCreatedAt, flows, joinKey };
}

/** Compiles one attribute flow. */
export function compileFlow(flow: AttributeFlow, attrType: (name: string) => MvAttributeType | undefined): CompiledFlow {
  switch (flow.flowType) {
    case 'Direct': {
      const source = flow.sources[0];
      if (!source) throw new FlowError('invalid-rule', 'a Direct flow needs a source attribute');
      return {
        flow,
        reads: [source],
        evaluate: (input) => {
          const v = input.attributes[source];
          return v && v.length ? { kind: 'values', values: v } : NULL_FLOW;
        },
      };
    }
    case 'Constant': {
      const literal = flow.expression ?? flow.sources[0] ?? '';
      const value = constantValue(literal, attrType(flow.destination));
      return { flow, reads: [], evaluate: () => ({ kind: 'values', values: [value] }) };
    }
    case 'Expression': {
      const compiled = compileFlowExpression(flow.expression ?? '');
      return { flow, reads: compiled.attributes, evaluate: (input) => compiled.evaluate(input) };
    }
  }
}

/** A constant typed for its destination: "True"/"False" become booleans for boolean attributes, digits integers. */
function constantValue(literal: string, type: MvAttributeType | undefined): StoredValue {
  if (type === 'boolean' || (type === undefined && /^(true|false)$/i.test(literal))) return /^true$/i.test(literal);
  if (type === 'integer' && /^-?\d+$/.test(literal)) return { int: literal };
  return literal;
}
