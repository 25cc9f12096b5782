import { describe, expect, it } from 'vitest';
import { fetchAllPages, type Page } from './fetch-all.ts';

function pager(items: number[], size: number) {
  const calls: (string | null)[] = [];
  const fetch = async (cursor: string | null): Promise<Page<number>> => {
    calls.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    const next = start + size < items.length ? String(start + size) : null;
    return { items: items.slice(start, start + size), total: items.length, nextCursor: next };
  };
  return { fetch, calls };
}

describe('fetchAllPages', () => {
  it('follows cursors to the end and keeps order', async () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    const { fetch, calls } = pager(items, 10);
    const progress: number[] = [];
    expect(await fetchAllPages(fetch, { onProgress: (d) => progress.push(d) })).toEqual(items);
    expect(calls).toEqual([null, '10', '20']);
    expect(progress).toEqual([10, 20, 25]);
  });
  it('stops at the maximum', async () => {
    const { fetch } = pager(Array.from({ length: 50 }, (_, i) => i), 10);
    expect(await fetchAllPages(fetch, { max: 15 })).toHaveLength(15);
  });
  it('refuses a cursor that repeats instead of looping', async () => {
    await expect(fetchAllPages(async () => ({ items: [1], total: 9, nextCursor: 'same' }))).rejects.toThrow(/same page cursor twice/);
  });
});
