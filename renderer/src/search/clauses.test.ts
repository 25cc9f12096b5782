import { describe, expect, it } from 'vitest';
import { attributesInScope, buildClauses, defaultResultColumns, operatorsFor, OPERATORS } from './clauses.ts';
import { MvOperator, type MvSchema } from '../../../shared/model/metaverse.ts';

const schema: MvSchema = {
  objectTypes: [{ name: 'person', attributes: ['sn', 'givenName', 'employeeID', 'accountEnabled'] }, { name: 'group', attributes: ['member'] }],
  attributes: [
    { name: 'sn', type: 'string', multiValued: false, indexed: true },
    { name: 'givenName', type: 'string', multiValued: false, indexed: false },
    { name: 'employeeID', type: 'integer', multiValued: false, indexed: false },
    { name: 'accountEnabled', type: 'boolean', multiValued: false, indexed: false },
    { name: 'member', type: 'reference', multiValued: true, indexed: false },
  ],
};

describe('operators', () => {
  it('covers every operator of the search schema', () => {
    expect(OPERATORS.map((o) => o.operator).sort()).toEqual([...MvOperator.options].sort());
  });
  it('offers text operators for strings and comparisons for integers only where they apply', () => {
    const forInt = operatorsFor('integer').map((o) => o.operator);
    expect(forInt).toContain('greater-than');
    expect(forInt).not.toContain('starts-with');
    expect(operatorsFor('boolean').map((o) => o.operator)).toEqual(['equals', 'not-equals', 'is-present', 'is-not-present']);
  });
});

describe('buildClauses', () => {
  it('builds a three-clause AND search', () => {
    const r = buildClauses(
      [
        { id: 1, attribute: 'sn', operator: 'starts-with', value: ' Sm ' },
        { id: 2, attribute: 'employeeID', operator: 'greater-than', value: '100' },
        { id: 3, attribute: 'givenName', operator: 'is-present', value: 'ignored' },
      ],
      schema,
    );
    expect(r).toEqual({
      ok: true,
      clauses: [
        { attribute: 'sn', operator: 'starts-with', value: 'Sm' },
        { attribute: 'employeeID', operator: 'greater-than', value: '100' },
        { attribute: 'givenName', operator: 'is-present', value: '' },
      ],
    });
  });
  it('names the clause and the problem', () => {
    const r = buildClauses(
      [
        { id: 1, attribute: '', operator: 'equals', value: 'x' },
        { id: 2, attribute: 'sn', operator: 'equals', value: '  ' },
        { id: 3, attribute: 'employeeID', operator: 'equals', value: 'abc' },
        { id: 4, attribute: 'accountEnabled', operator: 'contains', value: 'x' },
        { id: 5, attribute: 'nope', operator: 'equals', value: 'x' },
      ],
      schema,
    );
    expect(r).toEqual({
      ok: false,
      problems: [
        'Clause 1: choose an attribute',
        'Clause 2: enter a value for sn equals',
        'Clause 3: employeeID is an integer, "abc" is not',
        'Clause 4: "Contains" does not apply to boolean attribute accountEnabled',
        'Clause 5: "nope" is not a metaverse attribute',
      ],
    });
  });
  it('accepts no clauses, and skips untouched rows (every object of the type)', () => {
    expect(buildClauses([], schema)).toEqual({ ok: true, clauses: [] });
    expect(buildClauses([{ id: 1, attribute: '', operator: 'equals', value: ' ' }], schema)).toEqual({ ok: true, clauses: [] });
  });
});

describe('scope and columns', () => {
  it('limits attributes to the object type, sorted', () => {
    expect(attributesInScope(schema, 'person').map((a) => a.name)).toEqual(['accountEnabled', 'employeeID', 'givenName', 'sn']);
    expect(attributesInScope(schema, null)).toHaveLength(5);
  });
  it('shows display name and the clause attributes once each', () => {
    expect(defaultResultColumns([{ attribute: 'sn' }, { attribute: 'sn' }, { attribute: 'mail' }])).toEqual(['displayName', 'sn', 'mail']);
  });
});
