import { describe, expect, it } from 'vitest';
import { attributeNameProblem, attributesOfType, objectTypeNameProblem, precedenceRows } from './schema-view.ts';
import type { MvSchema, PrecedenceEntry } from '../../../shared/model/metaverse.ts';

const schema: MvSchema = {
  objectTypes: [{ name: 'person', attributes: ['sn', 'cn', 'legacy'] }],
  attributes: [
    { name: 'cn', type: 'string', multiValued: false, indexed: true },
    { name: 'sn', type: 'string', multiValued: false, indexed: false },
    { name: 'member', type: 'reference', multiValued: true, indexed: false },
  ],
};

describe('attributesOfType', () => {
  it('lists the type attributes with their definitions, sorted', () => {
    expect(attributesOfType(schema, 'person').map((a) => [a.name, a.indexed])).toEqual([['cn', true], ['legacy', false], ['sn', false]]);
    expect(attributesOfType(schema, 'nope')).toEqual([]);
  });
});

describe('name checks', () => {
  it('refuses bad, duplicate and empty names with a reason', () => {
    expect(attributeNameProblem('', schema, 'person')).toMatch(/Enter/);
    expect(attributeNameProblem('9lives', schema, 'person')).toMatch(/must start with a letter/);
    expect(attributeNameProblem('SN', schema, 'person')).toBe('person already has an attribute "SN"');
    expect(attributeNameProblem('member', schema, 'person')).toBeNull();
    expect(attributeNameProblem('member', schema, null)).toMatch(/already exists/);
    expect(objectTypeNameProblem('Person', schema)).toMatch(/already exists/);
    expect(objectTypeNameProblem('device', schema)).toBeNull();
  });
});

describe('precedenceRows', () => {
  const e = (ruleName: string, precedence: number, extra: Partial<PrecedenceEntry> = {}): PrecedenceEntry => ({
    ruleId: ruleName, ruleName, connector: 'AD', precedence, direction: 'Inbound', flowType: 'Direct', source: 'sn', mergeType: 'Update', disabled: false, ...extra,
  });
  it('orders inbound rules by precedence, drops outbound, and never lets a disabled rule win', () => {
    const rows = precedenceRows([e('B', 200), e('Off', 1, { disabled: true }), e('A', 100), e('Out', 50, { direction: 'Outbound' })]);
    expect(rows.map((r) => [r.ruleName, r.rank, r.winner])).toEqual([['A', 1, true], ['B', 2, false], ['Off', 3, false]]);
  });
});
