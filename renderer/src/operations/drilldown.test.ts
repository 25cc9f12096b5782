import { describe, expect, it } from 'vitest';
import { chainCounters, decodeChainCursor } from './drilldown.ts';
import type { Page } from '../components/fetch-all.ts';
import { fetchAllPages } from '../components/fetch-all.ts';

const data: Record<string, string[]> = { a: ['a1', 'a2', 'a3'], b: [], c: ['c1'] };
async function fetch(counter: string, cursor: string | null, limit: number): Promise<Page<string>> {
  const all = data[counter];
  const start = cursor ? Number(cursor) : 0;
  return { items: all.slice(start, start + limit), total: all.length, nextCursor: start + limit < all.length ? String(start + limit) : null };
}

describe('chainCounters', () => {
  it('reads counters one after another, skipping empty ones, with the line total', async () => {
    const pager = chainCounters(['a', 'b', 'c'], fetch, 4);
    const first = await pager(null, 2);
    expect(first).toMatchObject({ items: ['a1', 'a2'], total: 4 });
    const second = await pager(first.nextCursor, 2);
    expect(second.items).toEqual(['a3']);
    const third = await pager(second.nextCursor, 2);
    expect(third).toEqual({ items: ['c1'], total: 4, nextCursor: null });
  });
  it('yields every object of the line through the generic pager', async () => {
    expect(await fetchAllPages((c) => chainCounters(['a', 'b', 'c'], fetch, 4)(c, 1))).toEqual(['a1', 'a2', 'a3', 'c1']);
  });
  it('rejects a cursor it did not make', () => {
    expect(() => decodeChainCursor('{"x":1}')).toThrow(/Not a drill-down cursor/);
  });
});
