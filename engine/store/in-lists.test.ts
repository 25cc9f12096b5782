import { describe, expect, it } from 'vitest';
import { inLists } from './in-lists.ts';

describe('inLists (IN lists of bounded length)', () => {
  it('reads each key once, in lists of at most `most`, padded with the last key to a power of two from 8', () => {
    const lists = [...inLists([1, 2, 2, 3, ...Array.from({ length: 20 }, (_, i) => 10 + i)], 16)];
    expect(lists.map((l) => l.asked.length)).toEqual([16, 7]);
    expect(lists[0].keys).toEqual(lists[0].asked);
    expect(lists[1].keys).toEqual([...lists[1].asked, 29]);
    expect(lists[1].marks).toBe(Array(8).fill('?').join(','));
    expect(lists.flatMap((l) => l.asked)).toEqual([1, 2, 3, ...Array.from({ length: 20 }, (_, i) => 10 + i)]);
    expect([...inLists([], 16)]).toEqual([]);
    expect([...inLists(['a'], 16)][0].keys).toEqual(Array(8).fill('a'));
  });
});
