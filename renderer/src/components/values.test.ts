import { describe, expect, it } from 'vitest';
import { formatDuration, formatValue, formatValues, searchCountText, valueType } from './values.ts';

describe('value formatting', () => {
  it('drops wire tags and marks binaries', () => {
    expect(formatValues(['x', true, { int: '12' }, { date: '2026-01-01T00:00:00Z' }, { ref: 'CN=a' }, { bin: 'AQI=' }])).toBe(
      'x; true; 12; 2026-01-01T00:00:00Z; CN=a; base64:AQI=',
    );
    expect(formatValue(null)).toBe('');
  });
  it('names value types', () => {
    expect([valueType('a'), valueType(false), valueType({ int: '1' }), valueType({ ref: 'x' })]).toEqual(['string', 'boolean', 'integer', 'reference']);
  });
  it('formats durations', () => {
    expect([formatDuration(0), formatDuration(65_000), formatDuration(3_725_000)]).toEqual(['0:00', '1:05', '1:02:05']);
  });
});

describe('search counts', () => {
  it('says a count that stopped at a limit is a lower bound', () => {
    expect(searchCountText(1000, false)).toBe('1,000+ items');
    expect(searchCountText(932)).toBe('932 items');
    expect(searchCountText(1, true)).toBe('1 item');
  });
});
