// Paging through the objects of a statistics line, which may stand for several raw counters.
import type { Page } from '../components/fetch-all.ts';

/** Fetches one page of the objects of one counter. */
export type CounterPageFetch<T> = (counter: string, cursor: string | null, limit: number) => Promise<Page<T>>;

interface ChainCursor {
  /** Index of the counter being read. */
  i: number;
  /** Cursor inside that counter, null for its first page. */
  c: string | null;
}

/** Encodes the position in a chain of counters as one opaque cursor. */
export function encodeChainCursor(i: number, c: string | null): string {
  return JSON.stringify({ i, c } satisfies ChainCursor);
}

/** Reads a chain cursor; null (the start) is counter 0, first page. */
export function decodeChainCursor(cursor: string | null): ChainCursor {
  if (!cursor) return { i: 0, c: null };
  const parsed = JSON.parse(cursor) as Partial<ChainCursor>;
  if (typeof parsed.i !== 'number' || parsed.i < 0) throw new Error(`Not a drill-down cursor: ${cursor}`);
  return { i: parsed.i, c: typeof parsed.c === 'string' ? parsed.c : null };
}

/**
 * One pager over several counters read one after another, so a line such as "Projections"
 * (three raw counters) lists all its objects; the total is the sum of the counters' totals seen so far
 * or the known count of the line.
 */
export function chainCounters<T>(counters: readonly string[], fetch: CounterPageFetch<T>, knownTotal: number) {
  return async (cursor: string | null, limit: number): Promise<Page<T>> => {
    let { i, c } = decodeChainCursor(cursor);
    while (i < counters.length) {
      const page = await fetch(counters[i], c, limit);
      if (page.nextCursor) return { items: page.items, total: knownTotal, nextCursor: encodeChainCursor(i, page.nextCursor) };
      const next = i + 1 < counters.length ? encodeChainCursor(i + 1, null) : null;
      // An empty counter is skipped rather than shown as an empty page.
      if (page.items.length > 0 || !next) return { items: page.items, total: knownTotal, nextCursor: next };
      i += 1;
      c = null;
    }
    return { items: [], total: knownTotal, nextCursor: null };
  };
}
