import { describe, expect, it } from 'vitest';
import { referencedAttributes, validate } from './index.ts';

const schema = { displayName: { type: 'string' as const }, memberCount: { type: 'integer' as const }, objectGUID: { type: 'binary' as const } };

describe('validate', () => {
  it('accepts a correct expression', () => {
    expect(validate('IIF(IsPresent([displayName]), Left([displayName], 3), "x")', { schema })).toEqual([]);
  });

  it('reports each problem with its position', () => {
    const d = validate('IIF(isPresent([displayname]),\n  Left(123, 1), Foo)', { schema });
    expect(d.map((x) => [x.code, x.line, x.column])).toEqual([
      ['unknown-function', 1, 5],
      ['unknown-attribute', 1, 15],
      ['type', 2, 8],
      ['unknown-identifier', 2, 17],
    ]);
    expect(d[0].message).toContain('IsPresent');
    expect(d[1].message).toContain('[displayName]');
  });

  it('checks arity, enum words, variables and sentinels', () => {
    expect(validate('Left("a")')[0]).toMatchObject({ code: 'arity', message: expect.stringContaining('2 arguments') });
    expect(validate('Mid("a", 1, 2, 3)')[0].message).toContain('2 to 3 arguments');
    expect(validate('Contains([a], "x", Sometimes)')[0].code).toBe('bad-enum');
    expect(validate('ConvertFromBase64("eA==", "UTF16")')[0].code).toBe('bad-enum');
    expect(validate('Where($x, [a], $y = 1)')[0]).toMatchObject({ code: 'unbound-variable', column: 16 });
    expect(validate('Where("x", [a], True)')[0].code).toBe('type');
    expect(validate('Trim(IgnoreThisFlow)')[0].code).toBe('special-value');
    expect(validate('IIF(True, IgnoreThisFlow, AuthoritativeNull)')).toEqual([]);
    expect(validate('null')[0].message).toContain('NULL');
  });

  it('finds types that can never fit, using the schema', () => {
    expect(validate('[memberCount] & "x"', { schema })).toEqual([]);
    expect(validate('[memberCount] = "x"', { schema })[0].code).toBe('type');
    expect(validate('"a" + 1')[0].message).toContain("'&'");
    expect(validate('CStr([objectGUID])', { schema })[0].code).toBe('type');
    expect(validate('1 && True')[0].code).toBe('type');
    expect(validate('Len(IIF(True, 1, 2))')[0].code).toBe('type');
    expect(validate('Len(IIF(True, [displayName], NULL))', { schema })).toEqual([]);
  });

  it('checks parameters when their names are given, and names in ImportedValue', () => {
    expect(validate('%Domain.FQDN% & %Nope%', { parameters: ['Domain.FQDN'] })).toMatchObject([{ code: 'undefined-parameter', column: 17 }]);
    expect(validate('ImportedValue("nope")', { schema })[0].code).toBe('unknown-attribute');
  });

  it('reports a syntax error as a diagnostic', () => {
    expect(validate('Left("a", ')).toMatchObject([{ code: 'syntax', severity: 'error', line: 1 }]);
  });

  it('lists referenced attributes', () => {
    expect(referencedAttributes('IIF(IsPresent([a]), [b] & ImportedValue("c"), ValueCount("d") & [a])')).toEqual(['a', 'b', 'c', 'd']);
  });
});
