import { describe, expect, it } from 'vitest';
import { compile, createContext, DateTime, fromAttributeValues, reference, toAttributeValues, valuesEqual } from './index.ts';

describe('value model', () => {
  it('converts stored values both ways; a JS Date becomes a DateTime', () => {
    const when = new Date(Date.UTC(2020, 1, 29, 12, 30, 15, 250));
    const v = fromAttributeValues([when], false);
    expect(v).toBeInstanceOf(DateTime);
    expect((v as DateTime).toISOString()).toBe('2020-02-29T12:30:15.25Z');
    expect(toAttributeValues(v)).toEqual([when]);
    expect(fromAttributeValues(['a'], true)).toEqual(['a']);
    expect(fromAttributeValues([], false)).toBeNull();
    expect(toAttributeValues(null)).toEqual([]);
    expect(toAttributeValues(['a', 1n])).toEqual(['a', 1n]);
    expect(valuesEqual([reference('CN=a')], [{ dn: 'CN=a' }])).toBe(true);
    expect(valuesEqual(new Uint8Array([1]), new Uint8Array([2]))).toBe(false);
  });

  it('formats the DateTime range ends', () => {
    expect(new DateTime(0n).toISOString()).toBe('0001-01-01T00:00:00Z');
    expect(DateTime.fromParts(9999, 12, 31, 23, 59, 59, 9_999_999)?.toISOString()).toBe('9999-12-31T23:59:59.9999999Z');
    expect(DateTime.fromParts(2021, 2, 29)).toBeNull();
  });
});

describe('attribute context', () => {
  const attributes = { mail: ['a@x'], proxyAddresses: ['smtp:a@x'], constructor: undefined as never };
  it('reads single values as scalars and schema multi-valued attributes as lists', () => {
    const ctx = createContext({ attributes, multiValued: new Set(['proxyAddresses']) });
    expect(compile('[mail]').evaluate(ctx)).toBe('a@x');
    expect(compile('[proxyAddresses]').evaluate(ctx)).toEqual(['smtp:a@x']);
    expect(compile('[toString]').evaluate(ctx)).toBeNull();
    expect(compile('ValueCount("proxyAddresses")').evaluate(ctx)).toBe(1n);
  });
  it('matches names exactly unless asked to ignore case', () => {
    expect(compile('[MAIL]').evaluate(createContext({ attributes }))).toBeNull();
    expect(compile('[MAIL]').evaluate(createContext({ attributes, caseInsensitiveNames: true }))).toBe('a@x');
  });
  it('keeps the imported view separate', () => {
    const ctx = createContext({ attributes, imported: { mail: ['old@x'] } });
    expect(compile('ImportedValue("mail") & "|" & [mail]').evaluate(ctx)).toBe('old@x|a@x');
  });
});

describe('flow outcome', () => {
  it('classifies results for the flow layer', async () => {
    const { toFlowOutcome, AUTHORITATIVE_NULL, IGNORE_THIS_FLOW } = await import('./index.ts');
    expect(toFlowOutcome(null)).toEqual({ kind: 'null' });
    expect(toFlowOutcome([])).toEqual({ kind: 'null' });
    expect(toFlowOutcome('x')).toEqual({ kind: 'values', values: ['x'] });
    expect(toFlowOutcome(AUTHORITATIVE_NULL)).toEqual({ kind: 'authoritativeNull' });
    expect(toFlowOutcome(IGNORE_THIS_FLOW)).toEqual({ kind: 'ignoreThisFlow' });
  });
});
