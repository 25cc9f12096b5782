// Value index entries a synchronization batch reads ahead for its joins: which metaverse objects hold each
// (attribute, value key) its objects could join on, found in one statement per 256 keys instead of one statement
// per object. What is held stays exact: the store reports every entry it adds or removes, and a key read ahead and
// found nowhere is an answer too (the usual one, for an object that projects).
import { inLists } from './in-lists.ts';
import type { SqlDatabase } from './sql/sql-database.ts';

/** Value keys per statement. */
const CHUNK = 256;

/** The most ids a lookup gives, as the index's own lookup. */
export const KEY_LOOKUP_LIMIT = 50;

/** Entries read ahead, by attribute id and value key. */
export class MvKeysAhead {
  private held: Map<string, Set<number>> | null = null;

  constructor(private readonly db: SqlDatabase) {}

  /** Reads the objects holding each of these (attribute id, value key) pairs not already held. */
  read(pairs: Iterable<readonly [attr: number, key: string]>): void {
    const held = (this.held ??= new Map());
    const byAttr = new Map<number, Set<string>>();
    for (const [attr, key] of pairs) {
      if (held.has(slot(attr, key))) continue;
      let keys = byAttr.get(attr);
      if (!keys) byAttr.set(attr, (keys = new Set()));
      keys.add(key);
    }
    for (const [attr, keys] of byAttr) {
      for (const { asked, keys: bound, marks } of inLists(keys, CHUNK)) {
        for (const key of asked) held.set(slot(attr, key), new Set());
        const rows = this.db.prepare(`SELECT value, mv_id FROM mv_index WHERE attr = ? AND value IN (${marks})`).all(attr, ...bound) as { value: string; mv_id: number }[];
        for (const r of rows) held.get(slot(attr, r.value))?.add(r.mv_id);
      }
    }
  }

  /** The ids holding the pair, when it was read ahead (undefined: look it up). */
  find(attr: number, key: string): number[] | undefined {
    const ids = this.held?.get(slot(attr, key));
    return ids ? [...ids].slice(0, KEY_LOOKUP_LIMIT) : undefined;
  }

  /** The store wrote an entry. */
  added(attr: number, key: string, id: number): void {
    this.held?.get(slot(attr, key))?.add(id);
  }

  /** The store removed an entry. */
  removed(attr: number, key: string, id: number): void {
    this.held?.get(slot(attr, key))?.delete(id);
  }

  /** Forgets everything (the batch ended, a transaction rolled back, or the index was rebuilt). */
  forget(): void {
    this.held = null;
  }
}

function slot(attr: number, key: string): string {
  return `${attr}\u0000${key}`;
}
