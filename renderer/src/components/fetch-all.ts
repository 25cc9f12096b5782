// Reading every page of a cursor-paged API result, for exports of a whole search.

/** A page as the engine returns it. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  /** False when the engine stopped counting: more than `total` match. */
  readonly totalExact?: boolean;
  readonly nextCursor: string | null;
}

export interface FetchAllOptions {
  /** Stop after this many items (a guard against runaway exports). */
  readonly max?: number;
  /** Called after each page with the count so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** Follows `nextCursor` from the first page to the last and returns every item in order. */
export async function fetchAllPages<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, options: FetchAllOptions = {}): Promise<T[]> {
  const max = options.max ?? 1_000_000;
  const all: T[] = [];
  let cursor: string | null = null;
  const seen = new Set<string>();
  for (;;) {
    if (options.signal?.aborted) throw new Error('Export cancelled');
    const page: Page<T> = await fetchPage(cursor);
    all.push(...page.items);
    options.onProgress?.(all.length, page.total);
    if (!page.nextCursor || all.length >= max) break;
    // A cursor that repeats would loop forever; treat it as the end.
    if (seen.has(page.nextCursor)) throw new Error(`The engine returned the same page cursor twice (${page.nextCursor})`);
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
  return all.slice(0, max);
}
