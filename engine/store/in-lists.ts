// Reading rows by a list of keys in `IN (…)` lists of bounded length. Each list is padded with its last key to a
// power of two (from 8), so a server prepares one statement text per size rather than one per count; a repeated key
// still yields each row once.

/** One list: the keys to bind (padded) and its `?` marks. */
export interface InList<T> {
  /** The keys as asked for, without the padding. */
  readonly asked: T[];
  readonly keys: T[];
  readonly marks: string;
}

/** The keys (each once) in lists of at most `most` keys (a power of two). */
export function* inLists<T>(keys: Iterable<T>, most: number): Generator<InList<T>> {
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += most) {
    const asked = unique.slice(i, i + most);
    const size = Math.max(8, 2 ** Math.ceil(Math.log2(asked.length)));
    const padded = [...asked, ...Array<T>(size - asked.length).fill(asked[asked.length - 1])];
    yield { asked, keys: padded, marks: padded.map(() => '?').join(',') };
  }
}
