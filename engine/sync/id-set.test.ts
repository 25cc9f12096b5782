// The bit set of ids behind a step's counted objects.
import { describe, expect, it } from 'vitest';
import { IdSet } from './id-set.ts';

describe('IdSet', () => {
  it('adds each id once, across block boundaries and for large ids', () => {
    const set = new IdSet();
    const ids = [1, 7, 8, 65_535, 65_536, 65_537, 2_200_000, 9_007_199_254_740_991];
    for (const id of ids) expect(set.add(id), `first add of ${id}`).toBe(true);
    for (const id of ids) expect(set.add(id), `second add of ${id}`).toBe(false);
    for (const id of ids) expect(set.has(id)).toBe(true);
    for (const id of [2, 6, 9, 65_534, 65_538, 2_199_999]) expect(set.has(id), `${id}`).toBe(false);
  });

  it('never holds ids that are not positive integers', () => {
    const set = new IdSet();
    for (const id of [0, -3, 1.5, Number.NaN]) {
      expect(set.add(id)).toBe(true);
      expect(set.add(id)).toBe(true);
      expect(set.has(id)).toBe(false);
    }
  });
});
