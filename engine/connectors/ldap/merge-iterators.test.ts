import { describe, expect, it } from 'vitest';
import { mergeIterators } from './merge-iterators.ts';

async function* items(values: number[], delayMs: number, failWith?: Error): AsyncGenerator<number> {
  for (const v of values) {
    await new Promise((r) => setTimeout(r, delayMs));
    yield v;
  }
  if (failWith) throw failWith;
}

describe('mergeIterators', () => {
  it('yields every item of every source', async () => {
    const out: number[] = [];
    for await (const v of mergeIterators([items([1, 2, 3], 2), items([10, 20], 3)])) out.push(v);
    expect(out.sort((a, b) => a - b)).toEqual([1, 2, 3, 10, 20]);
  });

  it('reports a source that failed while the consumer was busy, without an unhandled rejection', async () => {
    const merged = mergeIterators([items([1], 1, new Error('server gone'))]);
    expect((await merged.next()).value).toBe(1);
    // The source fails during this pause; nothing awaits it yet.
    await new Promise((r) => setTimeout(r, 30));
    await expect(merged.next()).rejects.toThrow('server gone');
  });

  it('stops the other sources when the consumer stops', async () => {
    let stopped = false;
    async function* endless(): AsyncGenerator<number> {
      try {
        for (;;) yield await new Promise<number>((r) => setTimeout(() => r(1), 1));
      } finally {
        stopped = true;
      }
    }
    const merged = mergeIterators([endless()]);
    await merged.next();
    await merged.return(undefined);
    expect(stopped).toBe(true);
  });
});
