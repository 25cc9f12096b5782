import { describe, expect, it } from 'vitest';
import type { AttributeFlow } from '../../shared/model/sync-rules.ts';
import { compileRule, type CompiledRule } from './compiled-rule.ts';
import { contribute, type FlowCandidate } from './contribution.ts';
import { FlowError } from './flow-value.ts';

function rule(seq: number, precedence: number, flows: Partial<AttributeFlow>[]): CompiledRule {
  return compileRule(seq, {
    id: `r${seq}`, name: `R${seq}`, direction: 'Inbound', precedence, connector: { id: 'c', name: 'c' }, sourceObjectType: 'user', targetObjectType: 'person',
    linkType: 'Join', disabled: false, enablePasswordSync: false, scopingFilter: [], joinRules: [],
    attributeFlows: flows.map((f) => ({ destination: 'title', sources: [], flowType: 'Expression', mergeType: 'Update', executeOnce: false, ...f }) as AttributeFlow),
  }, 1, '2020', () => undefined);
}

function candidates(rules: CompiledRule[], attributes: Record<string, string[]>): FlowCandidate[] {
  return rules.flatMap((r) => r.flows.map((flow) => ({ rule: r, flow, csId: r.seq * 10, input: { attributes, imported: attributes, parameters: {} } })));
}

describe('precedence and contribution', () => {
  it('the lowest precedence with a value wins; NULL passes to the next', () => {
    const out = contribute(candidates([rule(1, 5, [{ expression: 'NULL' }]), rule(2, 10, [{ flowType: 'Direct', sources: ['t'] }])], { t: ['Dev'] }), () => true);
    expect(out.get('title')).toMatchObject({ kind: 'set', values: ['Dev'], contributors: [[2, 20]] });
  });

  it('AuthoritativeNull removes and blocks lower precedence', () => {
    const out = contribute(candidates([rule(1, 5, [{ expression: 'AuthoritativeNull' }]), rule(2, 10, [{ flowType: 'Direct', sources: ['t'] }])], { t: ['Dev'] }), () => true);
    expect(out.get('title')?.kind).toBe('remove');
  });

  it('IgnoreThisFlow alone keeps the value; all NULL removes it', () => {
    expect(contribute(candidates([rule(1, 5, [{ expression: 'IgnoreThisFlow' }])], {}), () => true).get('title')?.kind).toBe('keep');
    expect(contribute(candidates([rule(1, 5, [{ expression: 'NULL' }]), rule(2, 6, [{ expression: 'IgnoreThisFlow' }])], {}), () => true).get('title')?.kind).toBe('remove');
  });

  it('several values into a single-valued attribute are refused', () => {
    expect(() => contribute(candidates([rule(1, 5, [{ flowType: 'Direct', sources: ['t'] }])], { t: ['a', 'b'] }), () => true)).toThrow(FlowError);
    expect(contribute(candidates([rule(1, 5, [{ flowType: 'Direct', sources: ['t'] }])], { t: ['a', 'b'] }), () => false).get('title')).toMatchObject({ values: ['a', 'b'] });
  });

  it('constants are typed: True becomes a boolean', () => {
    const out = contribute(candidates([rule(1, 5, [{ flowType: 'Constant', expression: 'True', destination: 'accountEnabled' }])], {}), () => true);
    expect(out.get('accountEnabled')).toMatchObject({ values: [true] });
  });
});
