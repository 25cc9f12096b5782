import { describe, expect, it } from 'vitest';
import { dataTypeOf, fromGraphValue, toGraphValue } from './extension-values.ts';
import type { ExtensionDataType, ExtensionProperty } from './directory-extensions.ts';

const def = (dataType: ExtensionDataType): ExtensionProperty => ({
  id: 'x', name: 'extension_0_x', shortName: 'x', dataType, isMultiValued: false, targetObjects: ['User'], isSyncedFromOnPremises: false,
});

describe('directory extension values', () => {
  it('converts engine values to the JSON of each data type and back to equal engine values', () => {
    const cases: Array<[ExtensionDataType, Parameters<typeof toGraphValue>[1], unknown]> = [
      ['String', 'Sales', 'Sales'], ['Integer', 42n, 42], ['Integer', '-7', -7], ['LargeInteger', 2n ** 40n, 2 ** 40],
      ['Boolean', true, true], ['Boolean', 'FALSE', false], ['DateTime', new Date('2024-01-02T03:04:05Z'), '2024-01-02T03:04:05.000Z'],
      ['Binary', new Uint8Array([1, 2, 255]), 'AQL/'],
    ];
    for (const [type, value, json] of cases) expect(toGraphValue(def(type), value), type).toEqual({ value: json });
    expect(fromGraphValue(def('Integer'), 42)).toBe(42n);
    expect(fromGraphValue(def('DateTime'), '2024-01-02T03:04:05Z')).toEqual(new Date('2024-01-02T03:04:05Z'));
    expect(fromGraphValue(def('Binary'), 'AQL/')).toEqual(new Uint8Array([1, 2, 255]));
    expect(fromGraphValue(def('Boolean'), 'yes')).toBeUndefined();
  });

  it('says why a value does not fit, with the engine code for it', () => {
    expect(toGraphValue(def('String'), 'x'.repeat(257))).toEqual({ code: 'constraint-violation', reason: 'the value has 257 characters; a String directory extension holds at most 256' });
    expect(toGraphValue(def('Integer'), 2n ** 31n)).toMatchObject({ code: 'constraint-violation' });
    expect(toGraphValue(def('Integer'), 'seven')).toMatchObject({ code: 'invalid-attribute-value' });
    expect(toGraphValue(def('Boolean'), 'maybe')).toMatchObject({ code: 'invalid-attribute-value' });
    expect(toGraphValue(def('DateTime'), 'soon')).toMatchObject({ code: 'invalid-attribute-value' });
    expect(toGraphValue(def('Binary'), new Uint8Array(257))).toMatchObject({ code: 'constraint-violation' });
    expect(toGraphValue(def('String'), { dn: 'CN=x' })).toMatchObject({ code: 'invalid-attribute-value' });
  });

  it('derives the data type of a new definition from its first values', () => {
    expect(dataTypeOf(['a'])).toBe('String');
    expect(dataTypeOf([1n, 2n])).toBe('Integer');
    expect(dataTypeOf([2n ** 33n])).toBe('LargeInteger');
    expect(dataTypeOf([true])).toBe('Boolean');
    expect(dataTypeOf([new Date()])).toBe('DateTime');
    expect(dataTypeOf([new Uint8Array([1])])).toBe('Binary');
    expect(dataTypeOf(['a', 1n])).toBe('String');
    expect(dataTypeOf([{ dn: 'CN=x' }])).toBeUndefined();
    expect(dataTypeOf([])).toBeUndefined();
  });
});
