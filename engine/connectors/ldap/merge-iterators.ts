// Runs several async iterators at once and yields their items as they arrive (parallel container searches).

/** Yields items of all sources, interleaved in arrival order; a failing source fails the whole merge. */
export async function* mergeIterators<T>(sources: readonly AsyncIterator<T>[]): AsyncGenerator<T> {
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number): void => {
    const next = sources[index].next().then((result) => ({ index, result }));
    // A source may fail while the consumer is busy elsewhere; the failure still surfaces through the race below.
    next.catch(() => undefined);
    pending.set(index, next);
  };
  sources.forEach((_, i) => pull(i));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) pending.delete(index);
      else {
        pull(index);
        yield result.value;
      }
    }
  } finally {
    // Stop the other searches when the consumer stops or one source failed.
    await Promise.allSettled(sources.map((s) => s.return?.()));
  }
}
