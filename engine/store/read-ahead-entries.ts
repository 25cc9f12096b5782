// What a read-ahead (names-ahead.ts, rows-ahead.ts) knows, by key: a value (null where no object answers the key),
// with the object that answers it, so that writing an object drops every entry it answered.

/** Entries by key; each remembers the object that answers it. */
export class ReadAheadEntries<V> {
  private readonly entries = new Map<string, V | null>();
  /** The keys each object answers. */
  private readonly byObject = new Map<number, string[]>();

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value of a key: null when no object answers it, undefined when it is not known here. */
  get(key: string): V | null | undefined {
    return this.entries.get(key);
  }

  /** Sets a key's value, answered by the object `id` (null: by none). */
  set(key: string, value: V | null, id: number | null): void {
    this.entries.set(key, value);
    if (id === null) return;
    const held = this.byObject.get(id);
    if (held) held.push(key);
    else this.byObject.set(id, [key]);
  }

  /** Forgets one key. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every key the object answered. */
  dropObject(id: number): void {
    for (const key of this.byObject.get(id) ?? []) this.entries.delete(key);
    this.byObject.delete(id);
  }

  clear(): void {
    this.entries.clear();
    this.byObject.clear();
  }
}

/** Rows grouped by a key of each. */
export function groupBy<R>(rows: readonly R[], keyOf: (r: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const group = out.get(k);
    if (group) group.push(r);
    else out.set(k, [r]);
  }
  return out;
}
