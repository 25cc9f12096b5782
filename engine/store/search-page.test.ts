import { describe, expect, it } from 'vitest';
import { checkedPage } from './search-page.ts';

const candidates = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
const even = (o: { id: number }) => o.id % 2 === 0;

describe('checked search pages', () => {
  it('counts every match without a limit', () => {
    const p = checkedPage(candidates(100), even, 0, 10);
    expect(p).toMatchObject({ total: 50, totalExact: true, nextCursor: '20' });
    expect(p.items.map((o) => o.id)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  });

  it('stops counting at the limit and reports the total as a lower bound', () => {
    let checked = 0;
    const p = checkedPage(candidates(10_000), (o) => (checked++, even(o)), 0, 10, 100);
    expect(p).toMatchObject({ total: 100, totalExact: false, nextCursor: '20' });
    // Reading stopped once the page and the count were done.
    expect(checked).toBe(202);
  });

  it('is exact when the matches are exactly the limit', () => {
    const p = checkedPage(candidates(200), even, 0, 10, 100);
    expect(p).toMatchObject({ total: 100, totalExact: true });
  });

  it('pages beyond the counted matches', () => {
    const p = checkedPage(candidates(10_000), even, 5000, 3, 100);
    expect(p.items.map((o) => o.id)).toEqual([5002, 5004, 5006]);
    expect(p).toMatchObject({ total: 100, totalExact: false, nextCursor: '5006' });
    const last = checkedPage(candidates(10_000), even, 9996, 3, 100);
    expect(last.items.map((o) => o.id)).toEqual([9998, 10000]);
    expect(last.nextCursor).toBeNull();
  });
});
